// The discovery validator accepts Google's documented cards, events and responses and pinpoints what is wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Card, ChatMessage } from '../../src/contract/card-types';
import { actionButton, buttons, card, datePicker, decorated, divider, icon, linkButton, section, select, text, textInput } from '../../src/ui/cards/widgets';
import { googleRefDir, validateAgainstDiscovery, validateChatResponse } from './discovery-validator';

const ref = googleRefDir();
const json = (...p: string[]) => JSON.parse(readFileSync(join(ref, ...p), 'utf8'));

/** Every value under `key` anywhere in a JSON tree. */
function findAll(tree: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(tree)) tree.forEach((v) => findAll(v, key, out));
  else if (tree && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) {
      if (k === key) out.push(v);
      findAll(v, key, out);
    }
  }
  return out;
}

const eventFiles = readdirSync(join(ref, 'chat-events')).filter((f) => f.endsWith('.json'));

describe("Google's documented examples are valid", () => {
  test.each(eventFiles)('chat-events/%s: cards, accessory widgets and commonEventObject', (file) => {
    const event = json('chat-events', file);
    const cards = findAll(event, 'cardsV2').flat();
    const accessories = findAll(event, 'accessoryWidgets').flat();
    for (const c of cards) expect(validateAgainstDiscovery('CardWithId', c)).toEqual([]);
    for (const a of accessories) expect(validateAgainstDiscovery('AccessoryWidget', a)).toEqual([]);
    expect(validateAgainstDiscovery('CommonEventObject', event.commonEventObject)).toEqual([]);
  });

  test('the example events do contain cards and accessory widgets (the test above is not vacuous)', () => {
    const all = eventFiles.map((f) => json('chat-events', f));
    expect(findAll(all, 'cardsV2').flat().length).toBeGreaterThan(0);
    expect(findAll(all, 'accessoryWidgets').flat().length).toBeGreaterThan(0);
  });

  // addon-events/README.md: the add-on event page types timeZone.offset as a string, the Chat API schema as int32;
  // the Apps Script homepage example follows the add-on page. The validator keeps to the schema.
  const knownDiscrepancies: Record<string, string[]> = { 'gmail-homepage-appsscript.json': ['timeZone.offset: expected integer, got string'] };
  test.each(readdirSync(join(ref, 'addon-events')).filter((f) => f.endsWith('.json')))('addon-events/%s: commonEventObject', (file) => {
    expect(validateAgainstDiscovery('CommonEventObject', json('addon-events', file).commonEventObject)).toEqual(knownDiscrepancies[file] ?? []);
  });

  const examples = [...readFileSync(join(ref, 'chat-responses.md'), 'utf8').matchAll(/```json\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .filter((src) => !/\b(MESSAGE)\b/.test(src)); // shape sketches with a placeholder, not JSON
  test('chat-responses.md has JSON examples', () => expect(examples.length).toBeGreaterThanOrEqual(9));
  test.each(examples.map((src, i) => [i, src] as const))('chat-responses.md example %d', (_i, src) => {
    expect(validateChatResponse(JSON.parse(src))).toEqual([]);
  });

  test("Kompetent's own card builders produce valid cards", () => {
    const built: Card = card({ title: 'Min status', subtitle: 'Sykepleier' }, [
      section([
        text('<b>2</b> krav utløper snart'),
        decorated({ topLabel: 'D-HLR', text: 'Utløper 10.12.2026', startIcon: icon('warning'), button: actionButton('Meld på', 'courses.signUp', { sessionId: 'S1' }, { style: 'FILLED' }) }),
        buttons([actionButton('Spør en veileder', 'forum.askOpen', {}, { dialog: true }), linkButton('Intranett', 'https://intranett.example')]),
      ], { header: 'Krav', collapsible: true, uncollapsibleWidgetsCount: 1 }),
      section([textInput('q', 'Spørsmål', { multiline: true, hint: 'Skriv kort' }), select('topic', 'Tema', [{ text: 'Drive', value: 'drive' }]), datePicker('due', 'Frist', '2026-12-01'), divider()]),
    ]);
    expect(validateAgainstDiscovery('GoogleAppsCardV1Card', built)).toEqual([]);
    const message: ChatMessage = { text: 'Hei', cardsV2: [{ cardId: 'status', card: built }] };
    expect(validateChatResponse({ hostAppDataAction: { chatDataAction: { createMessageAction: { message } } } })).toEqual([]);
  });
});

describe('broken values fail with a useful path', () => {
  const message = (widgets: unknown[]): unknown => ({ cardsV2: [{ cardId: 'c', card: { sections: [{ widgets }] } }] });
  const okButton = { text: 'OK', onClick: { action: { function: 'f' } } };

  test('unknown property deep inside a card', () => {
    const widgets = [{ textParagraph: { text: 'a' } }, { divider: {} }, { buttonList: { buttons: [{ ...okButton, foo: 1 }] } }];
    expect(validateAgainstDiscovery('Message', message(widgets)))
      .toEqual(["cardsV2[0].card.sections[0].widgets[2].buttonList.buttons[0]: unknown property 'foo'"]);
  });

  test('a near-miss property name gets a suggestion', () => {
    expect(validateAgainstDiscovery('GoogleAppsCardV1TextInput', { name: 'n', hintTxt: 'x' })).toEqual(["(root): unknown property 'hintTxt' (did you mean 'hintText'?)"]);
  });

  test.each([
    ['enum', { buttonList: { buttons: [{ ...okButton, type: 'PRIMARY' }] } }, "widgets[0].buttonList.buttons[0].type: 'PRIMARY' is not one of TYPE_UNSPECIFIED, OUTLINED, FILLED, FILLED_TONAL, BORDERLESS"],
    ['int64 as a number', { dateTimePicker: { name: 'd', valueMsEpoch: 1746057600000 } }, 'widgets[0].dateTimePicker.valueMsEpoch: expected string, got number (int64 values are JSON strings, e.g. "1746057600000")'],
    ['int64 not digits', { dateTimePicker: { name: 'd', valueMsEpoch: '2025-05-01' } }, "widgets[0].dateTimePicker.valueMsEpoch: '2025-05-01' is not an int64 (a string of digits)"],
    ['boolean', { buttonList: { buttons: [{ ...okButton, disabled: 'yes' }] } }, 'widgets[0].buttonList.buttons[0].disabled: expected boolean, got string'],
    ['int32', { textParagraph: { text: 'x', maxLines: 1.5 } }, 'widgets[0].textParagraph.maxLines: expected integer, got 1.5'],
    ['number', { buttonList: { buttons: [{ ...okButton, color: { red: '1', green: 0, blue: 0 } }] } }, 'widgets[0].buttonList.buttons[0].color.red: expected number, got string'],
    ['array items', { selectionInput: { name: 's', items: ['a'] } }, 'widgets[0].selectionInput.items[0]: expected object, got string'],
    ['required', { buttonList: { buttons: [{ text: 'no click' }] } }, "widgets[0].buttonList.buttons[0]: missing required property 'onClick'"],
    ['two widgets in one', { textParagraph: { text: 'x' }, divider: {} }, 'widgets[0]: expected exactly one of buttonList, carousel, chipList, columns, dateTimePicker, decoratedText, divider, grid, image, selectionInput, textInput, textParagraph (got divider, textParagraph)'],
    ['unknown widget', { fancy: {} }, "widgets[0]: unknown property 'fancy'"],
    ['divider has no fields', { divider: { style: 'thick' } }, "widgets[0].divider: unknown property 'style'"],
  ])('%s', (_name, widget, expected) => {
    const errors = validateAgainstDiscovery('GoogleAppsCardV1Section', { widgets: [widget] });
    expect(errors).toEqual([expected]);
  });

  test('wrong container types', () => {
    expect(validateAgainstDiscovery('GoogleAppsCardV1Card', { sections: { widgets: [] } })).toEqual(['sections: expected array, got object']);
    expect(validateAgainstDiscovery('GoogleAppsCardV1Card', null)).toEqual(['(root): expected object, got null']);
  });

  test('additionalProperties: formInputs are checked per name', () => {
    const errors = validateAgainstDiscovery('CommonEventObject', { formInputs: { title: { stringInputs: { value: [1] } }, 'due date': { dateInput: { msSinceEpoch: 5 } } } });
    expect(errors).toEqual([
      'formInputs.title.stringInputs.value[0]: expected string, got number',
      'formInputs["due date"].dateInput.msSinceEpoch: expected string, got number (int64 values are JSON strings, e.g. "1746057600000")',
    ]);
  });

  test('output-only and deprecated fields are accepted in events, and only flagged on request', () => {
    const incoming = { text: 'x', sender: { name: 'users/1' }, cards: [] };
    expect(validateAgainstDiscovery('Message', incoming)).toEqual([]);
    expect(validateAgainstDiscovery('Message', incoming, { rejectOutputOnly: true, rejectDeprecated: true })).toEqual(["(root): 'sender' is output only", "(root): 'cards' is deprecated"]);
  });

  test('an unknown schema name is a programming error', () => {
    expect(() => validateAgainstDiscovery('NoSuchSchema', {})).toThrow(/NoSuchSchema/);
  });
});

describe('Chat response envelopes', () => {
  const card: Card = { sections: [{ widgets: [{ textParagraph: { text: 'x' } }] }] };
  const create = (message: unknown) => ({ hostAppDataAction: { chatDataAction: { createMessageAction: { message } } } });

  test('valid envelopes', () => {
    for (const resp of [
      {},
      create({ text: 'hei' }),
      { hostAppDataAction: { chatDataAction: { updateMessageAction: { message: { cardsV2: [{ cardId: 'c', card }] } } } } },
      { action: { navigations: [{ pushCard: card }] } },
      { action: { navigations: [{ updateCard: { ...card, fixedFooter: { primaryButton: { text: 'OK', onClick: { action: { function: 'f' } } } } } }] } },
      { action: { navigations: [{ endNavigation: { action: 'CLOSE_DIALOG' } }], notification: { text: 'Lagret' } } },
    ]) expect(validateChatResponse(resp)).toEqual([]);
  });

  test.each([
    ['the preview-link sample without the message wrapper', { hostAppDataAction: { chatDataAction: { updateMessageAction: { cardsV2: [] } } } },
      ["hostAppDataAction.chatDataAction.updateMessageAction: unknown property 'cardsV2'", "hostAppDataAction.chatDataAction.updateMessageAction: missing required property 'message'"]],
    ['endNavigation as a bare string', { action: { navigations: [{ endNavigation: 'CLOSE_DIALOG' }] } },
      ['action.navigations[0].endNavigation: expected object, got string']],
    ['an unknown navigation', { action: { navigations: [{ popCard: true }] } },
      ["action.navigations[0]: unknown property 'popCard'"]],
    ['two navigations in one entry', { action: { navigations: [{ pushCard: card, updateCard: card }] } },
      ['action.navigations[0]: expected exactly one of pushCard, updateCard, endNavigation (got pushCard, updateCard)']],
    ['two response kinds at once', { ...create({ text: 'x' }), action: {} },
      ['(root): expected at most one of hostAppDataAction, action, basic_authorization_prompt (got hostAppDataAction, action)']],
    ['a notification without text', { action: { notification: {} } }, ["action.notification: missing required property 'text'"]],
    ['output-only fields in a sent message', create({ text: 'x', sender: { name: 'users/1' } }),
      ["hostAppDataAction.chatDataAction.createMessageAction.message: 'sender' is output only"]],
    ['a card error inside a message', create({ cardsV2: [{ cardId: 'c', card: { sections: [{ widgets: [{ decoratedText: { text: 'x', icon: { knownIcon: 'STAR' } } }] }] } }] }),
      ["hostAppDataAction.chatDataAction.createMessageAction.message.cardsV2[0].card.sections[0].widgets[0].decoratedText: 'icon' is deprecated"]],
    ['a fixed footer in a card message', create({ cardsV2: [{ cardId: 'c', card: { ...card, fixedFooter: { primaryButton: { text: 'OK', onClick: { action: { function: 'f' } } } } } }] }),
      ['hostAppDataAction.chatDataAction.createMessageAction.message.cardsV2[0].card: fixedFooter is only allowed in dialogs, not card messages']],
    ['an empty fixed footer', { action: { navigations: [{ pushCard: { ...card, fixedFooter: {} } }] } },
      ['action.navigations[0].pushCard.fixedFooter: needs a primaryButton or a secondaryButton']],
    ['null', null, ['(root): expected object, got null']],
  ])('%s', (_name, resp, expected) => {
    expect(validateChatResponse(resp)).toEqual(expected);
  });
});
