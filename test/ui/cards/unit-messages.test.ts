// What the jobs send: re-certification reminders to staff and the weekly digest to leaders, as Chat cards and as mails.
import { translator, type Locale } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import {
  digestCard, digestChatMessage, digestHasNews, digestMail, reminderCard, reminderChatMessage, reminderMail, type DigestContext, type ReminderLine,
} from '../../../src/ui/cards/unit-messages';
import { actionNames, clicks, expectHostileInert, expectValidCard, expectValidMessage, HOSTILE, ws } from '../../support/cards';
import { COMPETENCES, leaderView, member, unitAgg, unitView } from '../../support/unit-views';

const nb = translator('nb');
const lines: ReminderLine[] = [
  { competenceId: 'HLR', name: 'Hjerte-lungeredning', expiresOn: '2026-11-30', daysLeft: -3, next: { sessionId: 'S9', courseTitle: 'HLR-kurs', startsAt: '2026-12-10T08:00:00Z' } },
  { competenceId: 'BRANN', name: 'Brannvern', expiresOn: '2026-12-03', daysLeft: 0 },
  { competenceId: 'SMITTE', name: 'Smittevern', expiresOn: '2027-03-03', daysLeft: 90 },
];

describe('reminders', () => {
  it('list what expired, expires today or soon, with sign-up to the next session', () => {
    const c = reminderCard('Kari Nordmann', lines, nb, 'nb');
    expectValidCard(c);
    expect(c.header).toEqual({ title: nb('reminder.title'), subtitle: 'Kari Nordmann' });
    expect(ws(c.sections[0]).map((w) => w.decoratedText!.bottomLabel)).toEqual([
      `${nb('reminder.expired', { date: '30. november 2026' })} · ${nb('status.nextSession', { course: 'HLR-kurs', date: '10. desember 2026' })}`,
      nb('reminder.today', { date: '3. desember 2026' }),
      nb('reminder.expires', { date: '3. mars 2027', days: 90 }),
    ]);
    expect(clicks(c)).toEqual([
      { text: nb('status.signUp'), action: ACTIONS.signUp, params: { sessionId: 'S9' }, dialog: false },
      { text: nb('button.myStatus'), action: ACTIONS.myStatus, params: {}, dialog: false },
      { text: nb('button.findCourses'), action: ACTIONS.findCourses, params: {}, dialog: false },
    ]);
    expectHostileInert(reminderCard('X', [{ ...lines[0]!, name: HOSTILE, next: { ...lines[0]!.next!, courseTitle: HOSTILE } }], nb, 'nb'));
  });

  it('go to Chat as a card message with a count, and by mail as plain text with a one-line or many-line subject', () => {
    const msg = reminderChatMessage('Kari Nordmann', lines, nb, 'nb');
    expectValidMessage(msg);
    expect(msg.text).toBe(nb('reminder.chatText', { count: 3 }));
    const mail = reminderMail('Kari Nordmann', lines, nb, 'nb');
    expect(mail.subject).toBe(nb('reminder.subjectMany', { count: 3 }));
    expect(mail.text.split('\n')).toEqual([
      nb('home.greeting', { name: 'Kari' }), '', nb('reminder.mailIntro'), '',
      `• Hjerte-lungeredning: ${nb('reminder.expired', { date: '30. november 2026' })}`, `  ${nb('status.nextSession', { course: 'HLR-kurs', date: '10. desember 2026' })}`,
      `• Brannvern: ${nb('reminder.today', { date: '3. desember 2026' })}`, `• Smittevern: ${nb('reminder.expires', { date: '3. mars 2027', days: 90 })}`,
      '', nb('reminder.mailFooter'),
    ]);
    expect(reminderMail('Kari', [lines[2]!], nb, 'nb').subject).toBe(nb('reminder.subject', { competence: 'Smittevern', date: '3. mars 2027' }));
    const en = translator('en');
    expect(reminderMail('Kari', [lines[2]!], en, 'en').subject).toBe(en('reminder.subject', { competence: 'Smittevern', date: '3 March 2027' }));
  });
});

describe('the leaders\' digest', () => {
  const ctx = (locale: Locale = 'nb', total = 3): DigestContext => ({
    t: translator(locale), locale, competenceName: (id) => COMPETENCES[id] ?? id,
    people: () => ({ list: Array.from({ length: Math.min(total, 12) }, (_, i) => member(i + 1)), total }),
  });
  const view = leaderView([unitView({ children: [
    unitAgg('A', 'Sone A', { compliant: 40 }), unitAgg('B', 'Sone B', { compliant: 10 }), unitAgg('C', 'Sone C', { peopleWithGaps: 0, compliant: 0 }),
    unitAgg('D', 'Sone D', { compliant: 10, peopleWithGaps: 9 }), ...['E', 'F', 'G'].map((id) => unitAgg(id, `Sone ${id}`, { compliant: 45 })),
  ] })]);

  it('shows each unit, its five weakest sub-units (lowest compliance, then most people with gaps) and ten people', () => {
    const c = digestCard(view, ctx('nb', 14));
    expectValidCard(c);
    expect(c.header).toEqual({ title: nb('unitDigest.title') });
    expect(ws(c.sections[1]).map((w) => w.decoratedText!.text)).toEqual(['Sone D', 'Sone B', 'Sone A', 'Sone E', 'Sone F']);
    expect(c.sections[2]!.header).toBe(nb('unit.needsAction', { count: 14 }));
    expect(ws(c.sections[2])).toHaveLength(10);
    expect(actionNames(c).slice(0, 2)).toEqual([ACTIONS.unitOverview, ACTIONS.unitOverview]);
    expect(clicks(c)[0]!.params).toEqual({ unitId: 'U-NORD' });
    const msg = digestChatMessage(view, ctx());
    expectValidMessage(msg);
    expect(msg.text).toBe(nb('unitDigest.chatText'));
  });

  it('by mail: the same in plain text, with how many more people there are', () => {
    const mail = digestMail('Per Leder', view, ctx('nb', 14));
    expect(mail.subject).toBe(nb('unitDigest.subject'));
    const text = mail.text.split('\n');
    expect(text[0]).toBe(nb('home.greeting', { name: 'Per' }));
    expect(text).toContain(`Hjemmetjenesten Nord: ${nb('unit.pct', { pct: 83 })}`);
    expect(text.filter((l) => l.startsWith('  Sone '))).toHaveLength(5);
    expect(text.filter((l) => l.startsWith('• '))).toHaveLength(10);
    expect(text).toContain(nb('unit.andMore', { count: 4 }));
    expect(text.at(-3)).toBe(nb('unit.andMore', { count: 4 }));
    // Ten or fewer: the last person is the last line before the footer.
    expect(digestMail('Per', view, ctx('nb', 3)).text.split('\n').at(-3)!.startsWith('• Ansatt 03')).toBe(true);
    expect(text.at(-1)).toBe(nb('unitDigest.mailFooter'));
  });

  it('has news only when someone has a gap or something expiring, and keeps names inert', () => {
    expect(digestHasNews(view)).toBe(true);
    expect(digestHasNews(leaderView([unitView({ unit: unitAgg('U', 'U', { peopleWithGaps: 0, peopleExpiring: 0 }) })]))).toBe(false);
    expect(digestHasNews(leaderView([]))).toBe(false);
    const hostile = leaderView([unitView({ unit: unitAgg('U', HOSTILE), children: [unitAgg('C', HOSTILE)] })]);
    expectHostileInert(digestCard(hostile, { ...ctx(), people: () => ({ list: [member(1, { name: HOSTILE })], total: 1 }) }));
  });
});
