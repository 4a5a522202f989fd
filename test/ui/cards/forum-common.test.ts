// The forum cards' shared pieces: local times, topic labels, question parameters, escaped user text, cards and dialogs.
import { ACTIONS } from '../../../src/contract/actions';
import { card, dialog, qParams, topicLabel, userText, when, widgets } from '../../../src/ui/cards/forum-common';
import { text } from '../../../src/ui/cards/widgets';
import { clicks, expectValidCard } from '../../support/cards';
import { forumCtx } from '../../support/forum-ctx';

const nb = forumCtx();

it('writes an instant as the date and time in the municipality\'s zone, and nothing for no or a bad instant', () => {
  expect(when('2026-11-23T09:12:00Z', nb)).toBe(nb.t('forum.when', { date: '23. november 2026', time: '10:12' }));
  expect(when('2026-06-30T22:30:00Z', nb)).toBe(nb.t('forum.when', { date: '1. juli 2026', time: '00:30' }));
  expect(when('2026-06-30T22:30:00Z', forumCtx('en'))).toBe(forumCtx('en').t('forum.when', { date: '1 July 2026', time: '00:30' }));
  expect(when(undefined, nb)).toBe('');
  expect(when('not a time', nb)).toBe('');
});

it('capitalises a topic, and carries the question id with its row as a hint', () => {
  expect(topicLabel('drive')).toBe('Drive');
  expect(topicLabel('æøå')).toBe('Æøå');
  expect(topicLabel(undefined)).toBe('');
  expect(qParams({ questionId: 'q-1', rowNumber: 7 }, { v: 'x' })).toEqual({ q: 'q-1', row: '7', v: 'x' });
  expect(qParams({ questionId: 'q-1' })).toEqual({ q: 'q-1' });
  expect(qParams({ questionId: 'q-1', rowNumber: 0 })).toEqual({ q: 'q-1' });
});

it('escapes user text and keeps its line breaks', () => {
  expect(userText('<b>Hei</b> & "deg"\nlinje 2')).toBe('&lt;b&gt;Hei&lt;/b&gt; &amp; &quot;deg&quot;<br>linje 2');
});

it('makes cards with no undefined fields, and dialogs with the submit button in the fixed footer', () => {
  const c = card({ title: 'T', subtitle: undefined }, [widgets([text('a'), undefined, false])], { name: 'n' });
  expect(c).toEqual({ header: { title: 'T' }, sections: [{ widgets: [{ textParagraph: { text: 'a' } }] }], name: 'n' });
  const d = dialog('Spør', [widgets([text('x')])], { label: 'Send', action: ACTIONS.askSubmit, params: { q: 'q-1' } }, 'ask');
  expectValidCard(d);
  expect(d.name).toBe('ask');
  expect(clicks(d.fixedFooter)).toEqual([{ text: 'Send', action: ACTIONS.askSubmit, params: { q: 'q-1' }, dialog: false }]);
  expect(d.fixedFooter!.primaryButton!.type).toBe('FILLED');
  expect(clicks(dialog('X', [], { label: 'L', action: ACTIONS.askSubmit }, 'x').fixedFooter)[0]!.params).toEqual({});
});
