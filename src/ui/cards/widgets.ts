// Small builders for Card v2 JSON so card code reads like the card (no host differences here).
import type { Button, Card, CardHeader, DecoratedText, Icon, Section, SelectionItem, Widget } from '../../contract/card-types';
import { CARD_ACTION_FUNCTION, type ActionName } from '../../contract/actions';

/** Escapes text for Google's limited card HTML (textParagraph, decoratedText): user text must never become markup. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function card(header: CardHeader | undefined, sections: Section[], extra: Partial<Card> = {}): Card {
  return { ...(header ? { header } : {}), sections: sections.filter((s) => s.widgets.length > 0), ...extra };
}

export function section(widgets: (Widget | undefined | false)[], opts: Omit<Section, 'widgets'> = {}): Section {
  return { ...opts, widgets: widgets.filter((w): w is Widget => !!w) };
}

export function text(html: string): Widget {
  return { textParagraph: { text: html } };
}

export function decorated(d: DecoratedText): Widget {
  // Optional fields left undefined are dropped, so the card JSON holds only what Google's schema allows.
  const defined = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as DecoratedText;
  return { decoratedText: { wrapText: true, ...defined } };
}

export function icon(name: string): Icon {
  return { materialIcon: { name } };
}

export function actionButton(label: string, action: ActionName, params: Record<string, string> = {},
  opts: { style?: Button['type']; dialog?: boolean; disabled?: boolean; icon?: string } = {}): Button {
  return {
    text: label,
    ...(opts.style ? { type: opts.style } : {}),
    ...(opts.disabled ? { disabled: true } : {}),
    ...(opts.icon ? { icon: icon(opts.icon) } : {}),
    onClick: {
      action: {
        function: CARD_ACTION_FUNCTION,
        parameters: [{ key: 'action', value: action }, ...Object.entries(params).map(([key, value]) => ({ key, value }))],
        ...(opts.dialog ? { interaction: 'OPEN_DIALOG' as const } : {}),
      },
    },
  };
}

export function linkButton(label: string, url: string, style?: Button['type']): Button {
  return { text: label, ...(style ? { type: style } : {}), onClick: { openLink: { url } } };
}

export function buttons(list: (Button | undefined | false)[]): Widget {
  return { buttonList: { buttons: list.filter((b): b is Button => !!b) } };
}

export function textInput(name: string, label: string, opts: { value?: string; hint?: string; multiline?: boolean } = {}): Widget {
  return { textInput: { name, label, ...(opts.value !== undefined ? { value: opts.value } : {}), ...(opts.hint ? { hintText: opts.hint } : {}),
    type: opts.multiline ? 'MULTIPLE_LINE' : 'SINGLE_LINE' } };
}

export function select(name: string, label: string, items: SelectionItem[], type: 'DROPDOWN' | 'RADIO_BUTTON' | 'CHECK_BOX' | 'SWITCH' = 'DROPDOWN'): Widget {
  return { selectionInput: { name, label, type, items } };
}

export function datePicker(name: string, label: string, iso?: string): Widget {
  return { dateTimePicker: { name, label, type: 'DATE_ONLY', ...(iso ? { valueMsEpoch: String(Date.parse(`${iso}T00:00:00Z`)) } : {}) } };
}

export function divider(): Widget {
  return { divider: {} };
}
