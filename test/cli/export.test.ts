// export: one employee's data as a readable file (only theirs, escaped), and a full backup that reads back as records.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TABLE_NAMES, headerOf } from '../../src/core/records/tables';
import { CsvWorkbook } from '../../src/adapters/node/csv-workbook';
import { parseTable } from '../../src/store/table-parse';
import { SA, cli, startDoubles, testIo, type Doubles } from './support/harness';
import { municipality, table } from './support/municipality';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });

const EXTRA = {
  Certifications: [['cert-2', '1001', 'd-hlr', '2024-03-15', '2026-03-15', 'import', '', '', 'valid', 'Kurs | <script>alert(1)</script>'],
    ['cert-3', '1002', 'brannvern', '2024-02-01', '', 'session', '', '', 'valid', 'Olas egen merknad']],
  Questions: [['q1', 'kari.nordmann@kommune.example', 'TRUE', 'u-sol', 'drive', 'Hvordan deler jeg en mappe?', 'answered', 'guide@kommune.example', '',
    '2025-05-02T08:00:00Z', '', '', '', '', 'Høyreklikk → Del.', '']],
  Audit: [['2025-01-10T10:00:00Z', 'hr.admin@kommune.example', 'register', 'Certifications', 'cert-1', '', '{"employeeId":"1001"}'],
    ['2025-01-11T10:00:00Z', 'hr.admin@kommune.example', 'register', 'Certifications', 'cert-3', '', '{"employeeId":"1002"}']],
};

describe('export --employee', () => {
  it("writes everything about the employee as Markdown in their language, and nobody else's data", async () => {
    const io = testIo(d);
    await municipality(d, io, EXTRA);
    expect(await cli(io, ['export', '--employee', 'KARI.nordmann@kommune.example'])).toBe(0);
    const file = path.join(io.cwd, 'innsyn-1001.md');
    expect(io.text()).toContain(`Wrote ${file}`);
    const md = fs.readFileSync(file, 'utf8');
    expect(md.split('\n').slice(0, 3)).toEqual(['# Innsyn: opplysninger om Kari Nordmann i Kompetent', '',
      'Utskrift 2026-03-02 fra kommunens kompetanseregister (Kompetent), etter personvernforordningen artikkel 15. Her er alle opplysningene registeret har om deg.']);
    expect(md).toContain('| Enhet | Solbakken sykehjem (u-sol) |');
    expect(md).toContain('| Brannvern (brannvern) | 2025-01-10 |  | kurs | gyldig |  |  |  |');
    expect(md).toContain('| HLR med hjertestarter (d-hlr) | 2024-03-15 | 2026-03-15 | importert | gyldig |  | Kurs \\| <script>alert(1)</script> |  |');
    // Enumerations in words and times in Oslo time (issue 15 §3: "Status active", "Kilde session").
    expect(md).toContain('| 02.05.2025, 10:00 | Hvordan deler jeg en mappe? | Høyreklikk → Del. | besvart | ja |');
    expect(md).toContain('| Status | aktiv |');
    expect(md).not.toMatch(/\| (active|session|valid|answered) \|/);
    expect(md).toContain('| 10.01.2025, 11:00 | hr.admin@kommune.example | register | Sertifiseringer | {"employeeId":"1001"} |');
    expect(md).toContain('## Om behandlingen');
    expect(md).not.toContain('Ola');
    expect(md).not.toContain('cert-3');
  });

  it('as HTML in English, with record text escaped', async () => {
    const io = testIo(d);
    await municipality(d, io, EXTRA);
    expect(await cli(io, ['export', '--employee', '1001', '--format', 'html', '--lang', 'en', '--out', 'kari.html'])).toBe(0);
    const html = fs.readFileSync(path.join(io.cwd, 'kari.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Right of access: what Kompetent holds about Kari Nordmann</h1>');
    expect(html).toContain('<td>Kurs | &lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).not.toContain('<script>');
  });

  it('reads the yearly archives too, and audits the export as who ran it (a bare key: the service account and the OS login)', async () => {
    const io = testIo(d);
    const archive = `archive-2024-${Date.now().toString(36)}`;
    await d.sheets.create(archive);
    await d.sheets.seed(archive, 'Audit', headerOf('Audit'), [
      ['2024-06-01T08:00:00Z', 'hr.admin@kommune.example', 'register', 'Certifications', 'cert-1', null, '{"employeeId":"1001","note":"arkivert"}'],
      ['2024-06-02T08:00:00Z', 'hr.admin@kommune.example', 'register', 'Certifications', 'cert-3', null, '{"employeeId":"1002"}'],
    ]);
    await d.sheets.seed(archive, 'Notifications', headerOf('Notifications'), [['ntf-a', 'reminder', 'kari.nordmann@kommune.example', 'recert:d-hlr:2024', 'mail', '2024-05-05T05:00:00Z']]);
    const id = await municipality(d, io, { ...EXTRA, Settings: [['archive.2024', archive]] });
    expect(await cli(io, ['export', '--employee', '1001'])).toBe(0);
    const md = fs.readFileSync(path.join(io.cwd, 'innsyn-1001.md'), 'utf8');
    expect(md).toContain('{"employeeId":"1001","note":"arkivert"}');
    expect(md).toContain('recert:d-hlr:2024');
    expect(md).not.toContain('"1002"');
    const audit = await table(d, id, 'Audit');
    const last = Object.fromEntries(headerOf('Audit').map((h, i) => [h, audit[audit.length - 1]![i]]));
    expect(last).toMatchObject({ action: 'innsyn: utskrift av personens data', table: 'Ansatte', key: '1001' }); // the tab's title (labels.ts)
    expect(last.actorEmail).toMatch(new RegExp(`^${SA.replace(/\./g, '\\.')} \\(os user .+ on .+, not verified by Google\\)$`));
    expect(JSON.parse(last.after!)).toMatchObject({ email: 'kari.nordmann@kommune.example', archives: '2024', via: 'cli' });
  });

  it('refuses an unknown employee and bad options', async () => {
    const io = testIo(d);
    await municipality(d, io);
    expect(await cli(io, ['export', '--employee', 'nobody@kommune.example'])).toBe(2);
    expect(io.stderr[0]).toBe('Error: No employee with e-mail or number "nobody@kommune.example" in the records.');
    expect(await cli(io, ['export'])).toBe(2);
    expect(await cli(io, ['export', '--employee', '1001', '--format', 'pdf'])).toBe(2);
    // In the admin's language: Norwegian by default (issue 15).
    const nb = testIo(d, { cwd: io.cwd, env: { LANG: '' } });
    expect(await cli(nb, ['export', '--employee', 'nobody@kommune.example'])).toBe(2);
    expect(nb.stderr[0]).toBe('Feil: Ingen ansatt med e-post eller nummer «nobody@kommune.example» i registrene.');
    expect(await cli(nb, ['export', '--employee', '1001', '--out', 'kari.md'])).toBe(0);
    expect(nb.text()).toMatch(/^Skrev .*kari\.md \(\d+ rader om .+\)\. Filen inneholder personopplysninger/m);
  });
});

describe('export --backup', () => {
  it('writes every tab as CSV with a manifest; the folder reads back as the same records', async () => {
    const io = testIo(d);
    const id = await municipality(d, io, EXTRA);
    // A date typed by hand arrives as a serial number; the backup keeps it as the date it means.
    await d.sheets.seed(id, 'Roles', ['roleId', 'name', 'description'], [['r1', 'Rolle', { formula: '=A1*2' }], ['r2', 'Annen', null]]);
    const employeesHeader = (await d.sheets.dump(id, 'Employees'))!.raw[0] as string[];
    await d.sheets.seed(id, 'Employees', employeesHeader, [
      ['1001', 'kari.nordmann@kommune.example', 'Kari Nordmann', 'u-sol', 'sykepleier', null, 45000, null, 'active', 'nb'],
      ['1002', 'ola.hansen@kommune.example', 'Ola Hansen', 'u-sol', 'helsefagarbeider', null, null, null, 'active', null],
      ['1003', 'aase.saether@kommune.example', 'Åse Sæther', 'u-eple', 'barnehagelaerer', null, null, null, 'active', 'nb'],
    ]);
    expect(await cli(io, ['export', '--backup', 'backup'])).toBe(0);
    const dir = path.join(io.cwd, 'backup');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.spreadsheetId).toBe(id);
    expect(Object.keys(manifest.tables)).toEqual(TABLE_NAMES);
    expect(manifest.tables.Employees).toEqual({ file: 'Employees.csv', rows: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const wb = new CsvWorkbook(dir);
    const results = wb.read(TABLE_NAMES.map((t) => ({ table: t })));
    const employees = parseTable('Employees', results[TABLE_NAMES.indexOf('Employees')]!);
    expect(employees.issues).toEqual([]);
    expect(employees.rows.map((r) => r.row.name)).toEqual(['Kari Nordmann', 'Ola Hansen', 'Åse Sæther']);
    expect(employees.rows[0]!.row.startDate).toBe('2023-03-15');
    expect(fs.readFileSync(path.join(dir, 'Employees.csv'), 'utf8')).toContain(',2023-03-15,');
    const certs = parseTable('Certifications', results[TABLE_NAMES.indexOf('Certifications')]!);
    expect(certs.rows.map((r) => r.row.note)).toEqual([undefined, 'Kurs | <script>alert(1)</script>', 'Olas egen merknad']);
    // A formula stays a formula (never evaluated): data health reports it, as in the spreadsheet.
    const roles = parseTable('Roles', results[TABLE_NAMES.indexOf('Roles')]!);
    expect(roles.issues.map((i) => i.reason)).toEqual(['formula']);
  });

  it('refuses a folder that is not empty', async () => {
    const io = testIo(d);
    await municipality(d, io);
    fs.mkdirSync(path.join(io.cwd, 'old'));
    fs.writeFileSync(path.join(io.cwd, 'old', 'Employees.csv'), 'x');
    expect(await cli(io, ['export', '--backup', 'old'])).toBe(2);
    expect(fs.readFileSync(path.join(io.cwd, 'old', 'Employees.csv'), 'utf8')).toBe('x');
  });
});
