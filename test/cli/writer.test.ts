// The CLI's writer: chunked batchUpdates with audit rows beside their records and validation over appended rows,
// and no write at all when a row to update changed since it was read.
import type { Certification, Employee } from '../../src/core/records/tables';
import { CliError } from '../../src/cli/errors';
import { connect } from '../../src/cli/google';
import { RemoteRecords, WRITE_CHUNK_ROWS } from '../../src/cli/remote';
import { writeChanges } from '../../src/cli/writer';
import { insert, update } from '../../src/store/records';
import { sheetsClient, startDoubles, testIo, TOKEN, type Doubles } from './support/harness';
import { RECORDS, municipality, table } from './support/municipality';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });

const audit = { actorEmail: 'hr.admin@kommune.example', action: 'import', at: '2026-03-02T09:00:00Z' };

function remote(id: string): RemoteRecords {
  return new RemoteRecords(connect({ accessToken: TOKEN, rootUrl: d.sheets.url }), id);
}

it('writes many rows in chunks, each record with its audit row, and validates the enumerations of appended rows', async () => {
  const io = testIo(d);
  const id = await municipality(d, io);
  const rr = remote(id);
  const read = await rr.read(['Certifications'], ['Audit']);
  const n = WRITE_CHUNK_ROWS + 500;
  const changes = Array.from({ length: n }, (_, i) => insert('Certifications', {
    certificationId: `c${i}`, employeeId: '1001', competenceId: 'brannvern', achievedOn: '2024-01-01', source: 'import', state: 'valid',
  } as Certification));
  await d.sheets.clearLog();
  let ticks = 0;
  const res = await writeChanges(rr, read, changes, audit, (k) => { ticks += k; });
  expect(res).toEqual({ inserted: n, updated: 0 });
  const writes = (await d.sheets.log()).filter((l) => l.route === 'batchUpdate');
  expect(writes).toHaveLength(Math.ceil((2 * n) / WRITE_CHUNK_ROWS));
  expect(ticks).toBe(2 * n);
  const certs = await table(d, id, 'Certifications');
  expect(certs).toHaveLength(2 + n);
  expect(certs[certs.length - 1]![0]).toBe(`c${n - 1}`);
  const audits = await table(d, id, 'Audit');
  expect(audits).toHaveLength(1 + n);
  expect(audits[n]![4]).toBe(`c${n - 1}`);
  // The appended rows get the state column's list, down to the last one.
  const stateCol = certs[0]!.indexOf('state');
  const grid = await sheetsClient(d).spreadsheets.get({ spreadsheetId: id, ranges: [`'Certifications'!${certs.length}:${certs.length}`],
    includeGridData: true, fields: 'sheets(data(rowData(values(dataValidation))))' });
  expect(grid.data.sheets![0]!.data![0]!.rowData![0]!.values![stateCol]!.dataValidation?.condition?.type).toBe('ONE_OF_LIST');
});

it('writes nothing when a row it updates was changed by hand after it was read', async () => {
  const io = testIo(d);
  const id = await municipality(d, io);
  const rr = remote(id);
  const read = await rr.read(['Employees'], ['Audit']);
  const ola = RECORDS.Employees![1];
  const before: Employee = { employeeId: '1002', email: ola![1]!, name: ola![2]!, unitId: 'u-sol', roleIds: ['helsefagarbeider'], status: 'active' };
  // Someone moves Ola by hand in the spreadsheet meanwhile.
  const header = (await table(d, id, 'Employees'))[0];
  await d.sheets.seed(id, 'Employees', header!, RECORDS.Employees!.map((r) => (r[0] === '1002' ? [...r.slice(0, 3), 'u-eple', ...r.slice(4)] : r)));
  await d.sheets.clearLog();
  await expect(writeChanges(rr, read, [update('Employees', 3, before, { ...before, unitId: 'u-hjem' }), insert('Certifications', {
    certificationId: 'x', employeeId: '1002', competenceId: 'brannvern', achievedOn: '2024-01-01', source: 'import', state: 'valid' } as Certification)],
  audit, () => undefined)).rejects.toThrow(CliError);
  expect((await d.sheets.log()).filter((l) => l.route === 'batchUpdate')).toEqual([]);
  expect((await table(d, id, 'Employees'))[2]![3]).toBe('u-eple');
});
