// The one translator from Card v2 JSON and RenderActions to CardService, for the Gmail, Docs and Sheets add-on hosts.
// Builders: developers.google.com/apps-script/reference/card-service (one class per widget). Fields follow the
// GoogleAppsCard V1 schemas in ../shared/google/chat-v1-discovery.json. A card the translator cannot represent is a bug
// in the card code, so it throws an Error naming the card, section and widget instead of dropping anything.
import type {
  Button, Card, CardAction, CardHeader, Chip, ChipList, Color, Column, DateTimePicker, DecoratedText, Grid, Icon,
  MaterialIcon, OnClick, OpenLink, Section, SelectionInput, TextInput, Widget,
} from '../contract/card-types';
import { isRequestFileScope, type AddOnActionResponse, type Navigation, type RenderActions, type RequestFileScope, type TriggerCards } from '../ui/render-actions';

type GCard = GoogleAppsScript.Card_Service.Card;
type GWidget = GoogleAppsScript.Card_Service.Widget;
type GAction = GoogleAppsScript.Card_Service.Action;
type GOpenLink = GoogleAppsScript.Card_Service.OpenLink;
type GIconImage = GoogleAppsScript.Card_Service.IconImage;
type GTextButton = GoogleAppsScript.Card_Service.TextButton;
type GActionResponse = GoogleAppsScript.Card_Service.ActionResponse;
type GFileScopeResponse = GoogleAppsScript.Card_Service.EditorFileScopeActionResponse;

// Documented but missing from @types/google-apps-script 2.0.13 — narrow shapes of exactly what is used here:
// …/card-service/columns (addColumn), …/column, …/chip-list (addChip, setLayout, ChipListLayout), …/chip,
// …/text-paragraph#setMaxLines, …/text-button#setIcon / #setMaterialIcon, enums HorizontalSizeStyle, VerticalAlignment.
type EnumValue = { readonly __cardServiceEnum: true };
interface GColumn {
  addWidget(w: GWidget): GColumn; setHorizontalSizeStyle(s: EnumValue): GColumn;
  setHorizontalAlignment(a: GoogleAppsScript.Card_Service.HorizontalAlignment): GColumn; setVerticalAlignment(a: EnumValue): GColumn;
}
interface GColumns extends GWidget { addColumn(c: GColumn): GColumns }
interface GChip { setLabel(l: string): GChip; setIcon(i: GIconImage): GChip; setDisabled(d: boolean): GChip; setAltText(t: string): GChip; setOnClickAction(a: GAction): GChip; setOpenLink(l: GOpenLink): GChip }
interface GChipList extends GWidget { addChip(c: GChip): GChipList; setLayout(l: EnumValue): GChipList }
interface GTextParagraph extends GoogleAppsScript.Card_Service.TextParagraph { setMaxLines(n: number): GTextParagraph }
interface GTextButtonExt extends GTextButton { setIcon(i: GoogleAppsScript.Card_Service.Icon): GTextButton; setMaterialIcon(i: GoogleAppsScript.Card_Service.MaterialIcon): GTextButton }
interface CardServiceExt {
  newColumns(): GColumns;
  newColumn(): GColumn;
  newChipList(): GChipList;
  newChip(): GChip;
  HorizontalSizeStyle: Record<string, EnumValue | undefined>;
  VerticalAlignment: Record<string, EnumValue | undefined>;
  ChipListLayout: Record<string, EnumValue | undefined>;
}

/** The Apps Script global, read at call time (never at module load) so a fake can be installed first. */
function cs(): GoogleAppsScript.Card_Service.CardService & CardServiceExt {
  return CardService as GoogleAppsScript.Card_Service.CardService & CardServiceExt;
}

function fail(where: string, what: string): never {
  throw new Error(`Card translation (${where}): ${what}`);
}

/** CardService.<enumName>.<key>, or a clear error for a value Kompetent emits that Apps Script lacks. */
function enumOf<T>(enumName: string, key: string, where: string): T {
  const e = (cs() as unknown as Record<string, Record<string, T | undefined> | undefined>)[enumName];
  const v = e?.[key];
  if (v === undefined || v === null) fail(where, `CardService.${enumName}.${key} does not exist`);
  return v;
}

function label(card: Card): string {
  return `card "${card.name ?? card.header?.title ?? 'untitled'}"`;
}

// ---- Cards -------------------------------------------------------------------------------------------------------

export function toCardServiceCard(card: Card): GCard {
  const where = label(card);
  const b = cs().newCardBuilder();
  if (card.name) b.setName(card.name);
  if (card.header) b.setHeader(header(card.header, where));
  card.sections.forEach((s, i) => b.addSection(section(s, `${where} section ${i + 1}`)));
  if (card.fixedFooter) {
    const { primaryButton, secondaryButton } = card.fixedFooter;
    // FixedFooter requires a primary button (…/card-service/fixed-footer).
    if (!primaryButton) fail(`${where} fixedFooter`, 'a fixed footer needs a primaryButton');
    const f = cs().newFixedFooter().setPrimaryButton(textButton(primaryButton, `${where} fixedFooter primary`));
    if (secondaryButton) f.setSecondaryButton(textButton(secondaryButton, `${where} fixedFooter secondary`));
    b.setFixedFooter(f);
  }
  return b.build();
}

function header(h: CardHeader, where: string): GoogleAppsScript.Card_Service.CardHeader {
  const g = cs().newCardHeader().setTitle(h.title);
  if (h.subtitle) g.setSubtitle(h.subtitle);
  if (h.imageUrl) g.setImageUrl(h.imageUrl);
  if (h.imageType) g.setImageStyle(enumOf('ImageStyle', h.imageType, `${where} header`));
  if (h.imageAltText) g.setImageAltText(h.imageAltText);
  return g;
}

function section(s: Section, where: string): GoogleAppsScript.Card_Service.CardSection {
  const g = cs().newCardSection();
  if (s.header) g.setHeader(s.header);
  if (s.collapsible) g.setCollapsible(true);
  if (s.uncollapsibleWidgetsCount !== undefined) g.setNumUncollapsibleWidgets(s.uncollapsibleWidgetsCount);
  s.widgets.forEach((w, i) => g.addWidget(widget(w, `${where} widget ${i + 1}`, false)));
  return g;
}

// Widgets a column may hold: GoogleAppsCardV1Column.widgets is GoogleAppsCardV1Widgets (no divider, grid or columns).
const COLUMN_WIDGETS = new Set(['textParagraph', 'decoratedText', 'buttonList', 'textInput', 'selectionInput', 'dateTimePicker', 'chipList', 'image']);

function widget(w: Widget, where: string, inColumn: boolean): GWidget {
  const keys = Object.keys(w);
  const [kind] = keys;
  if (keys.length !== 1 || kind === undefined) fail(where, `a widget must have exactly one kind, got [${keys.join(', ')}]`);
  const at = `${where} (${kind})`;
  if (inColumn && !COLUMN_WIDGETS.has(kind)) fail(at, `"${kind}" cannot be placed inside a column`);
  if ('textParagraph' in w) {
    const p = cs().newTextParagraph().setText(w.textParagraph.text) as GTextParagraph;
    if (w.textParagraph.maxLines !== undefined) p.setMaxLines(w.textParagraph.maxLines);
    return p;
  }
  if ('decoratedText' in w) return decoratedText(w.decoratedText, at);
  if ('buttonList' in w) {
    const set = cs().newButtonSet();
    w.buttonList.buttons.forEach((b, i) => set.addButton(textButton(b, `${at} button ${i + 1}`)));
    return set;
  }
  if ('textInput' in w) return textInput(w.textInput);
  if ('selectionInput' in w) return selectionInput(w.selectionInput, at);
  if ('dateTimePicker' in w) return dateTimePicker(w.dateTimePicker, at);
  if ('divider' in w) return cs().newDivider();
  if ('grid' in w) return grid(w.grid, at);
  if ('columns' in w) return columns(w.columns.columnItems, at);
  if ('chipList' in w) return chipList(w.chipList, at);
  return fail(at, `widget "${kind}" has no CardService translation in src/gas/card-service.ts`);
}

function decoratedText(t: DecoratedText, where: string): GWidget {
  const g = cs().newDecoratedText().setText(t.text);
  if (t.topLabel) g.setTopLabel(t.topLabel);
  if (t.bottomLabel) g.setBottomLabel(t.bottomLabel);
  if (t.wrapText !== undefined) g.setWrapText(t.wrapText);
  if (t.startIcon) g.setStartIcon(iconImage(t.startIcon, `${where} startIcon`));
  if (t.button) g.setButton(textButton(t.button, `${where} button`));
  if (t.onClick) applyOnClick(g, t.onClick, where);
  return g;
}

function textInput(t: TextInput): GWidget {
  const g = cs().newTextInput().setFieldName(t.name);
  if (t.label) g.setTitle(t.label);
  if (t.hintText) g.setHint(t.hintText);
  if (t.value !== undefined) g.setValue(t.value);
  if (t.type === 'MULTIPLE_LINE') g.setMultiline(true);
  return g;
}

function selectionInput(s: SelectionInput, where: string): GWidget {
  const g = cs().newSelectionInput().setFieldName(s.name);
  if (s.label) g.setTitle(s.label);
  if (s.type) g.setType(enumOf('SelectionInputType', s.type, where));
  for (const item of s.items) {
    // bottomText exists only for multiselect menus (GoogleAppsCardV1SelectionItem), where addMultiSelectItem carries it.
    if (s.type === 'MULTI_SELECT' && item.bottomText) g.addMultiSelectItem(item.text, item.value, !!item.selected, '', item.bottomText);
    else g.addItem(item.text, item.value, !!item.selected);
  }
  return g;
}

function dateTimePicker(p: DateTimePicker, where: string): GWidget {
  const ms = p.valueMsEpoch === undefined ? undefined : Number(p.valueMsEpoch);
  if (ms !== undefined && !Number.isFinite(ms)) fail(where, `valueMsEpoch "${p.valueMsEpoch}" is not a number`);
  switch (p.type ?? 'DATE_AND_TIME') {
    case 'DATE_ONLY': {
      const g = cs().newDatePicker().setFieldName(p.name);
      if (p.label) g.setTitle(p.label);
      if (ms !== undefined) g.setValueInMsSinceEpoch(ms);
      return g;
    }
    case 'DATE_AND_TIME': {
      const g = cs().newDateTimePicker().setFieldName(p.name);
      if (p.label) g.setTitle(p.label);
      if (ms !== undefined) g.setValueInMsSinceEpoch(ms);
      return g;
    }
    case 'TIME_ONLY': {
      // Card v2 gives a time as ms since 00:00 UTC (DateTimePicker.valueMsEpoch); TimePicker takes hours and minutes.
      const g = cs().newTimePicker().setFieldName(p.name);
      if (p.label) g.setTitle(p.label);
      if (ms !== undefined) {
        const minutes = Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
        g.setHours(Math.floor(minutes / 60)).setMinutes(minutes % 60);
      }
      return g;
    }
    default:
      return fail(where, `dateTimePicker type "${String(p.type)}" is unknown`);
  }
}

function grid(gr: Grid, where: string): GWidget {
  const g = cs().newGrid();
  if (gr.title) g.setTitle(gr.title);
  if (gr.columnCount !== undefined) g.setNumColumns(gr.columnCount);
  for (const item of gr.items) {
    const i = cs().newGridItem();
    if (item.id) i.setIdentifier(item.id);
    if (item.title) i.setTitle(item.title);
    if (item.subtitle) i.setSubtitle(item.subtitle);
    g.addItem(i);
  }
  if (gr.onClick) applyOnClick(g, gr.onClick, where);
  return g;
}

function columns(items: Column[], where: string): GWidget {
  // "You can include up to 2 columns in a card or dialog" (GoogleAppsCardV1Columns.columnItems).
  if (items.length > 2) fail(where, `${items.length} columns; Google allows at most 2`);
  const g = cs().newColumns();
  items.forEach((c, ci) => {
    const at = `${where} column ${ci + 1}`;
    const col = cs().newColumn();
    if (c.horizontalSizeStyle) col.setHorizontalSizeStyle(enumOf('HorizontalSizeStyle', c.horizontalSizeStyle, at));
    if (c.horizontalAlignment) col.setHorizontalAlignment(enumOf('HorizontalAlignment', c.horizontalAlignment, at));
    if (c.verticalAlignment) col.setVerticalAlignment(enumOf('VerticalAlignment', c.verticalAlignment, at));
    c.widgets.forEach((w, wi) => col.addWidget(widget(w, `${at} widget ${wi + 1}`, true)));
    g.addColumn(col);
  });
  return g;
}

function chipList(l: ChipList, where: string): GWidget {
  const g = cs().newChipList();
  if (l.layout) g.setLayout(enumOf('ChipListLayout', l.layout, where));
  l.chips.forEach((c, i) => g.addChip(chip(c, `${where} chip ${i + 1}`)));
  return g;
}

function chip(c: Chip, where: string): GChip {
  const g = cs().newChip().setLabel(c.label);
  if (c.icon) g.setIcon(iconImage(c.icon, `${where} icon`));
  if (c.disabled) g.setDisabled(true);
  if (c.onClick) applyOnClick(g, c.onClick, where);
  return g;
}

// ---- Buttons, icons, clicks --------------------------------------------------------------------------------------

function textButton(b: Button, where: string): GTextButton {
  const g = cs().newTextButton().setText(b.text) as GTextButtonExt;
  // "If the color field is set, the button type is forced to FILLED" (GoogleAppsCardV1Button.type); CardService takes
  // the colour as #rrggbb on a FILLED button (…/text-button#setBackgroundColor).
  const style = b.color ? 'FILLED' : b.type;
  if (style) g.setTextButtonStyle(enumOf('TextButtonStyle', style, where));
  if (b.color) g.setBackgroundColor(hex(b.color));
  if (b.disabled) g.setDisabled(true);
  if (b.altText) g.setAltText(b.altText);
  if (b.icon) {
    if (b.icon.materialIcon) g.setMaterialIcon(materialIcon(b.icon.materialIcon));
    else if (b.icon.knownIcon) g.setIcon(enumOf('Icon', b.icon.knownIcon, `${where} icon`));
    else fail(`${where} icon`, 'a button icon needs knownIcon or materialIcon');
  }
  applyOnClick(g, b.onClick, where);
  return g;
}

function iconImage(icon: Icon, where: string): GIconImage {
  const g = cs().newIconImage();
  if (icon.materialIcon) g.setMaterialIcon(materialIcon(icon.materialIcon));
  else if (icon.knownIcon) g.setIcon(enumOf('Icon', icon.knownIcon, where));
  else fail(where, 'an icon needs knownIcon or materialIcon');
  if (icon.altText) g.setAltText(icon.altText);
  return g;
}

function materialIcon(m: MaterialIcon): GoogleAppsScript.Card_Service.MaterialIcon {
  const g = cs().newMaterialIcon().setName(m.name);
  if (m.fill !== undefined) g.setFill(m.fill);
  return g;
}

function hex(c: Color): string {
  const part = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 255).toString(16).padStart(2, '0');
  return `#${part(c.red)}${part(c.green)}${part(c.blue)}`;
}

interface Clickable { setOnClickAction(a: GAction): unknown; setOpenLink(l: GOpenLink): unknown }

function applyOnClick(target: Clickable, onClick: OnClick, where: string): void {
  if (onClick.action && onClick.openLink) fail(where, 'onClick has both action and openLink (a oneof)');
  if (onClick.action) target.setOnClickAction(action(onClick.action, where));
  else if (onClick.openLink) target.setOpenLink(openLink(onClick.openLink, where));
  else fail(where, 'onClick needs an action or an openLink');
}

function action(a: CardAction, where: string): GAction {
  const g = cs().newAction().setFunctionName(a.function);
  if (a.parameters?.length) {
    const params: Record<string, string> = {};
    for (const { key, value } of a.parameters) {
      if (key in params) fail(where, `action parameter "${key}" appears twice`);
      params[key] = value;
    }
    g.setParameters(params);
  }
  if (a.loadIndicator) g.setLoadIndicator(enumOf('LoadIndicator', a.loadIndicator, where));
  if (a.persistValues !== undefined) g.setPersistValues(a.persistValues);
  // `interaction: OPEN_DIALOG` is Chat-only and must not reach an add-on: "If specified for an add-on, the entire card is
  // stripped and nothing is shown in the client" (google.apps.card.v1 Action.Interaction; CardService Interaction enum
  // "Not available for Google Workspace add-ons"). In add-on hosts the handler answers with pushCard instead.
  return g;
}

function openLink(l: OpenLink, where: string): GOpenLink {
  const g = cs().newOpenLink().setUrl(l.url);
  if (l.openAs) g.setOpenAs(enumOf('OpenAs', l.openAs, where));
  if (l.onClose) g.setOnClose(enumOf('OnClose', l.onClose, where));
  return g;
}

// ---- Responses ---------------------------------------------------------------------------------------------------

/** A card-action callback's reply: CardService's ActionResponse (or the Docs/Sheets file-scope request). */
export function toActionResponse(resp: RenderActions): GActionResponse;
export function toActionResponse(resp: RequestFileScope): GFileScopeResponse;
export function toActionResponse(resp: AddOnActionResponse): GActionResponse | GFileScopeResponse;
export function toActionResponse(resp: AddOnActionResponse): GActionResponse | GFileScopeResponse {
  if (isRequestFileScope(resp)) {
    return cs().newEditorFileScopeActionResponseBuilder().requestFileScopeForActiveDocument().build();
  }
  const { navigations = [], notification, link } = resp.action;
  if (navigations.length === 0 && !notification && !link) {
    fail('RenderActions', 'action is empty; an add-on callback must navigate, notify or open a link');
  }
  const b = cs().newActionResponseBuilder();
  if (navigations.length > 0) b.setNavigation(navigation(navigations));
  if (notification) b.setNotification(cs().newNotification().setText(notification.text));
  if (link) b.setOpenLink(openLink(link, 'RenderActions link'));
  return b.build();
}

function navigation(steps: Navigation[]): GoogleAppsScript.Card_Service.Navigation {
  const nav = cs().newNavigation();
  steps.forEach((step, i) => {
    if ('pushCard' in step) nav.pushCard(toCardServiceCard(step.pushCard));
    else if ('updateCard' in step) nav.updateCard(toCardServiceCard(step.updateCard));
    else if ('pop' in step) nav.popCard();
    else if ('popToRoot' in step) nav.popToRoot();
    else if ('popToCard' in step) nav.popToNamedCard(step.popToCard);
    else fail(`RenderActions navigation ${i + 1}`, `step [${Object.keys(step).join(', ')}] has no CardService translation`);
  });
  return nav;
}

/**
 * Cards for a homepage, contextual or onFileScopeGranted trigger (Apps Script returns Card[]; …/card-service "you could
 * return multiple Cards"). Also accepts the HTTP form of a trigger reply, { action: { navigations: [{ pushCard }] } }.
 */
export function toCards(reply: TriggerCards | RenderActions): GCard[] {
  if (Array.isArray(reply)) return reply.map(toCardServiceCard);
  if ('action' in reply) {
    const { navigations = [], notification, link } = reply.action;
    if (notification || link) fail('trigger reply', 'a trigger can only show cards, not a notification or link');
    return navigations.map((step, i) => {
      if ('pushCard' in step) return toCardServiceCard(step.pushCard);
      if ('updateCard' in step) return toCardServiceCard(step.updateCard);
      return fail(`trigger reply navigation ${i + 1}`, `step [${Object.keys(step).join(', ')}] is not a card`);
    });
  }
  return [toCardServiceCard(reply)];
}
