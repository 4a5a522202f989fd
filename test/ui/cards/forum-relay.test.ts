// What guides and askers exchange through the app: the guides' dialogs on a question, the answer relayed to the asker's
// DM with Solved / Not yet, follow-up questions and replies, and the notices to guides — as Chat messages and mails.
import { formatWorkTime } from '../../../src/core/i18n';
import type { GuideQuestionView } from '../../../src/core/forum';
import { LIMITS } from '../../../src/core/text-limits';
import { ACTIONS } from '../../../src/contract/actions';
import { userText } from '../../../src/ui/cards/forum-common';
import {
  answerDialog, askAskerDialog, askAskerMail, askAskerMessage, guideNotice, guideNoticeMail, handOverDialog, relayDoneCard, relayMail, relayMessage, replyDialog,
} from '../../../src/ui/cards/forum-relay';
import { actionNames, clicks, expectHostileInert, expectValidCard, expectValidMessage, htmlFields, HOSTILE, ws } from '../../support/cards';
import { forumCtx } from '../../support/forum-ctx';

const nb = forumCtx();
const t = nb.t;
const q = (over: Partial<GuideQuestionView> = {}): GuideQuestionView => ({
  questionId: 'q-1', text: 'Hvordan deler jeg en mappe?', topic: 'drive', status: 'claimed', askedAt: '2026-11-23T08:00:00Z', anonymous: false, ...over,
});
const ref = { questionId: 'q-1', rowNumber: 4 };

describe('the guides\' dialogs', () => {
  it('answer: the question on top, the answer so far, and submit with the question\'s id and row', () => {
    const d = answerDialog(q({ answer: 'Utkast' }), ref, nb);
    expectValidCard(d);
    expect(ws(d.sections[0])[0]!.decoratedText).toMatchObject({ topLabel: 'Drive', text: userText('Hvordan deler jeg en mappe?') });
    expect(ws(d.sections[0])[1]!.textInput).toMatchObject({ name: 'answer', value: 'Utkast', hintText: t('answer.hint', { max: LIMITS.answer }) });
    expect(clicks(d.fixedFooter)).toEqual([{ text: t('answer.send'), action: ACTIONS.answerSubmit, params: { q: 'q-1', row: '4' }, dialog: false }]);
    const retry = answerDialog(q({ topic: undefined }), ref, nb, { text: 'Langt svar', notice: 'For langt' });
    expect(ws(retry.sections[0]).map((w) => w.decoratedText?.text ?? w.textInput!.value)).toEqual([userText('Hvordan deler jeg en mappe?'), 'For langt', 'Langt svar']);
    expect(ws(retry.sections[0])[0]!.decoratedText!.topLabel).toBe(userText(t('thread.title')));
  });

  it('ask the asker, and hand over to a guide with the suggested one chosen and each one\'s load', () => {
    const ask = askAskerDialog(q(), ref, nb);
    expectValidCard(ask);
    expect(clicks(ask.fixedFooter)[0]).toMatchObject({ action: ACTIONS.askAskerSubmit, params: { q: 'q-1', row: '4' } });
    const hand = handOverDialog(q(), ref, [{ email: 'a@k.no', name: 'Anne', load: 2, capacity: 5, suggested: false }, { email: 'b@k.no', name: 'Bjørn', load: 0, capacity: 3, suggested: true }], nb);
    expectValidCard(hand);
    expect(ws(hand.sections[0])[1]!.selectionInput).toEqual({ name: 'to', label: t('handOver.label'), type: 'RADIO_BUTTON', items: [
      { text: 'Anne', value: 'a@k.no', selected: false, bottomText: t('handOver.load', { load: 2, capacity: 5 }) },
      { text: 'Bjørn', value: 'b@k.no', selected: true, bottomText: t('handOver.load', { load: 0, capacity: 3 }) },
    ] });
    expect(clicks(hand.fixedFooter)[0]).toMatchObject({ action: ACTIONS.handOver, params: { q: 'q-1', row: '4' } });
  });

  it('with nobody to hand over to, says so and offers escalation instead of a dialog', () => {
    const none = handOverDialog(q(), ref, [], nb);
    expectValidCard(none);
    expect(none.fixedFooter).toBeUndefined();
    expect(htmlFields(none)).toContain(userText(t('handOver.none')));
    expect(clicks(none)).toEqual([{ text: t('thread.escalate'), action: ACTIONS.escalate, params: { q: 'q-1', row: '4' }, dialog: false }]);
  });
});

describe('relaying to the asker', () => {
  const answered = { questionId: 'q-1', rowNumber: 4, text: 'Hvordan deler jeg?', answer: 'Høyreklikk\nog velg Del.' };

  it('puts the answer in the asker\'s DM with Solved and Not yet (a dialog), named by the question', () => {
    const msg = relayMessage(answered, 'Ola Guide', nb);
    expectValidMessage(msg);
    expect(msg.text).toBe(t('relay.notice', { guide: 'Ola Guide' }));
    expect(msg.cardsV2![0]!.cardId).toBe('a-q-1');
    const c = msg.cardsV2![0]!.card;
    expect(c.header).toEqual({ title: t('relay.title'), subtitle: 'Ola Guide' });
    expect(htmlFields(c.sections[0])).toEqual([userText('Hvordan deler jeg?'), t('relay.youAsked'), 'Høyreklikk<br>og velg Del.']);
    expect(clicks(c)).toEqual([
      { text: t('relay.solved'), action: ACTIONS.solved, params: { q: 'q-1', row: '4' }, dialog: false },
      { text: t('relay.notYet'), action: ACTIONS.notYet, params: { q: 'q-1', row: '4' }, dialog: true },
    ]);
    expect(relayMail(answered, 'Ola Guide', nb)).toEqual({ subject: t('relay.mail.subject'), text: t('relay.mail.body', { guide: 'Ola Guide', question: answered.text, answer: answered.answer }) });
    expectHostileInert(relayMessage({ ...answered, text: HOSTILE, answer: HOSTILE }, 'G', nb).cardsV2![0]!.card);
  });

  it('replaces the DM card after Solved or Not yet, keeping the question and the answer, without buttons', () => {
    const solved = relayDoneCard(answered, 'solved', nb, 'Ola');
    expectValidCard(solved);
    expect(solved.header).toEqual({ title: t('solved.title'), subtitle: 'Ola' });
    expect(actionNames(solved)).toEqual([]);
    expect(htmlFields(solved)).toEqual([userText(answered.text), t('relay.youAsked'), userText(answered.answer), userText(t('solved.body'))]);
    const notYet = relayDoneCard({ text: 'Spørsmål' }, 'notYet', nb);
    expect(notYet.header).toEqual({ title: t('notYet.title') });
    expect(htmlFields(notYet)).toEqual([userText('Spørsmål'), t('relay.youAsked'), userText(t('notYet.body'))]);
  });

  it('the reply dialog: "not yet" reopens, a reply to a guide\'s question shows it, a failed send keeps the text', () => {
    const notYet = replyDialog(answered, 'notYet', nb);
    expectValidCard(notYet);
    expect(notYet.header!.title).toBe(t('notYet.dialogTitle'));
    expect(clicks(notYet.fixedFooter)[0]).toMatchObject({ action: ACTIONS.replySubmit, params: { q: 'q-1', row: '4', reopen: '1' } });
    const reply = replyDialog(answered, 'reply', nb, 'Hvilken mappe?', { text: 'Min mappe', notice: 'Ikke sendt' });
    expectValidCard(reply);
    expect(ws(reply.sections[0]).map((w) => w.decoratedText?.text ?? w.textInput!.value)).toEqual([userText(answered.text), userText('Hvilken mappe?'), 'Ikke sendt', 'Min mappe']);
    expect(clicks(reply.fixedFooter)[0]!.params).toEqual({ q: 'q-1', row: '4' });
  });

  it('a guide\'s follow-up question goes to the asker with a reply button carrying a short preview', () => {
    const long = `Hvilken\n mappe   mener du? ${'z'.repeat(400)}`;
    const msg = askAskerMessage(answered, 'Ola', long, nb);
    expectValidMessage(msg);
    expect(msg.text).toBe(t('askAsker.notice', { guide: 'Ola' }));
    const k = clicks(msg)[0]!;
    expect(k).toMatchObject({ action: ACTIONS.replyOpen, dialog: true });
    expect(k.params.m!.startsWith('Hvilken mappe mener du? zzz')).toBe(true);
    expect(k.params.m!.length).toBeLessThanOrEqual(300);
    expect(askAskerMail(answered, 'Ola', 'Hvilken?', nb)).toEqual({ subject: t('askAsker.mail.subject'), text: t('askAsker.mail.body', { guide: 'Ola', question: answered.text, message: 'Hvilken?' }) });
    expectHostileInert(askAskerMessage({ ...answered, text: HOSTILE }, 'Ola', HOSTILE, nb).cardsV2![0]!.card);
  });
});

describe('notices to guides', () => {
  it('offer claim while the question is open or reopened, and answer always', () => {
    for (const status of ['open', 'reopened'] as const) expect(actionNames(guideNotice('routed', q({ status }), ref, nb))).toEqual([ACTIONS.claim, ACTIONS.answerOpen]);
    expect(actionNames(guideNotice('nudge', q({ status: 'claimed' }), ref, nb))).toEqual([ACTIONS.answerOpen]);
  });

  it('say what happened, by whom and how long it waited, in every kind, with the asked time as subtitle', () => {
    for (const kind of ['routed', 'handedOver', 'nudge', 'escalated'] as const) {
      const msg = guideNotice(kind, q(), ref, nb, { from: 'Anne', hours: 5 });
      expectValidMessage(msg);
      const c = msg.cardsV2![0]!.card;
      expect(msg.text).toBe(t(`notice.${kind}.title`));
      expect(c.header!.subtitle).toBe(t('thread.asked', { time: t('forum.when', { date: '23. november 2026', time: '09:00' }) }));
      expect(htmlFields(c)[0]).toBe(userText(t(`notice.${kind}.body`, { from: 'Anne', time: formatWorkTime('nb', 5) })));
      const mail = guideNoticeMail(kind, q(), nb, { from: 'Anne', hours: 5 });
      expect(mail.subject).toBe(`Kompetent: ${t(`notice.${kind}.title`)}`);
      expect(mail.text.split('\n\n')).toEqual([t(`notice.${kind}.body`, { from: 'Anne', time: formatWorkTime('nb', 5) }), q().text, t('notice.mail.footer')]);
    }
    expectHostileInert(guideNotice('routed', q({ text: HOSTILE }), ref, nb).cardsV2![0]!.card);
    const sv = forumCtx('sv');
    expect(guideNotice('routed', q(), ref, sv).text).toBe(sv.t('notice.routed.title'));
  });
});
