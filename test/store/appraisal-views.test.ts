// Appraisal views: who holds whose conversations, the document index, and sizes over a demo municipality.
import { guarded } from '../../src/app/pipeline/handle';
import { allHandlers } from '../../src/app/pipeline/router';
import { generateDemo } from '../../src/demo';
import { localPorts, MovableClock } from '../../src/adapters/memory/memory-services';
import { headerOf, TABLE_NAMES, type Appraisal, type Row, type TableName, type Unit } from '../../src/core/records/tables';
import {
  appraisalLeaderKey, buildAppraisalViews, docIndexKey, nearestLeaders, relevantAppraisals, type AppraisalLeaderView, type DocIndex,
} from '../../src/store/appraisal-views';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { ReadModel, type PersonView } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import { encodeRow } from '../../src/store/table-parse';

const units: Unit[] = [
  { unitId: 'root', name: 'Kommune', area: 'x', parentUnitId: undefined, leaderEmails: ['boss@x.no'] },
  { unitId: 'home', name: 'Sykehjem', area: 'x', parentUnitId: 'root', leaderEmails: ['head@x.no', 'co@x.no'] },
  { unitId: 'ward', name: 'Avdeling', area: 'x', parentUnitId: 'home', leaderEmails: [] },
];

describe('nearestLeaders', () => {
  it('walks up to the first unit with a leader other than the person', () => {
    expect(nearestLeaders('ward', 'nurse@x.no', units)).toEqual(['head@x.no', 'co@x.no']);
    expect(nearestLeaders('home', 'head@x.no', units)).toEqual(['co@x.no']);
    expect(nearestLeaders('root', 'boss@x.no', units)).toEqual([]);
    expect(nearestLeaders('nowhere', 'a@x.no', units)).toEqual([]);
    const cycle: Unit[] = [{ ...units[1]!, parentUnitId: 'ward', leaderEmails: [] }, { ...units[2]!, parentUnitId: 'home' }];
    expect(nearestLeaders('ward', 'a@x.no', cycle)).toEqual([]);
  });
});

function person(employeeId: string, email: string, unitId: string, appraisals: Appraisal[]): PersonView {
  return {
    employee: { rowNumber: 2, row: { employeeId, email, name: email, unitId, roleIds: [], managerEmail: undefined, startDate: '2020-01-01', probationEndsOn: undefined, status: 'active', locale: 'nb' } },
    certifications: [], enrollments: [], planItems: [], skills: [], questions: [],
    appraisals: appraisals.map((row, i) => ({ row, rowNumber: 10 + i })),
  };
}
const apr = (id: string, patch: Partial<Appraisal>): Appraisal => ({ appraisalId: id, employeeId: 'E1', leaderEmail: 'head@x.no', kind: 'development',
  scheduledOn: undefined, heldOn: undefined, docId: undefined, status: 'planned', nextDueOn: undefined, ...patch });

describe('buildAppraisalViews', () => {
  it('lists each person for their nearest leaders and indexes every document', () => {
    const nurse = person('E1', 'nurse@x.no', 'ward', [apr('A1', { docId: 'docA', status: 'held', heldOn: '2026-01-01' })]);
    const head = person('E2', 'head@x.no', 'home', [apr('A2', { employeeId: 'E2', docId: 'docB', status: 'prepared' })]);
    const built = buildAppraisalViews(units, [nurse, head], { now: 'n', today: '2026-11-22' });
    expect(built.leaders.get('head@x.no')!.members.map((m) => m.email)).toEqual(['nurse@x.no']);
    expect(built.leaders.get('co@x.no')!.members.map((m) => m.email).sort()).toEqual(['head@x.no', 'nurse@x.no']);
    expect(built.leaders.get('boss@x.no')).toBeUndefined();
    const bucket = (id: string) => built.docs[Number(docIndexKey(id).slice(3))];
    expect(bucket('docA')!.docA).toMatchObject({ appraisal: { rowNumber: 10, row: { appraisalId: 'A1' } }, employee: { email: 'nurse@x.no', unitId: 'ward' } });
    expect(bucket('docB')!.docB!.employee.email).toBe('head@x.no');
  });

  it('keeps open, unarchived and the last held of each kind, not the whole history', () => {
    const list = [
      apr('old', { status: 'archived', heldOn: '2023-01-01' }), apr('last', { status: 'archived', heldOn: '2025-01-01' }),
      apr('open', { status: 'planned' }), apr('gone', { status: 'cancelled' }), apr('p', { kind: 'probation', status: 'archived', heldOn: '2020-03-01' }),
    ].map((row, i) => ({ row, rowNumber: i + 2 }));
    expect(relevantAppraisals(list).map((a) => a.row.appraisalId)).toEqual(['last', 'open', 'p']);
  });
});

describe('over a demo municipality', () => {
  // 100 people while the read model still takes one item per person (issue 12): the strict cache trims past 1,000 items
  // (the fakes' clock moves while the rebuild writes, so the first items written are the first trimmed, as on Google).
  it('the rebuild stages every leader list and document bucket within the cache limits, and panels read them', () => {
    const demo = generateDemo({ employees: 100, today: '2026-11-22' });
    const wb = new MemoryWorkbook();
    for (const t of TABLE_NAMES) {
      const header = headerOf(t);
      wb.seed(t, header, ((demo as Record<string, Row<TableName>[]>)[t] ?? []).map((r) => { const e = encodeRow(t, r); return header.map((h) => e[h] ?? null); }));
    }
    const ports = localPorts(wb, { clock: new MovableClock('Europe/Oslo', () => Date.parse('2026-11-22T09:00:00Z')) });
    const result = rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g', ports.codec), { now: '2026-11-22T09:00:00Z', today: '2026-11-22', generation: 'g' });
    expect(result.largestEntryBytes).toBeLessThan(100_000);
    const withDoc = (demo.Appraisals as Appraisal[]).find((a) => a.docId && a.status === 'prepared')!;
    const rm = new ReadModel(ports.cache, () => 'g', ports.codec);
    const bucket = rm.load([{ view: docIndexKey(withDoc.docId!) }]).get<DocIndex>(docIndexKey(withDoc.docId!))!;
    expect(bucket[withDoc.docId!]!.appraisal.row.appraisalId).toBe(withDoc.appraisalId);
    const leaderList = rm.load([{ view: appraisalLeaderKey(withDoc.leaderEmail) }]).get<AppraisalLeaderView>(appraisalLeaderKey(withDoc.leaderEmail))!;
    expect(leaderList.members.some((m) => m.employeeId === withDoc.employeeId)).toBe(true);
    // The leader's panel on that document: one cache call.
    ports.meter.reset();
    const out = guarded(ports, allHandlers(), { commonEventObject: { hostApp: 'DOCS' }, docs: { id: withDoc.docId, title: 'x', addonHasFileScopePermission: true } },
      { host: 'docs', action: 'docs.home', userEmail: withDoc.leaderEmail });
    expect(JSON.stringify(out.reply)).toContain('appraisal.recordActions');
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1 });
  });
});
