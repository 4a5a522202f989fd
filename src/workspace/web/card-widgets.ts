// Card v2 widgets → HTML strings for the local workspace (pure: no DOM), used by card-renderer.ts.
import type { Button, Chip, Color, Column, DateTimePicker, DecoratedText, GridItem, Icon, OnClick, SelectionItem, TextInput } from '../../contract/card-types';
import { escapeHtml, iconHtml, limitedHtml, safeUrl } from './card-html';

export interface RenderOptions {
  /** The viewer's offset from UTC in ms (as in commonEventObject.timeZone.offset); date-time pickers show values in it. */
  timeZoneOffsetMs?: number;
  /** UI strings the renderer adds itself (Google shows them in the user's language). */
  labels?: Partial<Labels>;
}
export interface Labels { showMore: string; showLess: string; unsupported: string; privateMessage: string }
export const DEFAULT_LABELS: Labels = {
  showMore: 'Show more', showLess: 'Show less', unsupported: 'Unsupported widget', privateMessage: 'Only visible to you',
};

type Loose<T> = Partial<T> & Record<string, unknown>;
type Attrs = Record<string, string | number | boolean | undefined>;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** ` key="value"` pairs, HTML-escaped; `true` gives a bare attribute, `false`/undefined none. */
export function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === false) continue;
    out += v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`;
  }
  return out;
}

/** The click contract with the client: `data-action` holds the OnClick JSON exactly as the card gave it. */
export function actionAttrs(onClick: unknown): Attrs {
  return isObj(onClick) ? { 'data-action': JSON.stringify(onClick) } : {};
}
function clickable(onClick: unknown): Attrs {
  return isObj(onClick) ? { ...actionAttrs(onClick), role: 'button', tabindex: 0 } : {};
}

export function labelsOf(o: RenderOptions): Labels {
  return { ...DEFAULT_LABELS, ...o.labels };
}

export function unsupported(name: string, o: RenderOptions, detail = ''): string {
  return `<div class="kc-widget kc-unsupported" role="note">${escapeHtml(labelsOf(o).unsupported)}: ${escapeHtml(name)}${detail ? ` (${escapeHtml(detail)})` : ''}</div>`;
}

const label = (text: unknown, tag = 'span'): string => (text ? `<${tag} class="kc-label">${escapeHtml(str(text))}</${tag}>` : '');

// ---- buttons and chips

const BUTTON_TYPES = new Set(['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS']);

function cssColor(c: Loose<Color>): { background: string; text: string } {
  const ch = (v: unknown) => Math.round(Math.min(1, Math.max(0, typeof v === 'number' && Number.isFinite(v) ? v : 0)) * 255);
  const [r, g, b] = [ch(c.red), ch(c.green), ch(c.blue)];
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return { background: `rgb(${r}, ${g}, ${b})`, text: luminance > 0.6 ? '#1f1f1f' : '#ffffff' };
}

/** Google's default button style is OUTLINED; a `color` forces FILLED in that colour (GoogleAppsCardV1Button.type/color). */
export function renderButton(b: Loose<Button>, o: RenderOptions, defaultType = 'OUTLINED'): string {
  if (!isObj(b)) return unsupported('button', o, 'malformed');
  const color = isObj(b.color) ? cssColor(b.color) : undefined;
  const type = color ? 'FILLED' : BUTTON_TYPES.has(str(b.type)) ? str(b.type) : defaultType;
  const text = str(b.text);
  const alt = str(b.altText) || str((b.icon as Icon | undefined)?.altText) || undefined;
  const a: Attrs = {
    type: 'button',
    class: `kc-btn kc-btn-${type.toLowerCase().replace('_', '-')}`,
    ...actionAttrs(b.onClick),
    disabled: b.disabled === true,
    title: alt,
    'aria-label': text ? undefined : alt,
    style: color ? `background:${color.background};border-color:${color.background};color:${color.text}` : undefined,
  };
  return `<button${attrs(a)}>${iconHtml(b.icon as Icon | undefined)}${text ? `<span class="kc-btn-label">${escapeHtml(text)}</span>` : ''}</button>`;
}

function buttonList(w: Loose<{ buttons: Button[] }>, o: RenderOptions): string {
  return `<div class="kc-widget kc-buttons">${list<Loose<Button>>(w.buttons).map((b) => renderButton(b, o)).join('')}</div>`;
}

function chipList(w: Loose<{ chips: Chip[]; layout: string }>): string {
  const chips = list<Loose<Chip>>(w.chips).map((c) => {
    const inner = `${iconHtml(c.icon as Icon | undefined)}<span class="kc-chip-label">${escapeHtml(str(c.label))}</span>`;
    if (!isObj(c.onClick)) return `<span class="kc-chip"${attrs({ title: c.altText as string | undefined })}>${inner}</span>`;
    return `<button${attrs({ type: 'button', class: 'kc-chip', ...actionAttrs(c.onClick), disabled: c.disabled === true, title: c.altText as string | undefined })}>${inner}</button>`;
  });
  return `<div class="kc-widget kc-chips${w.layout === 'HORIZONTAL_SCROLLABLE' ? ' kc-chips-scroll' : ''}">${chips.join('')}</div>`;
}

// ---- text

function textParagraph(w: Loose<{ text: string; maxLines: number }>): string {
  const lines = typeof w.maxLines === 'number' && w.maxLines > 0 ? Math.floor(w.maxLines) : 0;
  // Google hides the excess behind "show more"; here the text is clamped and the client may toggle .kc-expanded.
  const clamp: Attrs = lines ? { class: 'kc-text kc-clamp', style: `--kc-lines:${lines}`, 'data-max-lines': lines } : { class: 'kc-text' };
  return `<div class="kc-widget kc-paragraph"><div${attrs(clamp)}>${limitedHtml(w.text)}</div></div>`;
}

function decoratedText(d: Loose<DecoratedText>, o: RenderOptions): string {
  const start = iconHtml((d.startIcon ?? d.icon) as Icon | undefined, 'kc-start-icon');
  const top = d.topLabel ? `<div class="kc-top-label">${limitedHtml(d.topLabel)}</div>` : '';
  const main = `<div class="kc-deco-text${d.wrapText === true ? '' : ' kc-nowrap'}">${limitedHtml(d.text)}</div>`;
  const bottom = d.bottomLabel ? `<div class="kc-bottom-label">${limitedHtml(d.bottomLabel)}</div>` : '';
  const side = isObj(d.button) ? renderButton(d.button, o) : iconHtml(d.endIcon as Icon | undefined, 'kc-end-icon');
  const switchHtml = isObj(d.switchControl) ? unsupported('decoratedText.switchControl', o) : '';
  const a = { class: `kc-widget kc-deco${isObj(d.onClick) ? ' kc-clickable' : ''}`, ...clickable(d.onClick) };
  return `<div${attrs(a)}>${start}<div class="kc-deco-body">${top}${main}${bottom}${switchHtml}</div>${side}</div>`;
}

// ---- inputs (each control carries name, data-widget and data-type for card-inputs.ts)

function textInput(t: Loose<TextInput>): string {
  const multi = t.type === 'MULTIPLE_LINE';
  const common: Attrs = {
    class: 'kc-input', name: str(t.name), 'data-widget': 'textInput', 'data-type': multi ? 'MULTIPLE_LINE' : 'SINGLE_LINE',
    placeholder: t.placeholderText as string | undefined,
  };
  // The HTML parser drops one newline right after <textarea>, so one is given to it to drop.
  const control = multi
    ? `<textarea${attrs({ ...common, rows: 3 })}>\n${escapeHtml(str(t.value))}</textarea>`
    : `<input${attrs({ ...common, type: 'text', value: t.value === undefined ? undefined : str(t.value) })}>`;
  const hint = t.hintText ? `<span class="kc-hint">${escapeHtml(str(t.hintText))}</span>` : '';
  return `<label class="kc-widget kc-field">${label(t.label)}${control}${hint}</label>`;
}

function selectionInput(s: Loose<{ name: string; label: string; type: string; items: SelectionItem[] }>): string {
  const type = str(s.type) || 'CHECK_BOX';
  const items = list<Loose<SelectionItem>>(s.items);
  const base: Attrs = { name: str(s.name), 'data-widget': 'selectionInput', 'data-type': type };
  if (type === 'DROPDOWN' || type === 'MULTI_SELECT') {
    const multi = type === 'MULTI_SELECT';
    const options = items.map((i) => `<option${attrs({ value: str(i.value), selected: i.selected === true })}>${escapeHtml(str(i.text))}</option>`).join('');
    const a: Attrs = { class: `kc-input kc-select${multi ? ' kc-multi' : ''}`, ...base, multiple: multi, size: multi ? Math.min(Math.max(items.length, 2), 6) : undefined };
    return `<label class="kc-widget kc-field">${label(s.label)}<select${attrs(a)}>${options}</select></label>`;
  }
  const inputType = type === 'RADIO_BUTTON' ? 'radio' : 'checkbox';
  const rows = items.map((i) => {
    const input = `<input${attrs({ type: inputType, ...base, value: str(i.value), checked: i.selected === true, role: type === 'SWITCH' ? 'switch' : undefined })}>`;
    const sub = i.bottomText ? `<small class="kc-option-sub">${escapeHtml(str(i.bottomText))}</small>` : '';
    return `<label class="kc-option">${input}<span class="kc-option-text">${escapeHtml(str(i.text))}${sub}</span></label>`;
  }).join('');
  return `<fieldset class="kc-widget kc-choice kc-choice-${type.toLowerCase().replace('_', '-')}">${label(s.label, 'legend')}${rows}</fieldset>`;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The `value` of an <input type=date|datetime-local|time> for a picker's valueMsEpoch (GoogleAppsCardV1DateTimePicker):
 * DATE_ONLY is a calendar date at 00:00 UTC, so it is read in UTC; DATE_AND_TIME and TIME_ONLY are UTC instants/times
 * shown in the viewer's zone (`offsetMs`).
 */
export function pickerValue(type: string, valueMsEpoch: unknown, offsetMs: number): string | undefined {
  const ms = typeof valueMsEpoch === 'string' && /^-?\d+$/.test(valueMsEpoch.trim()) ? Number(valueMsEpoch) : typeof valueMsEpoch === 'number' ? valueMsEpoch : NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  if (type === 'DATE_ONLY') return iso(ms).slice(0, 10);
  if (type === 'TIME_ONLY') return iso((((ms + offsetMs) % DAY) + DAY) % DAY).slice(11, 16);
  return iso(ms + offsetMs).slice(0, 16);
}

const PICKER_INPUT: Record<string, string> = { DATE_ONLY: 'date', DATE_AND_TIME: 'datetime-local', TIME_ONLY: 'time' };

function dateTimePicker(d: Loose<DateTimePicker>, o: RenderOptions): string {
  const type = PICKER_INPUT[str(d.type)] ? str(d.type) : 'DATE_AND_TIME';
  // timezoneOffsetDate (minutes) on the widget overrides the viewer's zone; the input remembers it for collection.
  const own = typeof d.timezoneOffsetDate === 'number' ? d.timezoneOffsetDate * 60_000 : undefined;
  const a: Attrs = {
    class: 'kc-input', type: PICKER_INPUT[type], name: str(d.name), 'data-widget': 'dateTimePicker', 'data-type': type,
    'data-tz-offset-ms': own, value: pickerValue(type, d.valueMsEpoch, own ?? o.timeZoneOffsetMs ?? 0),
  };
  return `<label class="kc-widget kc-field">${label(d.label)}<input${attrs(a)}></label>`;
}

// ---- layout

/** Grid items share the grid's onClick; Google adds the item's id to the action parameters (key per the Chat API reference). */
export function gridItemClick(onClick: unknown, item: Loose<GridItem>): unknown {
  if (!isObj(onClick) || !isObj(onClick.action) || item.id === undefined) return onClick;
  const parameters = [...list<unknown>(onClick.action.parameters), { key: 'grid_item_identifier', value: str(item.id) }];
  return { ...onClick, action: { ...onClick.action, parameters } };
}

function grid(g: Loose<{ title: string; columnCount: number; items: GridItem[]; onClick: OnClick }>): string {
  const cols = typeof g.columnCount === 'number' && g.columnCount > 0 ? Math.min(Math.floor(g.columnCount), 6) : 2;
  const items = list<Loose<GridItem>>(g.items).map((item, index) => {
    const image = isObj(item.image) ? safeUrl(item.image.imageUri) : undefined;
    const img = image ? `<img class="kc-grid-img"${attrs({ src: image, alt: str((item.image as Record<string, unknown>).altText), loading: 'lazy' })}>` : '';
    const a: Attrs = { class: `kc-grid-item${isObj(g.onClick) ? ' kc-clickable' : ''}`, ...clickable(gridItemClick(g.onClick, item)), 'data-grid-item-id': item.id as string | undefined, 'data-grid-item-index': index };
    const title = item.title ? `<div class="kc-grid-title">${escapeHtml(str(item.title))}</div>` : '';
    const sub = item.subtitle ? `<div class="kc-grid-subtitle">${escapeHtml(str(item.subtitle))}</div>` : '';
    return `<div${attrs(a)}>${img}${title}${sub}</div>`;
  }).join('');
  const title = g.title ? `<div class="kc-grid-heading">${escapeHtml(str(g.title))}</div>` : '';
  return `<div class="kc-widget kc-grid">${title}<div class="kc-grid-items" style="--kc-cols:${cols}">${items}</div></div>`;
}

const ALIGN: Record<string, string> = { START: 'start', CENTER: 'center', END: 'end', TOP: 'top', BOTTOM: 'bottom' };

function columns(c: Loose<{ columnItems: Column[] }>, o: RenderOptions): string {
  const cols = list<Loose<Column>>(c.columnItems).map((col) => {
    const cls = [
      'kc-column',
      col.horizontalSizeStyle === 'FILL_MINIMUM_SPACE' ? 'kc-col-min' : 'kc-col-fill',
      `kc-h-${ALIGN[str(col.horizontalAlignment)] ?? 'start'}`,
      `kc-v-${ALIGN[str(col.verticalAlignment)] ?? 'center'}`,
    ].join(' ');
    return `<div class="${cls}">${list<Record<string, unknown>>(col.widgets).map((w) => renderWidget(w, o)).join('')}</div>`;
  }).join('');
  return `<div class="kc-widget kc-columns">${cols}</div>`;
}

function image(i: Loose<{ imageUrl: string; altText: string; onClick: OnClick }>): string {
  const src = safeUrl(i.imageUrl);
  const inner = src ? `<img${attrs({ src, alt: str(i.altText), loading: 'lazy' })}>` : `<span class="kc-image-missing">${escapeHtml(str(i.altText) || 'image')}</span>`;
  return `<div${attrs({ class: `kc-widget kc-image${isObj(i.onClick) ? ' kc-clickable' : ''}`, ...clickable(i.onClick) })}>${inner}</div>`;
}

// ---- dispatch

type WidgetRenderer = (value: Record<string, unknown>, o: RenderOptions) => string;
const WIDGETS = new Map<string, WidgetRenderer>([
  ['textParagraph', textParagraph], ['decoratedText', decoratedText], ['buttonList', buttonList], ['textInput', textInput],
  ['selectionInput', selectionInput], ['dateTimePicker', dateTimePicker], ['divider', () => '<hr class="kc-widget kc-divider">'],
  ['grid', grid], ['columns', columns], ['chipList', chipList], ['image', image],
]);

/** One widget. A key the renderer does not know is shown as a warning box, never dropped. */
export function renderWidget(widget: unknown, o: RenderOptions): string {
  if (!isObj(widget)) return unsupported('(not an object)', o);
  const keys = Object.keys(widget).filter((k) => k !== 'horizontalAlignment');
  if (keys.length === 0) return unsupported('(empty)', o);
  const html = keys.map((k) => {
    const render = WIDGETS.get(k);
    if (!render) return unsupported(k, o);
    const value = widget[k];
    return isObj(value) ? render(value, o) : unsupported(k, o, 'malformed');
  }).join('');
  const align = widget.horizontalAlignment === 'CENTER' || widget.horizontalAlignment === 'END' ? widget.horizontalAlignment : undefined;
  return align ? `<div class="kc-align kc-align-${align.toLowerCase()}">${html}</div>` : html;
}
