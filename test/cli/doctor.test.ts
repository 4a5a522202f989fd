// doctor against a provisioned set-up in the double: healthy, then over-shared, broken headers, bad rows, stale cache.
import { tabTitle } from '../../src/core/records/labels';
import { headerOf } from '../../src/core/records/tables';
import { ADMIN, SA, TOKEN, cli, config, driveClient, emptyDrive, provisioned, sheetsClient, startDoubles, testIo, type Doubles } from './support/harness';
import { municipality } from './support/municipality';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });
beforeEach(async () => { await emptyDrive(d); });

/** The sheet id of a table's tab (provision gives it the Norwegian title). */
async function sheetIdOf(id: string, table: string): Promise<number> {
  const res = await sheetsClient(d).spreadsheets.get({ spreadsheetId: id, fields: 'sheets(properties(sheetId,title))' });
  return res.data.sheets!.find((s) => s.properties?.title === tabTitle(table))!.properties!.sheetId ?? 0;
}

async function append(id: string, title: string, rows: string[][]): Promise<void> {
  await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ appendCells: {
    sheetId: await sheetIdOf(id, title), fields: 'userEnteredValue',
    rows: rows.map((r) => ({ values: r.map((v) => (v ? { userEnteredValue: { stringValue: v } } : {})) })),
  } }] } });
}

it('a fresh set-up is healthy (never rebuilt yet: a warning that says to run the rebuild job)', async () => {
  const io = testIo(d);
  await provisioned(io);
  expect(await cli(io, ['doctor'])).toBe(0);
  const lines = io.stdout;
  expect(lines[0]).toMatch(/^Kompetent doctor: spreadsheet /);
  expect(lines).toContainEqual(expect.stringMatching(/^Access +✔ connected as kompetent@/));
  expect(lines).toContainEqual('Structure    ✔ 19 tables with their headers, frozen and protected; enumerations validated');
  expect(lines).toContainEqual('Sharing      ✔ 6 items shared only with the service account and 2 admins');
  expect(lines).toContainEqual(expect.stringMatching(/^Data health +✔ \d+ rows read, all of them usable$/));
  expect(lines).toContainEqual('Read model   ! no rebuild recorded (Settings has no readModelBuiltAt); last recorded change 2026-03-02T09:00:00Z');
  expect(lines).toContainEqual('             → never rebuilt, or the rebuild job has not run since the upgrade: run jobRebuildReadModel '
    + '(Apps Script editor, or Refresh now in the admin sidebar); setupTriggers schedules it hourly');
  expect(lines).toContainEqual(expect.stringMatching(/^Quotas +✔ [\d,]+ of 5,000,000 cells \(0%\); Endringslogg \d+ rows; Drive 0\.0 of 15\.0 GiB; this check used \d+ API calls/));
  expect(lines[lines.length - 1]).toBe('Summary: 0 problems, 1 warning.');

  // In the admin's language: Norwegian by default (issue 15); setting names and commands as typed.
  const nb = testIo(d, { cwd: io.cwd, env: { LANG: '' } });
  expect(await cli(nb, ['doctor'])).toBe(0);
  expect(nb.stdout[0]).toMatch(/^Kompetent doctor: regneark /);
  expect(nb.stdout).toContainEqual('Oppbygning   ✔ 19 tabeller med overskriftene sine, låst og beskyttet; faste verdier kontrollert');
  expect(nb.stdout).toContainEqual('Deling       ✔ 6 filer delt bare med tjenestekontoen og 2 administratorer');
  expect(nb.stdout).toContainEqual(expect.stringMatching(/^Oversikter +! ingen oppdatering registrert \(Innstillinger har ingen readModelBuiltAt\)/));
  expect(nb.stdout[nb.stdout.length - 1]).toBe('Oppsummert: 0 problemer, 1 advarsel.');
});

it('finds link sharing, domain sharing and people who are not admins', async () => {
  const io = testIo(d);
  const id = await provisioned(io);
  const cfg = config(io);
  await d.drive.share(id, { type: 'anyone', role: 'reader' });
  await d.drive.share(cfg.folders.evidence!, { type: 'user', role: 'reader', emailAddress: 'nysgjerrig@kommune.example' });
  await d.drive.share(cfg.rootFolderId, { type: 'domain', role: 'reader', domain: 'kommune.example' });
  expect(await cli(io, ['doctor'])).toBe(1);
  const out = io.text();
  expect(out).toContain('Sharing      ✖ ');
  expect(out).toContain('records spreadsheet: shared with anyone who has the link');
  expect(out).toContain('folder Kompetent/Dokumentasjon: user nysgjerrig@kommune.example (viewer) is neither the service account nor an admin');
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
    start: { sheetId: await sheetIdOf(id, 'Roles'), rowIndex: 0, columnIndex: 1 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'Nanv' } }] }],
    fields: 'userEnteredValue' } }] } });
  expect(await cli(io, ['doctor'])).toBe(1);
  const out = io.text();
  // Rows appended by hand below the validated ones are reported too: provision extends the lists over them.
  // The rows typed in English ("active") are found too: the app reads them, provision puts them in Norwegian.
  expect(out).toContain(['Structure    ✖ 3 things to repair',
    '               tab Ansatte: Status has values in English (active → aktiv; provision puts them in Norwegian)',
    '               tab Ansatte: allowed values of Status, Språk are not validated on the last rows',
    '               tab Roller: header lacks Navn', '             → kompetent provision repairs these'].join('\n'));
  expect(out).toContain('Data health  ✖ ');
  // Where, as HR sees it: the tab's title and the column's label; a header typo ("Nanv") is the column Navn missing.
  // The problem in words, as the admin console says it (health.reason.*); the cell's text once.
  expect(out).toContain('Ansatte row 3, E-post: invalid e-mail address ("ola(at)kommune.example")');
  expect(out).toContain('Ansatte row 4, Enhet-ID: refers to something that does not exist (u-finnes-ikke)\n');
  expect(out).toContain('Roller row 1, Navn: the column is missing from the header row');
  expect(out).toContain('Read model   ✖ stale: last rebuilt 5.0 h ago (2026-03-02T04:00:00Z); changes since: last at 2026-03-02T09:00:00Z\n'
    + '             → the hourly rebuild is not running: check its trigger (run setupTriggers) and the executions log, then run jobRebuildReadModel');
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
  expect(io.text()).toContain(`Drive        ✖ 1 folder not found\n               folder Kompetent/Samtalearkiv (${cfg.folders.archive}) is gone or not shared with`);
  // The folder that is gone is not counted among those "shared only with" the service account and the admins.
  expect(io.stdout).toContainEqual('Sharing      ✔ 5 items shared only with the service account and 2 admins (1 not found, see Drive)');
});

it('warns of a folder that exists under its earlier English name beside today\'s (old code ran after the rename)', async () => {
  const io = testIo(d);
  await provisioned(io);
  const cfg = config(io);
  await driveClient(d).files.create({ requestBody: { name: 'Evidence', mimeType: 'application/vnd.google-apps.folder', parents: [cfg.rootFolderId] } });
  await cli(io, ['doctor']);
  expect(io.text()).toContain('Drive        ! 1 folder also exists under the earlier English name\n               Kompetent/Evidence beside Kompetent/Dokumentasjon');
});

it('a spreadsheet Drive cannot find is called the spreadsheet, not a folder', async () => {
  // The Sheets API reaches it, the Drive API does not (a spreadsheet seeded in the Sheets double only).
  const io = testIo(d);
  const id = await municipality(d, io);
  expect(await cli(io, ['doctor', '--service-account', SA])).toBe(1);
  const out = io.text();
  expect(out).toContain(`Drive        ✖ 1 item not found\n               records spreadsheet (${id}) is gone or not shared with`);
  expect(out).toContain('→ check the spreadsheet id (--spreadsheet or kompetent.json) and that it is shared with these credentials');
  expect(out).not.toContain('folder not found');
  expect(out).not.toContain('shared only with');
});

describe('read-model freshness from Settings readModelBuiltAt (written by jobRebuildReadModel)', () => {
  it.each([
    ['2026-03-02T08:00:00Z', 0, 'Read model   ✔ rebuilt 1.0 h ago (2026-03-02T08:00:00Z)'],
    ['2026-03-02T06:30:00.000Z', 0, 'Read model   ✔ rebuilt 2.5 h ago (2026-03-02T06:30:00Z)'],
    ['46083.25', 0, 'Read model   ✔ rebuilt 3.0 h ago (2026-03-02T06:00:00Z)'], // turned into a date serial by Sheets
    ['2026-03-02T05:30:00Z', 1, 'Read model   ✖ stale: last rebuilt 3.5 h ago (2026-03-02T05:30:00Z)'],
    ['i går', 0, 'Read model   ! Settings readModelBuiltAt is "i går", not a time'],
  ])('%s', async (value, code, line) => {
    const io = testIo(d, { now: '2026-03-02T09:00:00Z' });
    const id = await provisioned(io);
    await append(id, 'Settings', [['readModelBuiltAt', value]]);
    expect(await cli(io, ['doctor'])).toBe(code);
    expect(io.stdout.find((l) => l.startsWith('Read model'))?.slice(0, line.length)).toBe(line);
  });
});

it('reads the yearly archives where it reports on Audit: their rows, their health and their sharing', async () => {
  const io = testIo(d);
  const id = await provisioned(io);
  const cfg = config(io);
  // The rotation's archive of 2025: a spreadsheet in the Kompetent folder (Drive files.create), with its two tabs.
  const res = await fetch(`${d.sheets.url}/drive/v3/files`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Kompetent – archive 2025', mimeType: 'application/vnd.google-apps.spreadsheet', parents: [cfg.rootFolderId] }) });
  const archive = ((await res.json()) as { id: string }).id;
  await d.sheets.seed(archive, 'Audit', headerOf('Audit'), [
    ['2025-03-01T08:00:00Z', ADMIN, 'register', 'Certifications', 'c1', null, '{}'],
    ['2025-04-01T08:00:00Z', ADMIN, 'register', 'Certifications', 'c2', null, '{}'],
    ['2026-01-01T08:00:00Z', ADMIN, 'register', 'Certifications', 'c3', null, '{}'],
  ]);
  await d.sheets.seed(archive, 'Notifications', headerOf('Notifications'), [['n1', 'reminder', ADMIN, 'k', 'mail', '2025-05-05T05:00:00Z']]);
  await append(id, 'Settings', [['archive.2025', archive], ['rotatedThrough', '2025']]);
  expect(await cli(io, ['doctor'])).toBe(1);
  const out = io.text();
  expect(out).toContain('Archives     ✖ 2025: 3 rows in Endringslogg, 1 in Varsler; moved to archives: everything before 2026-01-01');
  expect(out).toContain('archive 2025: 1 row in Endringslogg from another year');
  expect(out).toContain('Sharing      ✔ 7 items shared only with the service account and 2 admins');
  expect(out).toMatch(/Endringslogg \d+ rows here and 3 in 1 archive;/);
});

describe('with person shards (provision --person-shards)', () => {
  it('reports each shard\'s rows, cells and tabs, names a shard row\'s problem by its shard, and warns of rows left in the records', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    expect(await cli(io, ['provision', '--person-shards', '2'])).toBe(0);
    const [one, two] = (config(io) as unknown as { shardIds: string[] }).shardIds;
    await append(id, 'Units', [['u1', 'Solbakken sykehjem', 'Helse', '', '']]);
    await append(id, 'Employees', [['e1', 'kari@kommune.example', 'Kari', 'u1', '', '', '', '', 'aktiv', '']]);
    await append(id, 'Competences', [['brannvern', 'Brannvern', 'lovpålagt', '12', 'gjennomført dato', '30', 'kurs', '']]);
    // A certification in shard 1 (as the app appends one there), and one for nobody the records know.
    await append(one!, 'Certifications', [['c1', 'e1', 'brannvern', '2026-01-10', '', 'kurs', '', '', 'gyldig', ''],
      ['c2', 'e-finnes-ikke', 'brannvern', '2026-01-10', '', 'kurs', '', '', 'gyldig', '']]);
    await append(two!, 'SkillAssessments', [['e1', 'e-post', '2', '2026-01-10']]);
    // Rows appended by hand are not under the drop-down lists yet: provision extends them, in the shards as in the records.
    expect(await cli(io, ['provision'])).toBe(0);
    expect(await cli(io, ['doctor'])).toBe(1);
    let out = io.text();
    expect(out).toMatch(/Shards +✔ 2 person shards with 3 rows\n +Kompetent – personregister 1: 2 rows, [\d,]+ of 5,000,000 cells \(0%; Google allows 10,000,000\)\n +Kompetent – personregister 2: 1 row/);
    // Data health reads the shards' rows; a problem there says which shard, and the row as that sheet numbers it.
    expect(out).toContain('Sertifiseringer row 3 in Kompetent – personregister 1, Ansatt-ID: refers to something that does not exist (e-finnes-ikke)');
    // Shared as the records: the two shards are among the files checked.
    expect(out).toContain('Sharing      ✔ 8 items shared only with the service account and 2 admins');
    expect(out).not.toContain('still in the records');

    // A row left in the records spreadsheet (from before sharding): readable, but to be moved.
    await append(id, 'Certifications', [['c0', 'e1', 'brannvern', '2025-01-10', '', 'kurs', '', '', 'gyldig', '']]);
    // …and a tab gone from shard 2.
    const tabs = await sheetsClient(d).spreadsheets.get({ spreadsheetId: two!, fields: 'sheets(properties(sheetId,title))' });
    const skill = tabs.data.sheets!.find((s) => s.properties?.title === tabTitle('SkillAssessments'))!.properties!.sheetId!;
    await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: two!, requestBody: { requests: [{ deleteSheet: { sheetId: skill } }] } });
    expect(await cli(io, ['doctor'])).toBe(1);
    out = io.text();
    expect(out).toContain('Shards       ! 1 row is still in the records spreadsheet (Sertifiseringer 1); they are read there, but move them with kompetent provision --move-person-rows');
    expect(out).toMatch(/Shards +✖ 2 person shards with 2 rows/);
    expect(out).toContain('Kompetent – personregister 2: tab Digitale ferdigheter: missing');
    expect(out).toContain('→ kompetent provision repairs the person shards; if one is full, add more with --person-shards');
  });
});
