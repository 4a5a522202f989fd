// Checks the card tests share: valid against Google's Chat discovery schema, the buttons' actions and parameters, and
// the text fields Chat reads as HTML (where user text must arrive escaped).
import type { Section, Widget } from '../../src/contract/card-types';
import { validateAgainstDiscovery } from './discovery-validator';

/** Expects a Card v2 (GoogleAppsCardV1Card) that Google's schema accepts, as the JSON that goes over the wire. */
export function expectValidCard(card: unknown): void {
  expect(validateAgainstDiscovery('GoogleAppsCardV1Card', JSON.parse(JSON.stringify(card)))).toEqual([]);
}

/** Expects a Chat Message the app may send (no output-only fields). */
export function expectValidMessage(message: unknown): void {
  expect(validateAgainstDiscovery('Message', JSON.parse(JSON.stringify(message)), { rejectOutputOnly: true })).toEqual([]);
}

export interface Click { text?: string; action: string; params: Record<string, string>; dialog: boolean }

/** Every card action in the card (buttons, decorated-text buttons, footers), in order, with its parameters. */
export function clicks(value: unknown): Click[] {
  const out: Click[] = [];
  const walk = (v: unknown, text?: string) => {
    if (Array.isArray(v)) { v.forEach((x) => walk(x)); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const action = (o.onClick as { action?: { parameters?: { key: string; value: string }[]; interaction?: string } } | undefined)?.action;
    if (action?.parameters) {
      const params = Object.fromEntries(action.parameters.map((p) => [p.key, p.value]));
      const { action: name = '', ...rest } = params;
      out.push({ text: typeof o.text === 'string' ? o.text : text, action: name, params: rest, dialog: action.interaction === 'OPEN_DIALOG' });
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'onClick') walk(x);
  };
  walk(value);
  return out;
}

/** The action names of a card, in order. */
export const actionNames = (value: unknown): string[] => clicks(value).map((c) => c.action);

/** Every link a card opens (buttons with openLink). */
export function links(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/"openLink":\{"url":"([^"]*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

/**
 * The strings of the fields Google renders as formatted text (Card v2 "Formatting text": textParagraph.text and
 * decoratedText's text, topLabel and bottomLabel). Headers, button labels and inputs are plain text.
 */
export function htmlFields(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const tp = o.textParagraph as { text?: string } | undefined;
    if (tp?.text !== undefined) out.push(tp.text);
    const dt = o.decoratedText as Record<string, unknown> | undefined;
    if (dt) for (const k of ['text', 'topLabel', 'bottomLabel']) if (typeof dt[k] === 'string') out.push(dt[k]);
    Object.values(o).forEach(walk);
  };
  walk(value);
  return out;
}

/** User text that would be markup if it were not escaped. */
export const HOSTILE = 'Kari <b>Fet</b> & <a href="https://evil.example">lenke</a> <font color="#ff0000">x</font>';

/** Expects no formatted-text field of the card to carry the hostile text as markup, and at least one to carry it escaped. */
export function expectHostileInert(value: unknown, opts: { shown?: boolean } = {}): void {
  const html = htmlFields(value).join('\n');
  expect(html).not.toMatch(/<b>Fet|<a href|<font/);
  if (opts.shown ?? true) expect(html).toContain('Kari &lt;b&gt;Fet&lt;/b&gt; &amp; &lt;a href=');
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** A widget with every kind's field optional, so a test can read `w.decoratedText` without narrowing the union first. */
export type AnyWidget = Partial<UnionToIntersection<Widget>>;
/** The widgets of a section (or of a card's section), readable as AnyWidget. */
export function ws(section: Section | undefined): AnyWidget[] {
  if (!section) throw new Error('no such section');
  return section.widgets as AnyWidget[];
}
/** One widget, readable as AnyWidget. */
export const aw = (w: Widget | undefined): AnyWidget => {
  if (!w) throw new Error('no such widget');
  return w as AnyWidget;
};
