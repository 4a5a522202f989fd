// import of messy legacy files against the Sheets double: the exact dry-run report, nothing written while rows are
// rejected, --accept-rejects, idempotent re-import, wide matrices in Windows-1252, mapping files, --update-people.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TABLE_NAMES } from '../../../src/core/records/tables';
import { cli, fixture, startDoubles, testIo, type Doubles } from '../support/harness';
import { municipality, table } from '../support/municipality';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });

async function everything(id: string): Promise<string[][][]> {
  return Promise.all(TABLE_NAMES.map((t) => table(d, id, t)));
}

const HELSE_REPORT = `Import of kursoversikt-helse.csv, sheet "kursoversikt-helse", header on row 5 (mapping guessed: --write-mapping <file> saves it to confirm or edit)
Columns:
  A  Ansattnr       → employeeId
  B  Navn           → name
  C  E-post         → email
  D  Enhet          → unit
  E  Kurs           → competence
  F  Dato           → achievedOn
  G  Gyldig til     → expiresOn
  H  Kommentar      → note (kept on the certifications of the row)
  I  Fødselsnummer  ignored: national identity numbers are never imported
Names matched by a guess (confirm them in a mapping file): "HLR" → HLR med hjertestarter (d-hlr)
Rows:
  row 6     add       HLR med hjertestarter 2024-03-15 (valid to 2026-03-15)
  row 7     unchanged Brannvern 2025-01-10 already recorded
  row 9     add       new employee 1004 Øystein Håkonsen <oystein.hakonsen@kommune.example>, Hjemmetjenesten Øst; Legemiddelhåndtering 2023-05-02
  row 10    add       HLR med hjertestarter 2024-02-03 with a note
  row 11    add       new employee 1005 Sigrid Berge <sigrid.berge@kommune.example>, Eplehagen barnehage; Førstehjelp barn 2024-03-12
  row 12    reject    "31.02.2024" in "Dato" is not a date (Smittevern)
  row 13    reject    unknown unit "Nordpolen"
  row 14    unchanged HLR med hjertestarter 2024-03-15: duplicate of row 6
  row 15    reject    no e-mail or employee number to tell who this is
  row 16    reject    unknown course or competence "Truckførerbevis"
  row 17    reject    Brannvern achieved 2031-02-01, which is in the future
Skipped: rows 1–4 above the header; blank: 8, 19; totals: 20–21; only a comment: 18
Summary: 11 rows: 4 add, 0 change, 2 unchanged, 0 skip, 5 reject (2 new employees, 0 changed, 4 new certifications)
Dry run: nothing written. 5 rows would be rejected.`;

describe('a messy legacy course list (title rows, merged group row, blank lines, totals, comments, mixed dates, æøå)', () => {
  it('dry run: reports every row exactly, exits 1 for the rejects, writes nothing', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    const before = await everything(id);
    await d.sheets.clearLog();
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--dry-run'])).toBe(1);
    expect(io.text()).toBe(HELSE_REPORT);
    expect((await d.sheets.log()).filter((l) => l.route === 'batchUpdate')).toEqual([]);
    expect(await everything(id)).toEqual(before);
  });

  it('without --dry-run it still writes nothing while rows are rejected', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    const before = await everything(id);
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv')])).toBe(1);
    expect(io.stdout[io.stdout.length - 1]).toBe('Nothing written: 5 rows are rejected. Fix the file or the mapping, or pass --accept-rejects to import the other rows.');
    expect(await everything(id)).toEqual(before);
  });

  it('--accept-rejects writes the good rows with audit rows; national identity numbers are never stored; a re-import writes nothing', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--accept-rejects'])).toBe(0);
    expect(io.text()).toContain('Written: 2 employees added, 0 changed, 4 certifications added (6 audit rows');
    const employees = await table(d, id, 'Employees');
    expect(employees.slice(4)).toEqual([
      ['1004', 'oystein.hakonsen@kommune.example', 'Øystein Håkonsen', 'u-hjem', '', '', '', '', 'aktiv', '', '', ''],
      ['1005', 'sigrid.berge@kommune.example', 'Sigrid Berge', 'u-eple', '', '', '', '', 'aktiv', '', '', ''], // new rows in Norwegian (value-labels.ts)
    ]);
    const certs = (await table(d, id, 'Certifications')).slice(2).map((r) => [r[1], r[2], r[3], r[4], r[5], r[8], r[9]]);
    expect(certs).toEqual([
      ['1001', 'd-hlr', '2024-03-15', '2026-03-15', 'importert', 'gyldig', ''],
      ['1004', 'legemiddel', '2023-05-02', '', 'importert', 'gyldig', ''],
      ['1004', 'd-hlr', '2024-02-03', '', 'importert', 'gyldig', 'Tatt på nytt; ny instruktør'],
      ['1005', 'forstehjelp-barn', '2024-03-12', '', 'importert', 'gyldig', ''],
    ]);
    const audit = (await table(d, id, 'Audit')).slice(1);
    const certIds = (await table(d, id, 'Certifications')).slice(2).map((r) => r[0]);
    expect(audit.map((a) => `${a[2]} ${a[3]} ${a[4]}`)).toEqual([`import av data Sertifiseringer ${certIds[0]}`, 'import av data Ansatte 1004',
      `import av data Sertifiseringer ${certIds[1]}`, `import av data Sertifiseringer ${certIds[2]}`, 'import av data Ansatte 1005', `import av data Sertifiseringer ${certIds[3]}`]);
    expect(JSON.stringify(await everything(id))).not.toContain('01019012345');

    const after = await everything(id);
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--accept-rejects'])).toBe(0);
    expect(io.text()).toContain('Nothing to write: everything in the file is already in the records.');
    expect(await everything(id)).toEqual(after);
  });

  it('draws a progress bar on a terminal while writing', async () => {
    const io = testIo(d, { tty: true });
    await municipality(d, io);
    expect(await cli(io, ['import', fixture('ansatte-ren.csv')])).toBe(0);
    const bar = io.stderr.join('');
    expect(bar).toMatch(/\rWriting \[#+\] 100% 12\/12 rows/);
    expect(bar.endsWith('\n')).toBe(true);
  });
});

describe('other layouts', () => {
  it('a matrix with a column per course under a merged two-row header, in Windows-1252', async () => {
    const io = testIo(d);
    await municipality(d, io);
    expect(await cli(io, ['import', fixture('opplaering-barnehage.csv'), '--dry-run'])).toBe(1);
    const out = io.text();
    expect(out).toContain('  D  HLR med hjertestarter / Dato  → date of HLR med hjertestarter (d-hlr)');
    expect(out).toContain('  E  Gyldig til                    → expiry of HLR med hjertestarter (d-hlr)');
    expect(out).toContain('  F  Brannvern / Dato              → date of Brannvern (brannvern)');
    expect(out).toContain('  row 4     add       HLR med hjertestarter 2024-09-05 (valid to 2026-09-05); Brannvern 2024-09-05\n');
    expect(out).toContain('  row 5     reject    new person, and no column is mapped to unit; "x" in "Brannvern / Dato" is not a date (Brannvern)');
    expect(out).toContain('  row 6     add       Brannvern 2024-11-01');
  });

  it('a clean list writes, and importing it again changes nothing', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    expect(await cli(io, ['import', fixture('ansatte-ren.csv'), '--dry-run'])).toBe(0);
    expect(io.text()).toContain('Dry run: nothing written. The import is clean.');
    expect(await cli(io, ['import', fixture('ansatte-ren.csv')])).toBe(0);
    const employees = await table(d, id, 'Employees');
    expect(employees.map((e) => e[0])).toEqual(['employeeId', '1001', '1002', '1003', '2001', '2002']);
    expect(employees[4]!.slice(0, 5)).toEqual(['2001', 'nora.bakke@kommune.example', 'Nora Bakke', 'u-sol', 'sykepleier']);
    const after = await everything(id);
    expect(await cli(io, ['import', fixture('ansatte-ren.csv')])).toBe(0);
    expect(await everything(id)).toEqual(after);
  });
});

describe('the mapping file', () => {
  it('saves the guess with every legacy name, and an edited mapping turns rejects into rows', async () => {
    const io = testIo(d);
    await municipality(d, io);
    const map = path.join(io.cwd, 'map.json');
    await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--dry-run', '--write-mapping', 'map.json']);
    const written = JSON.parse(fs.readFileSync(map, 'utf8'));
    expect(written.columns).toEqual({ Ansattnr: 'employeeId', Navn: 'name', 'E-post': 'email', Enhet: 'unit', Kurs: 'competence', Dato: 'achievedOn',
      'Gyldig til': 'expiresOn', Kommentar: 'note', Fødselsnummer: 'ignore' });
    expect(written.headerRow).toBe(5);
    expect(written.values.units).toEqual({ 'Eplehagen barnehage': 'u-eple', 'Hjemmetjenesten Øst': 'u-hjem', Nordpolen: null, 'Solbakken sykehjem': 'u-sol' });
    expect(written.values.competences).toMatchObject({ HLR: 'd-hlr', Truckførerbevis: null, 'Legemiddelkurs med test': 'legemiddel' });

    written.values.units.Nordpolen = 'u-hjem';
    written.values.competences['Truckførerbevis'] = 'brannvern';
    written.columns.Kommentar = 'ignore';
    fs.writeFileSync(map, JSON.stringify(written));
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--dry-run', '--mapping', 'map.json'])).toBe(1);
    const out = io.text();
    expect(out).toContain('(mapping from file)');
    expect(out).toContain('  row 13    add       new employee 1006 Per Ukjent <per.ukjent@kommune.example>, Hjemmetjenesten Øst; Brannvern 2024-02-01');
    expect(out).toContain('  row 16    add       Brannvern 2024-06-01');
    expect(out).toContain('  row 10    add       HLR med hjertestarter 2024-02-03\n');
    expect(out).not.toContain('Names matched by a guess');
  });

  it('refuses a mapping that names a column the file lacks, or an unknown target', async () => {
    const io = testIo(d);
    await municipality(d, io);
    fs.writeFileSync(path.join(io.cwd, 'a.json'), JSON.stringify({ version: 1, columns: { Epost: 'email' } }));
    expect(await cli(io, ['import', fixture('ansatte-ren.csv'), '--mapping', 'a.json'])).toBe(2);
    expect(io.stderr[0]).toContain('The mapping names column "Epost", which the header on row 1 does not have.');
    fs.writeFileSync(path.join(io.cwd, 'b.json'), JSON.stringify({ version: 1, columns: { 'E-post': 'epost' } }));
    expect(await cli(io, ['import', fixture('ansatte-ren.csv'), '--mapping', 'b.json'])).toBe(2);
    expect(io.stderr[0]).toContain('columns.E-post');
  });
});

describe('reject messages', () => {
  it('name the column of the file a bad value came from, not only the field of the records', async () => {
    const io = testIo(d);
    await municipality(d, io);
    const long = 'x'.repeat(5001);
    fs.writeFileSync(path.join(io.cwd, 'lang.csv'), 'Ansattnr;E-post;Kurs;Tatt dato;Utløper;Merknad\r\n'
      + `1001;kari.nordmann@kommune.example;Smittevern;01.02.2025;;${long}\r\n`
      + '1002;ola.hansen@kommune.example;Smittevern;01.02.2025;snart;\r\n');
    expect(await cli(io, ['import', 'lang.csv', '--dry-run'])).toBe(1);
    const out = io.text();
    // The file's column, the records' column by its header label when it differs, and the reason in words.
    expect(out).toContain('  row 2     reject    Smittevern: "Merknad": text too long');
    expect(out).toContain('  row 3     reject    "snart" in "Utløper" is not a date (expiry of Smittevern)');
  });
});

describe('people already in the records', () => {
  const moved = 'Ansattnr;Navn;E-post;Enhet\r\n1002;Ola Hansen;ola.hansen@kommune.example;Hjemmetjenesten Øst\r\n';

  it('are matched by e-mail or number and left as they are, with the difference reported', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    fs.writeFileSync(path.join(io.cwd, 'moved.csv'), moved);
    expect(await cli(io, ['import', 'moved.csv'])).toBe(0);
    expect(io.text()).toContain('  row 2     unchanged employee 1002 Ola Hansen differs from the records: unit Solbakken sykehjem → Hjemmetjenesten Øst (not changed; --update-people changes it)');
    expect((await table(d, id, 'Employees'))[2]![3]).toBe('u-sol');
  });

  it('change with --update-people, with an audit row of before and after', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    fs.writeFileSync(path.join(io.cwd, 'moved.csv'), moved);
    expect(await cli(io, ['import', 'moved.csv', '--update-people'])).toBe(0);
    expect(io.text()).toContain('  row 2     change    employee 1002 Ola Hansen: unit Solbakken sykehjem → Hjemmetjenesten Øst');
    expect((await table(d, id, 'Employees'))[2]).toEqual(['1002', 'ola.hansen@kommune.example', 'Ola Hansen', 'u-hjem', 'helsefagarbeider', '', '', '', 'active', '', '', '']); // an unchanged cell stays as written
    const audit = (await table(d, id, 'Audit')).slice(1);
    expect(audit).toEqual([['2026-03-02T09:00:00Z', expect.any(String), 'import av data', 'Ansatte', '1002', '{"unitId":"u-sol"}', '{"unitId":"u-hjem"}', '']]);
  });

  it('a row whose e-mail and number belong to two different people is rejected', async () => {
    const io = testIo(d);
    await municipality(d, io);
    fs.writeFileSync(path.join(io.cwd, 'mixed.csv'), 'Ansattnr;E-post;Kurs;Dato\r\n1002;kari.nordmann@kommune.example;Brannvern;01.02.2025\r\n');
    expect(await cli(io, ['import', 'mixed.csv', '--dry-run'])).toBe(1);
    expect(io.text()).toContain('  row 2     reject    kari.nordmann@kommune.example is employee 1001 in the records, but 1002 is Ola Hansen');
  });
});
