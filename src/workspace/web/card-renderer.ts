// Renders Card v2 JSON and Chat messages to HTML for the local workspace, as Google renders them (pure: Node and browser).
import type { Card, ChatMessage } from '../../contract/card-types';
import { chatMarkup, escapeHtml, limitedHtml, safeUrl } from './card-html';
import { attrs, isObj, labelsOf, renderButton, renderWidget, unsupported, type RenderOptions } from './card-widgets';

export type { RenderOptions, Labels } from './card-widgets';
export { DEFAULT_LABELS, pickerValue, renderWidget } from './card-widgets';
export { chatMarkup, escapeHtml, limitedHtml } from './card-html';

/** Card fields the renderer understands (or may ignore, being purely presentational); others get a warning. */
const CARD_FIELDS = new Set(['name', 'header', 'sections', 'fixedFooter', 'displayStyle', 'sectionDividerStyle', 'peekCardHeader']);

function renderHeader(h: Record<string, unknown>): string {
  const src = safeUrl(h.imageUrl);
  const img = src
    ? `<img${attrs({ class: `kc-header-img${h.imageType === 'CIRCLE' ? ' kc-circle' : ''}`, src, alt: typeof h.imageAltText === 'string' ? h.imageAltText : '' })}>`
    : '';
  const title = `<div class="kc-title">${escapeHtml(String(h.title ?? ''))}</div>`;
  const subtitle = h.subtitle ? `<div class="kc-subtitle">${escapeHtml(String(h.subtitle))}</div>` : '';
  return `<header class="kc-header">${img}<div class="kc-header-text">${title}${subtitle}</div></header>`;
}

/**
 * A section; when `collapsible`, the first `uncollapsibleWidgetsCount` widgets stay visible and the rest sit in a
 * <details> (GoogleAppsCardV1Section: the count only applies when collapsible is true). As in Google's cards, "Show more"
 * (the summary) sits under the visible widgets and, once open, "Show less" sits under the revealed ones: a button after
 * the body, which the client's click handler uses to close the section again.
 */
function renderSection(s: unknown, o: RenderOptions): string {
  if (!isObj(s)) return `<section class="kc-section">${unsupported('section', o, 'malformed')}</section>`;
  const widgets = Array.isArray(s.widgets) ? s.widgets : [];
  const head = s.header ? `<div class="kc-section-header">${limitedHtml(s.header)}</div>` : '';
  const draw = (ws: unknown[]) => ws.map((w) => renderWidget(w, o)).join('');
  const keep = typeof s.uncollapsibleWidgetsCount === 'number' ? Math.max(0, Math.floor(s.uncollapsibleWidgetsCount)) : 0;
  if (s.collapsible !== true || keep >= widgets.length) return `<section class="kc-section">${head}${draw(widgets)}</section>`;
  const labels = labelsOf(o);
  const more = `<summary class="kc-more-toggle">${escapeHtml(labels.showMore)}</summary>`;
  const less = `<button type="button" class="kc-more-toggle kc-more-less" aria-expanded="true">${escapeHtml(labels.showLess)}</button>`;
  return `<section class="kc-section kc-collapsible">${head}${draw(widgets.slice(0, keep))}`
    + `<details class="kc-more" data-collapsed-count="${widgets.length - keep}">${more}<div class="kc-more-body">${draw(widgets.slice(keep))}</div>${less}</details></section>`;
}

/** Google styles the footer's primary button FILLED and the secondary one OUTLINED unless the button says otherwise. */
function renderFooter(f: unknown, o: RenderOptions): string {
  if (!isObj(f)) return '';
  const secondary = isObj(f.secondaryButton) ? renderButton(f.secondaryButton, o, 'OUTLINED') : '';
  const primary = isObj(f.primaryButton) ? renderButton(f.primaryButton, o, 'FILLED') : '';
  return `<footer class="kc-footer">${secondary}${primary}</footer>`;
}

export interface CardRenderOptions extends RenderOptions {
  /** The CardWithId.cardId the card came with, written to data-card-id. */
  cardId?: string;
}

/**
 * One card as a <form class="kc-card">: the form scopes radio groups to the card, and its first (disabled, hidden)
 * submit button stops Enter in a text field from submitting the page (HTML implicit submission uses the default
 * button and does nothing when it is disabled).
 */
export function renderCard(card: Card, opts: CardRenderOptions = {}): string {
  const a = { class: 'kc-card', 'data-card-id': opts.cardId, 'data-card-name': isObj(card) && typeof card.name === 'string' ? card.name : undefined, novalidate: true };
  if (!isObj(card)) return `<form${attrs(a)}>${unsupported('card', opts, 'not an object')}</form>`;
  const c = card as unknown as Record<string, unknown>;
  const extra = Object.keys(c).filter((k) => !CARD_FIELDS.has(k)).map((k) => unsupported(`card.${k}`, opts)).join('');
  const noDividers = c.sectionDividerStyle === 'NO_DIVIDER';
  const sections = (Array.isArray(c.sections) ? c.sections : []).map((s) => renderSection(s, opts)).join('');
  const header = isObj(c.header) ? renderHeader(c.header) : '';
  return `<form${attrs({ ...a, class: `kc-card${noDividers ? ' kc-no-dividers' : ''}` })}>`
    + '<button type="submit" disabled hidden aria-hidden="true" tabindex="-1"></button>'
    + `${header}<div class="kc-body">${sections}${extra}</div>${renderFooter(c.fixedFooter, opts)}</form>`;
}

/**
 * A Chat message: its text with Chat's markup (*bold* _italic_ ~strike~ `code` links), its cardsV2, and the accessory
 * widgets (buttons) Chat shows under the message.
 */
export function renderMessage(message: ChatMessage, opts: RenderOptions = {}): string {
  const m = (isObj(message) ? message : {}) as ChatMessage & { accessoryWidgets?: unknown[] };
  const privateNote = m.privateMessageViewer ? `<div class="kc-private">${escapeHtml(labelsOf(opts).privateMessage)}</div>` : '';
  const text = typeof m.text === 'string' && m.text !== '' ? `<div class="kc-message-text">${chatMarkup(m.text)}</div>` : '';
  const cards = (Array.isArray(m.cardsV2) ? m.cardsV2 : [])
    .map((c) => (isObj(c) ? renderCard(c.card, { ...opts, cardId: typeof c.cardId === 'string' ? c.cardId : undefined }) : unsupported('cardsV2 item', opts, 'malformed')))
    .join('');
  const accessory = Array.isArray(m.accessoryWidgets) && m.accessoryWidgets.length
    ? `<div class="kc-accessory">${m.accessoryWidgets.map((w) => renderWidget(w, opts)).join('')}</div>` : '';
  return `<div class="kc-message">${privateNote}${text}${cards}${accessory}</div>`;
}
