// The leader's appraisal overview (probation follow-ups, due conversations) and the employee's own list, in every language.
import { appraisalSettings, probationPlan } from '../../../src/core/appraisal';
import { translator, LOCALES } from '../../../src/core/i18n';
import { APPRAISAL_STATUS, type Appraisal } from '../../../src/core/records/tables';
import { myAppraisalsCard, overviewCard } from '../../../src/ui/cards/appraisal-overview';
import { validateAgainstDiscovery } from '../../support/discovery-validator';

const TODAY = '2026-11-22';
const valid = (card: unknown) => expect(validateAgainstDiscovery('GoogleAppsCardV1Card', card)).toEqual([]);

function appraisal(status: Appraisal['status']): Appraisal {
  return { appraisalId: 'A1', employeeId: 'E1', leaderEmail: 'l@x.no', kind: 'development', scheduledOn: '2026-11-20', heldOn: status === 'planned' || status === 'prepared' ? undefined : '2026-11-20',
    docId: status === 'planned' ? undefined : 'doc1', status, nextDueOn: status === 'archived' ? '2027-11-20' : undefined };
}

describe.each(LOCALES)('in %s', (locale) => {
  const t = translator(locale);
  const plan = probationPlan({ startDate: '2026-09-01', probationEndsOn: '2027-06-01' }, [], appraisalSettings({}), TODAY)!;

  it('the overview and the own list', () => {
    const states = ['overdue', 'due', 'scheduled'] as const;
    valid(overviewCard({
      probation: [
        { email: 'n@x.no', name: 'Nina', plan, next: plan.followUps[0]! },
        ...(['upcoming', 'due', 'overdue', 'done'] as const).map((state) => ({ email: 'n@x.no', name: 'Nina', plan, next: { ...plan.followUps[1]!, state }, appraisalId: 'A2' })),
        { email: 'm@x.no', name: 'M', plan: { ...plan, decision: { by: '2027-03-01', state: 'passed' as const } } },
        { email: 'm@x.no', name: 'M', plan: { ...plan, warning: 'ends_before_start' as const, decision: { by: '2027-03-01', state: 'due' as const } } },
      ],
      due: states.flatMap((state) => [{ email: 'k@x.no', name: 'Kari', kind: 'development' as const, state, dueOn: '2026-12-01' },
        { email: 'k@x.no', name: 'Kari', kind: 'life-phase' as const, state, appraisalId: 'A3' }]),
      people: 7, truncated: true, notice: 'notice',
    }, t, locale));
    valid(overviewCard({ probation: [], due: [], people: 0, truncated: false }, t, locale));
    valid(myAppraisalsCard({ name: 'Kari', appraisals: APPRAISAL_STATUS.map((s) => ({ appraisal: appraisal(s), docUrl: 'https://docs.google.com/x' })), plan: [], isLeader: true }, t, locale));
  });
});
