// The appraisal cards in every state and language: valid Card v2 JSON, every message key present, user text escaped.
import { appraisalSettings, probationPlan, type RowProblem } from '../../../src/core/appraisal';
import { translator, LOCALES } from '../../../src/core/i18n';
import { APPRAISAL_KIND, APPRAISAL_STATUS, PLAN_STATUS, type Appraisal } from '../../../src/core/records/tables';
import { appraisalCard, newAppraisalCard, tableProblemsCard } from '../../../src/ui/cards/appraisal-cards';
import { validateAgainstDiscovery } from '../../support/discovery-validator';

const TODAY = '2026-11-22';
const valid = (card: unknown) => expect(validateAgainstDiscovery('GoogleAppsCardV1Card', card)).toEqual([]);

function appraisal(status: Appraisal['status'], kind: Appraisal['kind'] = 'development'): Appraisal {
  return { appraisalId: 'A1', employeeId: 'E1', leaderEmail: 'l@x.no', kind, scheduledOn: '2026-11-20', heldOn: status === 'planned' || status === 'prepared' ? undefined : '2026-11-20',
    docId: status === 'planned' ? undefined : 'doc1', status, nextDueOn: status === 'archived' ? '2027-11-20' : undefined };
}

describe.each(LOCALES)('in %s', (locale) => {
  const t = translator(locale);
  const plan = probationPlan({ startDate: '2026-09-01', probationEndsOn: '2027-06-01' }, [], appraisalSettings({}), TODAY)!;

  it('one appraisal, for the leader and for the employee, in every status and kind', () => {
    for (const kind of APPRAISAL_KIND) {
      for (const status of APPRAISAL_STATUS) {
        for (const who of [{ mayLead: true, isEmployee: false }, { mayLead: false, isEmployee: true }]) {
          const card = appraisalCard({
            appraisal: appraisal(status, kind), employee: { name: 'Kari <b>Nordmann</b>', email: 'k@x.no' }, ...who,
            planItems: PLAN_STATUS.map((s, i) => ({ label: `Mål ${i} <script>`, note: 'note', dueBy: '2027-01-01', status: s })),
            ...(kind === 'probation' ? { probation: plan } : {}), ...(status !== 'planned' ? { docUrl: 'https://docs.google.com/document/d/doc1/edit', docId: 'doc1' } : {}),
            today: TODAY,
          }, t, locale);
          valid(card);
          // The header is plain text in Card v2; everything in the sections is escaped.
          expect(JSON.stringify(card.sections)).not.toContain('<script>');
          expect(JSON.stringify(card.sections)).not.toContain('<b>Nordmann');
          expect(JSON.stringify(card).includes('appraisal.scheduleNext')).toBe(who.mayLead && ['held', 'signed', 'archived'].includes(status));
          expect(JSON.stringify(card).includes('appraisal.signOff')).toBe(who.isEmployee && status === 'held');
        }
      }
    }
  });

  it('the new-conversation form and the table problems', () => {
    valid(newAppraisalCard({ people: [{ email: 'a@x.no', name: 'A' }, { email: 'b@x.no', name: 'B' }], more: 3, kinds: APPRAISAL_KIND, today: TODAY }, t));
    valid(newAppraisalCard({ people: [], more: 0, selected: { email: 'a@x.no', name: 'A' }, kind: 'probation', kinds: APPRAISAL_KIND, today: TODAY }, t));
    const reasons: RowProblem['reason'][] = ['noDue', 'badDue', 'pastDue', 'empty', 'unknownCompetence', 'unknownCourse', 'ambiguous', 'badType', 'duplicate', 'tooLong'];
    valid(tableProblemsCard({ problems: reasons.map((reason, i) => ({ row: i + 1, reason, text: 'x', value: 'v' })), back: { email: 'a@x.no', appraisalId: 'A1' } }, t));
    for (const s of ['enrolled', 'waitlisted']) expect(t(`appraisal.fill.${s}` as never)).not.toBe('');
  });
});
