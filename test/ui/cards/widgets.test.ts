// The Card v2 builders every card uses: escaping, empty parts dropped, buttons that call the one action function.
import { CARD_ACTION_FUNCTION } from '../../../src/contract/actions';
import { actionButton, buttons, card, datePicker, decorated, divider, esc, icon, linkButton, section, select, text, textInput } from '../../../src/ui/cards/widgets';
import { aw, expectValidCard } from '../../support/cards';

it('escapes & < > " so user text never becomes card markup', () => {
  expect(esc('<a href="x">Tom & Jerry</a>')).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;');
  expect(esc('&amp;')).toBe('&amp;amp;');
  expect(esc('Åse – «ok»')).toBe('Åse – «ok»');
});

it('drops empty sections, missing widgets and buttons, and undefined optional fields', () => {
  const c = card(undefined, [section([]), section([false, undefined, text('a')], { header: 'H' })], { name: 'n' });
  expect(c).toEqual({ sections: [{ header: 'H', widgets: [{ textParagraph: { text: 'a' } }] }], name: 'n' });
  expect(card({ title: 'T' }, [])).toEqual({ header: { title: 'T' }, sections: [] });
  expect(buttons([false, undefined, linkButton('L', 'https://x.no')])).toEqual({ buttonList: { buttons: [{ text: 'L', onClick: { openLink: { url: 'https://x.no' } } }] } });
  expect(decorated({ text: 't', topLabel: undefined, bottomLabel: 'b' })).toEqual({ decoratedText: { wrapText: true, text: 't', bottomLabel: 'b' } });
});

it('makes action buttons that call onCardAction with the action first, then the parameters, and open dialogs on request', () => {
  expect(actionButton('Meld på', 'courses.signUp' as never, { sessionId: 'S1', from: 'list' }, { style: 'FILLED', dialog: true, disabled: true, icon: 'add' })).toEqual({
    text: 'Meld på', type: 'FILLED', disabled: true, icon: { materialIcon: { name: 'add' } },
    onClick: { action: { function: CARD_ACTION_FUNCTION, parameters: [{ key: 'action', value: 'courses.signUp' }, { key: 'sessionId', value: 'S1' }, { key: 'from', value: 'list' }], interaction: 'OPEN_DIALOG' } },
  });
  expect(actionButton('X', 'help' as never)).toEqual({ text: 'X', onClick: { action: { function: 'onCardAction', parameters: [{ key: 'action', value: 'help' }] } } });
  expect(linkButton('Åpne', 'https://docs.google.com/d/1', 'OUTLINED')).toEqual({ text: 'Åpne', type: 'OUTLINED', onClick: { openLink: { url: 'https://docs.google.com/d/1' } } });
});

it('builds inputs: single or multiple line text, selections, and a date picker at UTC midnight of the date', () => {
  expect(textInput('note', 'Notat')).toEqual({ textInput: { name: 'note', label: 'Notat', type: 'SINGLE_LINE' } });
  expect(textInput('note', 'Notat', { value: '', hint: 'h', multiline: true })).toEqual({ textInput: { name: 'note', label: 'Notat', value: '', hintText: 'h', type: 'MULTIPLE_LINE' } });
  expect(select('k', 'Velg', [{ text: 'A', value: 'a' }], 'RADIO_BUTTON')).toEqual({ selectionInput: { name: 'k', label: 'Velg', type: 'RADIO_BUTTON', items: [{ text: 'A', value: 'a' }] } });
  expect(aw(select('k', 'Velg', [])).selectionInput!.type).toBe('DROPDOWN');
  expect(datePicker('d', 'Dato', '2026-12-03')).toEqual({ dateTimePicker: { name: 'd', label: 'Dato', type: 'DATE_ONLY', valueMsEpoch: String(Date.UTC(2026, 11, 3)) } });
  expect(datePicker('d', 'Dato')).toEqual({ dateTimePicker: { name: 'd', label: 'Dato', type: 'DATE_ONLY' } });
  expect(icon('warning')).toEqual({ materialIcon: { name: 'warning' } });
});

it('makes cards Google\'s schema accepts', () => {
  expectValidCard(card({ title: 'T', subtitle: 'S' }, [
    section([text('a'), decorated({ text: 'b', startIcon: icon('warning'), button: actionButton('B', 'help' as never) }), divider(),
      textInput('n', 'N', { multiline: true }), select('s', 'S', [{ text: 'A', value: 'a', selected: true }]), datePicker('d', 'D', '2026-01-01'),
      buttons([actionButton('X', 'help' as never, {}, { dialog: true, style: 'FILLED_TONAL' }), linkButton('L', 'https://x.no')])], { header: 'H', collapsible: true, uncollapsibleWidgetsCount: 1 }),
  ], { name: 'n' }));
});
