// The leaders' appraisal reminders, as a Chat card and as a mail, in every language.
import { translator, LOCALES } from '../../../src/core/i18n';
import { appraisalReminderCard, appraisalReminderMail } from '../../../src/ui/cards/appraisal-messages';
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
