// The leaders' appraisal reminders, as a Chat card and as a mail, in every language.
import { translator, LOCALES } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import { kindLabel } from '../../../src/ui/cards/appraisal-cards';
import { appraisalReminderCard, appraisalReminderChat, appraisalReminderMail, REMINDER_LINES, reminderLineText, type AppraisalReminderLine } from '../../../src/ui/cards/appraisal-messages';
import { actionNames, expectHostileInert, expectValidMessage, HOSTILE, ws } from '../../support/cards';
import { validateAgainstDiscovery } from '../../support/discovery-validator';

const valid = (card: unknown) => expect(validateAgainstDiscovery('GoogleAppsCardV1Card', card)).toEqual([]);

describe.each(LOCALES)('in %s', (locale) => {
  const t = translator(locale);

  it('the reminders', () => {
    const lines = (['followUp', 'decision', 'warning', 'due', 'overdue'] as const).map((what) => ({ email: 'n@x.no', name: 'Nina Ny', what, kind: 'probation' as const, date: '2027-01-01', n: 2 }));
    valid(appraisalReminderCard(lines, t, locale));
    expect(appraisalReminderMail('Per Leder', lines, t, locale).text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(5);
  });
});

describe('reminder lines and limits', () => {
  const t = translator('nb');
  const line = (what: AppraisalReminderLine['what'], over: Partial<AppraisalReminderLine> = {}): AppraisalReminderLine => ({ email: 'n@x.no', name: 'Nina Ny', what, kind: 'development', date: '2027-01-01', ...over });

  it('say what is due in words, per kind', () => {
    expect(reminderLineText(line('followUp', { n: 2 }), t, 'nb')).toBe(t('appraisal.reminder.followUp', { n: 2, date: '1. januar 2027' }));
    expect(reminderLineText(line('followUp'), t, 'nb')).toBe(t('appraisal.reminder.followUp', { n: 1, date: '1. januar 2027' }));
    expect(reminderLineText(line('decision'), t, 'nb')).toBe(t('appraisal.reminder.decision', { date: '1. januar 2027' }));
    expect(reminderLineText(line('warning'), t, 'nb')).toBe(t('appraisal.reminder.warning', { date: '1. januar 2027' }));
    expect(reminderLineText(line('due', { kind: 'life-phase' }), t, 'nb')).toBe(t('appraisal.reminder.due', { kind: kindLabel(t, 'life-phase'), date: '1. januar 2027' }));
    expect(reminderLineText(line('overdue'), t, 'nb')).toBe(t('appraisal.reminder.overdue', { kind: kindLabel(t, 'development'), date: '1. januar 2027' }));
  });

  it(`show at most ${REMINDER_LINES} people and point to the overview for the rest; names stay inert`, () => {
    const many = Array.from({ length: 20 }, (_, i) => line(i % 2 ? 'overdue' : 'due', { name: `Person ${i}` }));
    const c = appraisalReminderCard(many, t, 'nb');
    expect(ws(c.sections[0])).toHaveLength(REMINDER_LINES);
    expect(ws(c.sections[0]).map((w) => w.decoratedText!.startIcon!.materialIcon!.name).slice(0, 2)).toEqual(['schedule', 'report']);
    expect(actionNames(c)).toEqual([ACTIONS.appraisalOverview]);
    const msg = appraisalReminderChat(many, t, 'nb');
    expectValidMessage(msg);
    expect(msg.text).toBe(t('appraisal.reminder.chatText', { count: 20 }));
    const mail = appraisalReminderMail('Per Leder', many, t, 'nb');
    expect(mail.subject).toBe(t('appraisal.reminder.subject', { count: 20 }));
    expect(mail.text.split('\n')).toContain(t('appraisal.overview.more', { count: 5 }));
    expect(mail.text.startsWith(t('home.greeting', { name: 'Per' }))).toBe(true);
    const exact = appraisalReminderMail('Per', many.slice(0, REMINDER_LINES), t, 'nb').text.split('\n');
    expect(exact.filter((l) => l.startsWith('• '))).toHaveLength(REMINDER_LINES);
    expect(exact.at(-3)!.startsWith(`• Person ${REMINDER_LINES - 1}:`)).toBe(true); // no "and N more" line between the people and the footer
    expectHostileInert(appraisalReminderCard([line('due', { name: HOSTILE })], t, 'nb'));
  });
});
