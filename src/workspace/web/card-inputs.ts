// Browser side of rendered cards: reads controls back as Google's commonEventObject.formInputs and clicks as OnClick.
// Uses DOM types only inside functions (nothing touches a global at import time), so Node tests can load it.
import type { OnClick } from '../../contract/card-types';

/**
 * One entry of commonEventObject.formInputs, as documented in
 * developers.google.com/workspace/add-ons/concepts/event-objects ("Common event object" → formInputs) and the Chat API
 * `Inputs` schema: msSinceEpoch is an int64, hence a JSON string; hours/minutes are numbers.
 */
export type FormInput =
  | { stringInputs: { value: string[] } }
  | { dateInput: { msSinceEpoch: string } }
  | { dateTimeInput: { msSinceEpoch: string; hasDate: boolean; hasTime: boolean } }
  | { timeInput: { hours: number; minutes: number } };
export type FormInputs = Record<string, FormInput>;

/** What collection reads from an <input>, <select> or <textarea> (duck-typed, so tests need no DOM). */
export interface ControlLike {
  getAttribute(name: string): string | null;
  value: string;
  checked?: boolean;
  disabled?: boolean;
  options?: ArrayLike<{ value: string; selected: boolean }>;
}

/**
 * The picker value of an <input type=date|datetime-local|time> as Google sends it:
 * DATE_ONLY → dateInput at 00:00 UTC of that calendar date (the contact-form dialog's birthdate example,
 * chat-events/06: 631152000000 = 1990-01-01T00:00Z); DATE_AND_TIME → the instant the viewer picked in their zone;
 * TIME_ONLY → the wall-clock hours and minutes. Empty or malformed → undefined.
 */
export function pickerInput(type: string, value: string, timeZoneOffsetMs: number): FormInput | undefined {
  const v = value.trim();
  if (type === 'TIME_ONLY') {
    const t = /^(\d{2}):(\d{2})/.exec(v);
    return t ? { timeInput: { hours: Number(t[1]), minutes: Number(t[2]) } } : undefined;
  }
  const d = /^(\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (!d) return undefined;
  const [y, mo, day, h, mi, s] = d.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  const utc = Date.UTC(y!, mo! - 1, day!, h, mi, s);
  if (!Number.isFinite(utc)) return undefined;
  if (type === 'DATE_ONLY') return { dateInput: { msSinceEpoch: String(Date.UTC(y!, mo! - 1, day!)) } };
  if (d[4] === undefined) return undefined;
  return { dateTimeInput: { msSinceEpoch: String(utc - timeZoneOffsetMs), hasDate: true, hasTime: true } };
}

/**
 * formInputs from controls rendered by card-renderer.ts (they carry name, data-widget and data-type).
 *
 * Selection widgets send only the selected items' values, several under one name for checkboxes, switches and
 * multi-selects (the Chat API reference, SwitchControl.value: "When selected is false, this value is omitted from
 * string_inputs.value"; the Gmail card-action example has `labels: ["hardware","urgent"]`).
 * Not documented: whether a widget with nothing selected, an empty text input or an unset picker appears at all.
 * We leave such names out, so handlers must read a missing name as "empty".
 */
export function formInputsFromControls(controls: Iterable<ControlLike>, timeZoneOffsetMs: number): FormInputs {
  const out: FormInputs = {};
  const strings = (name: string): string[] => {
    const existing = out[name];
    if (existing && 'stringInputs' in existing) return existing.stringInputs.value;
    const value: string[] = [];
    out[name] = { stringInputs: { value } };
    return value;
  };
  for (const c of controls) {
    const name = c.getAttribute('name');
    if (!name || c.disabled) continue;
    const type = c.getAttribute('data-type') ?? '';
    switch (c.getAttribute('data-widget')) {
      case 'textInput':
        if (c.value !== '') strings(name).push(c.value);
        break;
      case 'selectionInput': {
        const picked = c.options ? Array.from(c.options).filter((opt) => opt.selected).map((opt) => opt.value) : c.checked ? [c.value] : [];
        if (picked.length) strings(name).push(...picked);
        break;
      }
      case 'dateTimePicker': {
        const own = c.getAttribute('data-tz-offset-ms');
        const input = pickerInput(type, c.value, own !== null && own !== '' ? Number(own) : timeZoneOffsetMs);
        if (input) out[name] = input;
        break;
      }
    }
  }
  return out;
}

/** formInputs of every control under `root` (a card, a dialog, or the whole page). */
export function collectFormInputs(root: ParentNode, timeZoneOffsetMs: number): FormInputs {
  const controls = Array.from(root.querySelectorAll('[data-widget]')) as unknown as ControlLike[];
  return formInputsFromControls(controls, timeZoneOffsetMs);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses a data-action value back into the OnClick; undefined if it is not one. An openLink must be an absolute
 * http(s) URL, so a card cannot make the local workspace open javascript: or data: URLs.
 */
export function parseAction(json: string | null | undefined): OnClick | undefined {
  if (!json) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isObj(v)) return undefined;
  if (isObj(v.action) && typeof v.action.function === 'string') {
    const params = v.action.parameters;
    const ok = params === undefined || (Array.isArray(params) && params.every((p) => isObj(p) && typeof p.key === 'string' && typeof p.value === 'string'));
    return ok ? (v as OnClick) : undefined;
  }
  if (isObj(v.openLink) && typeof v.openLink.url === 'string' && /^https?:\/\/\S+$/i.test(v.openLink.url.trim())) return v as OnClick;
  return undefined;
}

/** The OnClick of the clicked element or its nearest ancestor with data-action; undefined when none or disabled. */
export function actionFromElement(el: Element | null | undefined): OnClick | undefined {
  const host = el?.closest('[data-action]');
  if (!host || host.hasAttribute('disabled') || host.getAttribute('aria-disabled') === 'true') return undefined;
  return parseAction(host.getAttribute('data-action'));
}

/** An action's parameter list as commonEventObject.parameters (a string map; the last duplicate key wins). */
export function eventParameters(onClick: OnClick | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of onClick?.action?.parameters ?? []) out[p.key] = p.value;
  return out;
}
