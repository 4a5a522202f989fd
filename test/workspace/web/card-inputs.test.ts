// Rendered card controls → commonEventObject.formInputs, checked against Google's documented example events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Card } from '../../../src/contract/card-types';
import { renderCard } from '../../../src/workspace/web/card-renderer';
import { collectFormInputs, eventParameters, formInputsFromControls, pickerInput, type ControlLike } from '../../../src/workspace/web/card-inputs';
import { googleRefDir, validateAgainstDiscovery } from '../../support/discovery-validator';

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attrsOf = (src: string) => Object.fromEntries([...src.matchAll(/([a-z][a-z-]*)(?:="([^"]*)")?/g)].map((a) => [a[1]!, decode(a[2] ?? '')]));

interface FakeControl extends ControlLike { attrs: Record<string, string>; checked: boolean; disabled: boolean }

/** The form controls of rendered HTML as the browser would expose them (enough of HTMLInputElement & co.). */
function controlsOf(html: string): FakeControl[] {
  const out: FakeControl[] = [];
  const control = (attrs: Record<string, string>, value: string, options?: { value: string; selected: boolean }[]): FakeControl => ({
    attrs, value, options, checked: 'checked' in attrs, disabled: 'disabled' in attrs,
    getAttribute: (n: string) => attrs[n] ?? null,
  });
  for (const m of html.matchAll(/<input([^>]*)>|<textarea([^>]*)>([\s\S]*?)<\/textarea>|<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    if (m[1] !== undefined) {
      const a = attrsOf(m[1]);
      out.push(control(a, a.value ?? (a.type === 'checkbox' || a.type === 'radio' ? 'on' : '')));
    } else if (m[2] !== undefined) {
      out.push(control(attrsOf(m[2]), decode(m[3]!.replace(/^\n/, ''))));
    } else {
      const options = [...m[5]!.matchAll(/<option([^>]*)>/g)].map((o) => attrsOf(o[1]!)).map((o) => ({ value: o.value ?? '', selected: 'selected' in o }));
      // A single select always has one option selected: the marked one, else the first.
      if (!('multiple' in attrsOf(m[4]!)) && options.length && !options.some((o) => o.selected)) options[0]!.selected = true;
      out.push(control(attrsOf(m[4]!), options.find((o) => o.selected)?.value ?? '', options));
    }
  }
  return out;
}

const named = (controls: FakeControl[], name: string, value?: string) =>
  controls.find((c) => c.attrs.name === name && (value === undefined || c.attrs.value === value))!;

const readJson = (...p: string[]) => JSON.parse(readFileSync(join(googleRefDir(), ...p), 'utf8'));

describe('formInputs in the documented shape', () => {
  test('the Gmail card-action example: strings, multi-value checkboxes, date, date-time and time', () => {
    const documented = readJson('addon-events', 'gmail-card-action-callback-http.json').commonEventObject.formInputs;
    const card: Card = { sections: [{ widgets: [
      { textInput: { name: 'ticketTitle', label: 'Title' } },
      { selectionInput: { name: 'labels', type: 'CHECK_BOX', items: [
        { text: 'Hardware', value: 'hardware' }, { text: 'Software', value: 'software' }, { text: 'Urgent', value: 'urgent' }] } },
      { dateTimePicker: { name: 'dueDate', type: 'DATE_ONLY' } },
      { dateTimePicker: { name: 'followUpAt', type: 'DATE_AND_TIME' } },
      { dateTimePicker: { name: 'reminderTime', type: 'TIME_ONLY' } },
    ] }] };
    const controls = controlsOf(renderCard(card));
    // What the user types, in Oslo summer time (UTC+2): follow up 1 May 12:00 local = 10:00Z.
    named(controls, 'ticketTitle').value = 'Printer on floor 3 is jammed';
    named(controls, 'labels', 'hardware').checked = true;
    named(controls, 'labels', 'urgent').checked = true;
    named(controls, 'dueDate').value = '2025-05-01';
    named(controls, 'followUpAt').value = '2025-05-01T12:00';
    named(controls, 'reminderTime').value = '09:30';
    const inputs = formInputsFromControls(controls, 7_200_000);
    expect(inputs).toEqual(documented);
    expect(validateAgainstDiscovery('CommonEventObject', { formInputs: inputs })).toEqual([]);
  });

  test('the Chat contact dialog example (chat-events/06): text, DATE_ONLY birthdate, radio', () => {
    const event = readJson('chat-events', '06-dialog-submit-form-inputs.json');
    const card: Card = { sections: [{ widgets: [
      { textInput: { name: 'contactName', label: 'First and last name', type: 'SINGLE_LINE' } },
      { dateTimePicker: { name: 'contactBirthdate', label: 'Birthdate', type: 'DATE_ONLY' } },
      { selectionInput: { name: 'contactType', type: 'RADIO_BUTTON', items: [{ text: 'Work', value: 'Work' }, { text: 'Personal', value: 'Personal' }] } },
    ] }] };
    const controls = controlsOf(renderCard(card));
    named(controls, 'contactName').value = 'Kai 0';
    named(controls, 'contactBirthdate').value = '1990-01-01';
    named(controls, 'contactType', 'Personal').checked = true;
    // A calendar date does not move with the viewer's zone (the event came from New York, UTC-4).
    expect(formInputsFromControls(controls, event.commonEventObject.timeZone.offset)).toEqual(event.commonEventObject.formInputs);
  });

  test('values the card was rendered with come back unchanged (render → collect round trip)', () => {
    const offset = -14_400_000;
    const card: Card = { sections: [{ widgets: [
      { textInput: { name: 'title', value: 'Add dark mode to settings' } },
      { textInput: { name: 'notes', type: 'MULTIPLE_LINE', value: 'line 1\n<b>line 2</b> & "3"' } },
      { selectionInput: { name: 'priority', type: 'DROPDOWN', items: [{ text: 'Low', value: 'Low' }, { text: 'High', value: 'High', selected: true }] } },
      { selectionInput: { name: 'tags', type: 'MULTI_SELECT', items: [{ text: 'a', value: 'a', selected: true }, { text: 'b', value: 'b' }, { text: 'c', value: 'c', selected: true }] } },
      { selectionInput: { name: 'notify', type: 'SWITCH', items: [{ text: 'Notify', value: 'yes', selected: true }] } },
      { dateTimePicker: { name: 'due', type: 'DATE_ONLY', valueMsEpoch: '1746057600000' } },
      { dateTimePicker: { name: 'at', type: 'DATE_AND_TIME', valueMsEpoch: '1746093600000' } },
    ] }] };
    expect(formInputsFromControls(controlsOf(renderCard(card, { timeZoneOffsetMs: offset })), offset)).toEqual({
      title: { stringInputs: { value: ['Add dark mode to settings'] } },
      notes: { stringInputs: { value: ['line 1\n<b>line 2</b> & "3"'] } },
      priority: { stringInputs: { value: ['High'] } },
      tags: { stringInputs: { value: ['a', 'c'] } },
      notify: { stringInputs: { value: ['yes'] } },
      due: { dateInput: { msSinceEpoch: '1746057600000' } },
      at: { dateTimeInput: { msSinceEpoch: '1746093600000', hasDate: true, hasTime: true } },
    });
  });

  test("a picker's own timezoneOffsetDate wins over the viewer's zone", () => {
    const card = { sections: [{ widgets: [{ dateTimePicker: { name: 'at', type: 'DATE_AND_TIME', valueMsEpoch: '1746093600000', timezoneOffsetDate: 60 } }] }] } as unknown as Card;
    expect(formInputsFromControls(controlsOf(renderCard(card, { timeZoneOffsetMs: 0 })), 0).at)
      .toEqual({ dateTimeInput: { msSinceEpoch: '1746093600000', hasDate: true, hasTime: true } });
  });

  test('nothing selected, empty text, unset pickers and disabled controls leave their names out', () => {
    const card: Card = { sections: [{ widgets: [
      { textInput: { name: 'empty' } },
      { selectionInput: { name: 'none', type: 'CHECK_BOX', items: [{ text: 'a', value: 'a' }] } },
      { selectionInput: { name: 'nothing', type: 'MULTI_SELECT', items: [{ text: 'a', value: 'a' }] } },
      { dateTimePicker: { name: 'when', type: 'DATE_AND_TIME' } },
      { textInput: { name: 'kept', value: 'x' } },
    ] }] };
    const controls = controlsOf(renderCard(card));
    expect(formInputsFromControls(controls, 0)).toEqual({ kept: { stringInputs: { value: ['x'] } } });
    named(controls, 'kept').disabled = true;
    expect(formInputsFromControls(controls, 0)).toEqual({});
  });
});

describe('pickerInput', () => {
  test.each([
    ['DATE_ONLY', '2024-02-29', 3_600_000, { dateInput: { msSinceEpoch: String(Date.UTC(2024, 1, 29)) } }],
    ['DATE_AND_TIME', '2024-02-29T00:30', 3_600_000, { dateTimeInput: { msSinceEpoch: String(Date.UTC(2024, 1, 28, 23, 30)), hasDate: true, hasTime: true } }],
    ['DATE_AND_TIME', '2024-02-29', 0, undefined],
    ['TIME_ONLY', '07:05', 3_600_000, { timeInput: { hours: 7, minutes: 5 } }],
    ['TIME_ONLY', '', 0, undefined],
    ['DATE_ONLY', 'yesterday', 0, undefined],
  ])('%s %j (offset %d)', (type, value, offset, expected) => {
    expect(pickerInput(type, value, offset)).toEqual(expected);
  });
});

test('collectFormInputs reads the [data-widget] controls under a root', () => {
  const controls = controlsOf(renderCard({ sections: [{ widgets: [{ textInput: { name: 'q', value: 'hei' } }, { buttonList: { buttons: [] } }] }] }));
  const selectors: string[] = [];
  const root = { querySelectorAll: (sel: string) => (selectors.push(sel), controls) } as unknown as ParentNode;
  expect(collectFormInputs(root, 0)).toEqual({ q: { stringInputs: { value: ['hei'] } } });
  expect(selectors).toEqual(['[data-widget]']);
});

test('eventParameters turns an action parameter list into commonEventObject.parameters', () => {
  const event = readJson('chat-events', '04-button-clicked-card-message-form-inputs.json');
  const save = event.chat.buttonClickedPayload.message.cardsV2[0].card.sections[0].widgets[3].buttonList.buttons[0].onClick;
  expect(eventParameters(save)).toEqual(event.commonEventObject.parameters);
  expect(eventParameters(undefined)).toEqual({});
});
