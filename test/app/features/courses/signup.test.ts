// The sign-up race of issue 5: 200 people sign up for 30 seats at the same moment, from 8 threads that each have their
// own (stale) read model, sharing the records on disk and one lock. Exactly 30 get a seat, 170 wait in arrival order,
// nobody twice, nobody lost.
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { serializeCsv, type FileCell } from '../../../../src/adapters/node/csv-format';
import { CsvWorkbook } from '../../../../src/adapters/node/csv-workbook';
import { TABLE_NAMES } from '../../../../src/core/records/tables';
import { fixtureData, fixtureWorkbook, TODAY } from '../../../support/fixture';
import { keyedCell } from '../../../support/sheet-rows';

const PEOPLE = 200;
const SEATS = 30;
const THREADS = 8;

function seed(dir: string): string[] {
  const data = fixtureData();
  const emails: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const email = `ansatt${String(i).padStart(3, '0')}@kommune.example`;
    emails.push(email);
    data.Employees!.push({ employeeId: `R${i}`, email, name: `Ansatt ${i}`, unitId: 'haugen', roleIds: ['teacher'], managerEmail: undefined,
      startDate: '2020-01-01', probationEndsOn: undefined, status: 'active', locale: 'nb' });
  }
  data.Sessions!.push({ sessionId: 'RACE', courseId: 'K2', startsAt: '2027-01-20T08:00:00Z', endsAt: '2027-01-20T10:00:00Z', location: 'Rådhuset',
    capacity: SEATS, instructorEmail: undefined, signupDeadline: undefined, status: 'open', calendarEventId: undefined });
  const wb = fixtureWorkbook(data);
  for (const t of TABLE_NAMES) {
    const tab = wb.dump(t)!;
    const cells = tab.rows.map((r) => r.map((c) => (typeof c === 'number' || typeof c === 'boolean' ? String(c) : c)) as FileCell[]);
    writeFileSync(join(dir, `${t}.csv`), serializeCsv([tab.header, ...cells]));
  }
  return emails;
}

function bundleWorker(dir: string): string {
  const out = join(dir, 'worker.js');
  buildSync({ entryPoints: [join(__dirname, 'race', 'sign-up-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  return out;
}

describe('200 simultaneous sign-ups for 30 seats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kompetent-race-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seats exactly 30, waitlists 170 in the order the lock let them in, loses and doubles nobody', async () => {
    const emails = seed(dir);
    const script = bundleWorker(dir);
    const lock = new SharedArrayBuffer(4);
    const start = new SharedArrayBuffer(8);
    const per = PEOPLE / THREADS;
    const workers = Array.from({ length: THREADS }, (_, w) => new Worker(script, {
      // Interleave who is in which thread, so arrival order is not thread order.
      workerData: { dir, lock, start, worker: w, emails: emails.filter((_, i) => i % THREADS === w).slice(0, per), sessionId: 'RACE', now: `${TODAY}T09:00:00Z` },
    }));
    const results = workers.map((wk) => new Promise<{ email: string; text: string; busy: number }[]>((resolve, reject) => {
      wk.once('message', resolve);
      wk.once('error', reject);
    }));
    // Release them together once all are ready.
    const flag = new Int32Array(start);
    while (Atomics.load(flag, 1) < THREADS) await new Promise((r) => setTimeout(r, 5));
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    const replies = (await Promise.all(results)).flat();
    await Promise.all(workers.map((wk) => wk.terminate()));

    expect(replies).toHaveLength(PEOPLE);
    const enrolledReplies = replies.filter((r) => r.text.includes('Du er påmeldt'));
    const waitReplies = replies.filter((r) => r.text.includes('på ventelisten'));
    expect(enrolledReplies).toHaveLength(SEATS);
    expect(waitReplies).toHaveLength(PEOPLE - SEATS);

    const wb = new CsvWorkbook(dir);
    const [read] = wb.read([{ table: 'Enrollments' }]);
    const header = read!.header;
    const col = (name: string) => header.indexOf(name);
    const rows = read!.rows.map((r) => ({ row: r.rowNumber, employeeId: String(r.cells[col('employeeId')]), status: String(keyedCell('Enrollments', 'status', r.cells[col('status')])), at: String(r.cells[col('signedUpAt')]) }));
    expect(rows).toHaveLength(PEOPLE);
    expect(new Set(rows.map((r) => r.employeeId)).size).toBe(PEOPLE);
    // Arrival order is the order rows were appended under the lock; time stamps follow it strictly.
    const sorted = [...rows].sort((a, b) => a.row - b.row);
    for (let i = 1; i < sorted.length; i++) expect(Date.parse(sorted[i]!.at)).toBeGreaterThan(Date.parse(sorted[i - 1]!.at));
    expect(sorted.slice(0, SEATS).every((r) => r.status === 'enrolled')).toBe(true);
    expect(sorted.slice(SEATS).every((r) => r.status === 'waitlisted')).toBe(true);
    // Each waiting person was told their true place: the n-th waitlisted row heard "nr. n".
    const byEmployee = new Map(replies.map((r) => [`R${Number(r.email.slice(6, 9))}`, r.text]));
    sorted.slice(SEATS).forEach((r, i) => expect(byEmployee.get(r.employeeId)).toContain(`nr. ${i + 1} på ventelisten`));
  }, 120_000);
});
