// doctor against a provisioned set-up in the double: healthy, then over-shared, broken headers, bad rows, stale cache.
import { headerOf } from '../../../src/core/records/tables';
import { ADMIN, TOKEN, cli, config, emptyDrive, provisioned, sheetsClient, startDoubles, testIo, type Doubles } from './support/harness';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });
beforeEach(async () => { await emptyDrive(d); });

async function sheetIdOf(id: string, title: string): Promise<number> {
  const res = await sheetsClient(d).spreadsheets.get({ spreadsheetId: id, fields: 'sheets(properties(sheetId,title))' });
  return res.data.sheets!.find((s) => s.properties?.title === title)!.properties!.sheetId ?? 0;
}

async function append(id: string, title: string, rows: string[][]): Promise<void> {
  await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ appendCells: {
    sheetId: await sheetIdOf(id, title), fields: 'userEnteredValue',
    rows: rows.map((r) => ({ values: r.map((v) => (v ? { userEnteredValue: { stringValue: v } } : {})) })),
  } }] } });
}

it('a fresh set-up is healthy (read-model freshness cannot be seen from outside Apps Script: a warning)', async () => {
  const io = testIo(d);
  await provisioned(io);
  expect(await cli(io, ['doctor'])).toBe(0);
  const lines = io.stdout;
  expect(lines[0]).toMatch(/^Kompetent doctor: spreadsheet /);
  expect(lines).toContainEqual(expect.stringMatching(/^Access +✔ connected as kompetent@/));
  expect(lines).toContainEqual('Structure    ✔ 18 tables with their headers, frozen and protected; enumerations validated');
  expect(lines).toContainEqual('Sharing      ✔ 6 items shared only with the service account and 2 admins');
  expect(lines).toContainEqual(expect.stringMatching(/^Data health +✔ \d+ rows read, all of them usable$/));
  expect(lines).toContainEqual(expect.stringMatching(/^Read model +! freshness unknown/));
  expect(lines).toContainEqual(expect.stringMatching(/^Quotas +✔ [\d,]+ of 5,000,000 cells \(0%\); Audit \d+ rows; Drive 0\.0 of 15\.0 GiB; this check used \d+ API calls/));
  expect(lines[lines.length - 1]).toBe('Summary: 0 problems, 1 warning.');
});

it('finds link sharing, domain sharing and people who are not admins', async () => {
  const io = testIo(d);
  const id = await provisioned(io);
  const cfg = config(io);
  await d.drive.share(id, { type: 'anyone', role: 'reader' });
  await d.drive.share(cfg.folders.evidence, { type: 'user', role: 'reader', emailAddress: 'nysgjerrig@kommune.example' });
  await d.drive.share(cfg.rootFolderId, { type: 'domain', role: 'reader', domain: 'kommune.example' });
  expect(await cli(io, ['doctor'])).toBe(1);
  const out = io.text();
  expect(out).toContain('Sharing      ✖ ');
  expect(out).toContain('records spreadsheet: shared with anyone who has the link');
  expect(out).toContain('folder evidence: user nysgjerrig@kommune.example (reader) is neither the service account nor an admin');
  expect(out).toContain('folder Kompetent: shared with everyone in kommune.example');
  expect(out).toContain('→ remove them in Drive → Share (General access: Restricted)');
  expect(io.stdout[io.stdout.length - 1]).toBe('Summary: 1 problem, 1 warning.');
});

it('finds a broken header, unreadable rows and references to nothing, and a stale read model', async () => {
  const io = testIo(d);
  const id = await provisioned(io);
  await append(id, 'Units', [['u1', 'Solbakken sykehjem', 'Helse', '', '']]);
  await append(id, 'Employees', [
    ['e1', 'kari@kommune.example', 'Kari', 'u1', '', '', '', '', 'active', ''],
    ['e2', 'ola(at)kommune.example', 'Ola', 'u1', '', '', '', '', 'active', ''],
    ['e3', 'per@kommune.example', 'Per', 'u-finnes-ikke', '', '', '', '', 'active', ''],
  ]);
  await append(id, 'Settings', [['readModelBuiltAt', '2026-03-02T04:00:00Z']]);
  await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ updateCells: {
    start: { sheetId: await sheetIdOf(id, 'Roles'), rowIndex: 0, columnIndex: 1 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'Navn' } }] }],
    fields: 'userEnteredValue' } }] } });
  expect(await cli(io, ['doctor'])).toBe(1);
  const out = io.text();
  // Rows appended by hand below the validated ones are reported too: provision extends the lists over them.
  expect(out).toContain(['Structure    ✖ 2 things to repair',
    '               tab Employees: allowed values of status, locale are not validated on the last rows',
    '               tab Roles: header lacks name', '             → kompetent provision repairs these'].join('\n'));
  expect(out).toContain('Data health  ✖ ');
  expect(out).toContain('Employees row 3 email: invalid_email ("ola(at)kommune.example")');
  expect(out).toContain('Employees row 4 unitId: unknown_reference ("u-finnes-ikke")');
  expect(out).toContain('Roles row 1 name: missing_column');
  expect(out).toContain('Read model   ! rebuilt 5.0 h ago (2026-03-02T04:00:00Z); changes since: last at 2026-03-02T09:00:00Z');
  expect(headerOf('Roles')[1]).toBe('name');
});

it('checks admins given on the command line too', async () => {
  const io = testIo(d);
  const id = await provisioned(io);
  await d.drive.share(id, { type: 'user', role: 'writer', emailAddress: 'ny.hr@kommune.example' });
  expect(await cli(io, ['doctor'])).toBe(1);
  expect(await cli(io, ['doctor', '--admins', `ny.hr@kommune.example,${ADMIN}`])).toBe(0);
});

it('reports a folder that was deleted instead of failing', async () => {
  const io = testIo(d);
  await provisioned(io);
  const cfg = config(io);
  await fetch(`${d.sheets.url}/drive/v3/files/${cfg.folders.archive}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(await cli(io, ['doctor'])).toBe(1);
  expect(io.text()).toContain(`Drive        ✖ 1 folder not found\n               folder archive (${cfg.folders.archive}) is gone or not shared with`);
});
