// Certificates waiting for a leader: the list (evidence, approve, reject), the rejection dialog, the home-card section and
// the decision mail to the employee.
import { translator } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import { decisionMail, pendingListCard, pendingSection, rejectCard, type PendingCardEntry } from '../../../src/ui/cards/pending-cards';
import { actionNames, clicks, expectHostileInert, expectValidCard, htmlFields, HOSTILE, links, ws } from '../../support/cards';

const nb = { t: translator('nb'), locale: 'nb' as const };
const entry = (i: number, over: Partial<PendingCardEntry> = {}): PendingCardEntry => ({
  certificationId: `X${i}`, name: `Ansatt ${i}`, email: `a${i}@k.no`, competence: 'Førstehjelp', achievedOn: '2026-11-30', chain: ['U3', 'U1'],
  evidenceUrl: `https://drive.google.com/file/d/F${i}/view`, ...over,
});
const params = (i: number) => ({ email: `a${i}@k.no`, certificationId: `X${i}`, chain: 'U3,U1', from: 'list' });

describe('pendingListCard', () => {
  it('shows each certificate with its evidence, approve and reject (in a dialog), and a way back', () => {
    const c = pendingListCard({ entries: [entry(1), entry(2, { evidenceUrl: undefined })], count: 2 }, nb);
    expectValidCard(c);
    expect(c.header).toEqual({ title: nb.t('pending.title'), subtitle: nb.t('pending.subtitle', { count: 2 }) });
    expect(links(c)).toEqual(['https://drive.google.com/file/d/F1/view']);
    expect(clicks(c)).toEqual([
      { text: nb.t('pending.approve'), action: ACTIONS.verifyCertification, params: params(1), dialog: false },
      { text: nb.t('pending.reject'), action: ACTIONS.rejectOpen, params: params(1), dialog: true },
      { text: nb.t('pending.approve'), action: ACTIONS.verifyCertification, params: params(2), dialog: false },
      { text: nb.t('pending.reject'), action: ACTIONS.rejectOpen, params: params(2), dialog: true },
      { text: nb.t('unit.backToUnit'), action: ACTIONS.unitOverview, params: {}, dialog: false },
    ]);
    expect(ws(c.sections[0])[0]!.decoratedText).toMatchObject({ topLabel: 'Ansatt 1', text: `<b>${nb.t('pending.line', { competence: 'Førstehjelp', date: '30. november 2026' })}</b>` });
    expect(ws(c.sections[1])[0]!.decoratedText!.bottomLabel).toBe(nb.t('pending.noEvidence'));
  });

  it('says there is nothing waiting, or how many more wait than are shown', () => {
    const none = pendingListCard({ entries: [], count: 0 }, nb);
    expectValidCard(none);
    expect(none.header).toEqual({ title: nb.t('pending.title') });
    expect(htmlFields(none)).toEqual([nb.t('pending.none')]);
    expect(actionNames(none)).toEqual([ACTIONS.unitOverview]);
    const more = pendingListCard({ entries: [entry(1)], count: 31 }, nb);
    expect(htmlFields(more)[0]).toBe(nb.t('pending.more', { shown: 1, count: 31 }));
  });

  it('escapes names and competence names', () => {
    expectHostileInert(pendingListCard({ entries: [entry(1, { name: HOSTILE }), entry(2, { competence: HOSTILE })], count: 2 }, nb));
  });
});

describe('rejectCard', () => {
  it('asks for a reason (kept when the dialog comes back) and rejects with the same parameters', () => {
    const c = rejectCard({ entry: entry(1), reason: 'Uleselig' }, nb);
    expectValidCard(c);
    expect(ws(c.sections[0])[1]!.textInput).toEqual({ name: 'reason', label: nb.t('reject.reason'), hintText: nb.t('reject.reasonHint'), value: 'Uleselig', type: 'MULTIPLE_LINE' });
    expect(clicks(c)).toEqual([{ text: nb.t('reject.submit'), action: ACTIONS.rejectCertification, params: params(1), dialog: false }]);
    expect(ws(rejectCard({ entry: entry(1) }, nb).sections[0])[1]!.textInput!.value).toBeUndefined();
    expectHostileInert(rejectCard({ entry: entry(1, { name: HOSTILE }) }, nb));
  });
});

it('pendingSection opens the list and counts what waits', () => {
  const s = pendingSection(3, nb.t);
  expect(s.header).toBe(nb.t('pending.section'));
  expect(htmlFields(s)).toEqual([nb.t('pending.sectionText', { count: 3 })]);
  expect(clicks(s)).toEqual([{ text: nb.t('pending.open', { count: 3 }), action: ACTIONS.pendingList, params: {}, dialog: false }]);
  expectValidCard({ sections: [s] });
});

describe('decisionMail', () => {
  const facts = { name: 'Kari', competence: 'Førstehjelp', achievedOn: '2026-11-30', leader: 'Per Leder' };
  it('tells of an approval, or of a rejection with the reason, in the employee\'s language', () => {
    const p = { ...facts, date: '30. november 2026', reason: '' };
    expect(decisionMail(facts, nb)).toEqual({ subject: nb.t('verify.mail.approvedSubject', p), text: nb.t('verify.mail.approved', p) });
    const rejected = decisionMail({ ...facts, reason: 'Uleselig kopi' }, nb);
    expect(rejected).toEqual({ subject: nb.t('verify.mail.rejectedSubject', { ...p, reason: 'Uleselig kopi' }), text: nb.t('verify.mail.rejected', { ...p, reason: 'Uleselig kopi' }) });
    expect(rejected.text).toContain('Uleselig kopi');
    // An empty reason is still a rejection.
    expect(decisionMail({ ...facts, reason: '' }, nb).subject).toBe(nb.t('verify.mail.rejectedSubject', p));
    const sv = { t: translator('sv'), locale: 'sv' as const };
    expect(decisionMail(facts, sv).text).toContain('30 november 2026');
  });
});
