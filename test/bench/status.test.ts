// The bench hook computes every status, aggregate and the reminder plan from a snapshot, and reports figures.
import { benchStatus, formatStatusBench } from '../../src/bench/status';
import { readAllTables } from '../../src/store/rebuild';
import { fixtureWorkbook, TODAY } from '../support/fixture';

it('reports counts and times for the fixture municipality', () => {
  const b = benchStatus(readAllTables(fixtureWorkbook()), { today: TODAY, now: `${TODAY}T05:00:00Z` });
  expect(b).toMatchObject({ employees: 4, units: 4, remindersDue: 1, peopleReminded: 1 });
  // Four units, one leader overview, the dashboard.
  expect(b.viewValues).toBe(6);
  expect(b.statusMs).toBeGreaterThanOrEqual(0);
  expect(formatStatusBench(b).join('\n')).toContain('4 employees');
});
