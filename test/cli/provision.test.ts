// provision against the Sheets/Drive double over real HTTP through googleapis: creates everything, changes nothing
// on a second run, repairs a deleted tab and header, and refuses to start without admins.
import { columnLabel, labelledHeader, tabTitle } from '../../src/core/records/labels';
import { EMPLOYEE_STATUS, TABLE_NAMES, headerOf } from '../../src/core/records/tables';
import { SHARDED_TABLES } from '../../src/store/shards';
import { PROTECT_TAG } from '../../src/cli/sheet-setup';
import { VALUE_LABELS } from '../../src/core/records/value-labels';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADMIN, GROUP, SA, cli, config, driveClient, emptyDrive, provisioned, sheetsClient, startDoubles, testIo, type Doubles } from './support/harness';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });
beforeEach(async () => { await emptyDrive(d); });

async function structure(id: string) {
  const res = await sheetsClient(d).spreadsheets.get({
    spreadsheetId: id,
    fields: 'sheets(properties(sheetId,title,gridProperties(rowCount,frozenRowCount)),protectedRanges(range,description,editors,warningOnly))',
  });
  return res.data.sheets ?? [];
}

describe('provision on an empty Drive', () => {
  it('creates the spreadsheet with every table, frozen and protected headers, validated enums; folders shared with the service account and admins only', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    const cfg = config(io);

    const sheets = await structure(id);
    // HR's tabs and header rows in Norwegian (records/labels.ts), in the tables' order.
    expect(sheets.map((s) => s.properties?.title)).toEqual(TABLE_NAMES.map(tabTitle));
    expect(sheets.map((s) => s.properties?.title)).toEqual(expect.arrayContaining(['Ansatte', 'Påmeldinger', 'Digitale ferdigheter', 'Endringslogg']));
    for (const t of TABLE_NAMES) {
      const dump = await d.sheets.dump(id, tabTitle(t));
      expect(dump!.raw[0]).toEqual(labelledHeader(t));
      const s = sheets.find((x) => x.properties?.title === tabTitle(t))!;
      expect(s.properties?.gridProperties?.frozenRowCount).toBe(1);
      const pr = s.protectedRanges ?? [];
      expect(pr).toHaveLength(1);
      expect(pr[0]!.description).toContain(PROTECT_TAG);
      expect(pr[0]!.range).toEqual(expect.objectContaining({ endRowIndex: 1 }));
      expect(pr[0]!.editors?.users).toEqual([SA]);
    }
    // Enumerations are validated on the data rows: Employees.status (column 9) on row 2.
    const grid = await sheetsClient(d).spreadsheets.get({ spreadsheetId: id, ranges: ["'Ansatte'!2:2"], includeGridData: true,
      fields: 'sheets(data(rowData(values(dataValidation))))' });
    const statusCol = headerOf('Employees').indexOf('status');
    const rule = grid.data.sheets![0]!.data![0]!.rowData![0]!.values![statusCol]!.dataValidation;
    expect(rule?.condition?.type).toBe('ONE_OF_LIST');
    // The drop-down offers the Norwegian words (records/value-labels.ts), in the order of the keys.
    expect(rule?.condition?.values?.map((v) => v.userEnteredValue)).toEqual(EMPLOYEE_STATUS.map((k) => VALUE_LABELS.employeeStatus[k]));
    expect(rule?.condition?.values?.map((v) => v.userEnteredValue)).toEqual(['aktiv', 'permisjon', 'sluttet']);
    expect(rule?.strict).toBe(true);

    const files = await d.drive.files();
    const root = files.find((f) => f.id === cfg.rootFolderId)!;
    expect(root.name).toBe('Kompetent');
    expect(files.filter((f) => f.parents.includes(root.id)).map((f) => f.name).sort())
      .toEqual(['Dokumentasjon', 'Kompetent – registre', 'Maler', 'Samtalearkiv', 'Samtaler']);
    const who = (fileId: string) => files.find((f) => f.id === fileId)!.effective.map((p) => `${p.type}:${p.emailAddress}:${p.role}`).sort();
    const expected = [`group:${GROUP}:writer`, `user:${ADMIN}:writer`, `user:${SA}:owner`].sort();
    expect(who(cfg.rootFolderId)).toEqual(expected);
    expect(who(id)).toEqual(expected);
    expect(who(cfg.folders.evidence!)).toEqual(expected);
    const templates = files.filter((f) => f.parents.includes(cfg.folders.templates!));
    expect(templates.map((t) => t.mimeType)).toEqual(Array(3).fill('application/vnd.google-apps.document'));
    expect(templates.every((t) => t.content?.includes('{{employeeName}}'))).toBe(true);

    const settings = (await d.sheets.dump(id, tabTitle('Settings')))!.raw.slice(1);
    expect(settings).toEqual(expect.arrayContaining([['adminEmails', ADMIN], ['evidenceFolderId', cfg.folders.evidence],
      ['templateDevelopment', cfg.templates.development], ['reminderDays', '90,30,0']]));
    const audit = (await d.sheets.dump(id, tabTitle('Audit')))!.raw.slice(1);
    expect(audit).toHaveLength(settings.length);
    // A bare service-account key: Google knows only the service account; the OS login that ran it is added, as a claim.
    expect(audit.every((a) => String(a[1]).startsWith(`${SA} (os user `) && String(a[1]).endsWith(', not verified by Google)') && a[2] === 'oppsett av registeret' && a[3] === 'Innstillinger')).toBe(true);
    expect(io.text()).toContain(`RECORDS_SPREADSHEET_ID = ${id}`);
  });

  it('changes nothing when run again', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    const before = await Promise.all(TABLE_NAMES.map((t) => d.sheets.dump(id, tabTitle(t))));
    const filesBefore = await d.drive.files();
    await d.sheets.clearLog();
    const driveLogStart = (await d.drive.log()).length;

    expect(await cli(io, ['provision'])).toBe(0);
    expect(io.text()).toContain('Everything was in place; nothing changed.');
    const writes = (await d.sheets.log()).filter((l) => l.method !== 'GET' && l.route !== 'unknown');
    expect(writes).toEqual([]);
    expect((await d.drive.log()).slice(driveLogStart).filter((l) => l.method !== 'GET')).toEqual([]);
    // In the admin's language: Norwegian by default (issue 15), Swedish; ids, settings and commands as typed.
    const nbIo = testIo(d, { cwd: io.cwd, env: { LANG: '' } });
    expect(await cli(nbIo, ['provision'])).toBe(0);
    const nb = nbIo.text();
    expect(nb).toContain('Alt var på plass; ingenting er endret.');
    expect(nb).toContain(`Registerark          ${id}`);
    expect(nb).toContain('Det som gjenstår (Google har ikke API for dette):');
    expect(nb).toContain(`RECORDS_SPREADSHEET_ID = ${id}`);
    expect(nb).toMatch(/\(\d+ kall til Google-API-er\)/);
    expect(nb).not.toMatch(/Everything|Remaining steps|Records spreadsheet|Saved to/);
    const svIo = testIo(d, { cwd: io.cwd, env: { LANG: 'sv_SE.UTF-8' } });
    expect(await cli(svIo, ['provision'])).toBe(0);
    expect(svIo.text()).toContain('Allt var på plats; ingenting har ändrats.');
    expect(await Promise.all(TABLE_NAMES.map((t) => d.sheets.dump(id, tabTitle(t))))).toEqual(before);
    expect(await d.drive.files()).toEqual(filesBefore);
  });

  it('repairs a deleted tab, a blanked header cell, an unfrozen header and missing validation, keeping the data', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    const api = sheetsClient(d);
    const sheets = await structure(id);
    const sheetId = (t: string) => sheets.find((s) => s.properties?.title === tabTitle(t))!.properties!.sheetId ?? 0;
    const row = ['e1', 'kari@kommune.example', 'Kari Nordmann', 'u1', '', '', '', '', 'aktiv', 'bokmål'];
    await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { appendCells: { sheetId: sheetId('Employees'), rows: [{ values: row.map((v) => (v ? { userEnteredValue: { stringValue: v } } : {})) }], fields: 'userEnteredValue' } },
      { updateCells: { start: { sheetId: sheetId('Employees'), rowIndex: 0, columnIndex: 1 }, rows: [{ values: [{}] }], fields: 'userEnteredValue' } },
      { deleteSheet: { sheetId: sheetId('Enrollments') } },
      { updateSheetProperties: { properties: { sheetId: sheetId('Units'), gridProperties: { frozenRowCount: 0 } }, fields: 'gridProperties.frozenRowCount' } },
      { setDataValidation: { range: { sheetId: sheetId('Employees'), startRowIndex: 1, endRowIndex: 2 } } },
    ] } });

    expect(await cli(io, ['provision'])).toBe(0);
    const out = io.text();
    expect(out).toContain('tab Påmeldinger: created with its header');
    expect(out).toContain('tab Ansatte: header "E-post" restored in column 2');
    expect(out).toContain('tab Enheter: header row frozen');
    expect(out).toContain('tab Ansatte: allowed values of Status, Språk set (rows 2–2)');
    const employees = await d.sheets.dump(id, 'Ansatte');
    expect(employees!.raw).toEqual([labelledHeader('Employees'), row.map((v) => v || null)]);
    expect((await d.sheets.dump(id, 'Påmeldinger'))!.raw).toEqual([labelledHeader('Enrollments')]);
    const after = await structure(id);
    expect(after.find((s) => s.properties?.title === 'Enheter')!.properties?.gridProperties?.frozenRowCount).toBe(1);
    // And once repaired, a third run is quiet again.
    expect(await cli(io, ['provision'])).toBe(0);
    expect(io.text()).toContain('Everything was in place; nothing changed.');
  });

  it('renames the tabs of a spreadsheet made before the labels and puts its headers in Norwegian, keeping every row', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    const api = sheetsClient(d);
    const sheets = await structure(id);
    // Turned back into a spreadsheet as Kompetent made it before the labels: English tab names, field names as headers.
    const row = ['e1', 'kari@kommune.example', 'Kari Nordmann', 'u1', '', '', '', '', 'active', 'nb'];
    // «Oppfylles ved» lists in English, as written before the labels (any case, hand-typed separators), and one word that
    // only contains a key ("courses") which must stay as it is.
    const lists = ['course, Sign-off', 'document;course', 'courses, sign-off', 'kurs, document'];
    const competences = lists.map((l, i) => headerOf('Competences').map((h) => ({ competenceId: `k${i}`, name: `K${i}`, category: 'legal', satisfiedBy: l } as Record<string, string>)[h] ?? ''));
    await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      ...TABLE_NAMES.flatMap((t) => {
        const sheetId = sheets.find((s) => s.properties?.title === tabTitle(t))!.properties!.sheetId ?? 0;
        return [{ updateSheetProperties: { properties: { sheetId, title: t }, fields: 'title' } },
          { updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: [{ values: headerOf(t).map((h) => ({ userEnteredValue: { stringValue: h } })) }], fields: 'userEnteredValue' } }];
      }),
      { appendCells: { sheetId: sheets.find((s) => s.properties?.title === 'Ansatte')!.properties!.sheetId ?? 0,
        rows: [{ values: row.map((v) => (v ? { userEnteredValue: { stringValue: v } } : {})) }], fields: 'userEnteredValue' } },
      { appendCells: { sheetId: sheets.find((s) => s.properties?.title === 'Kompetanser')!.properties!.sheetId ?? 0,
        rows: competences.map((c) => ({ values: c.map((v) => (v ? { userEnteredValue: { stringValue: v } } : {})) })), fields: 'userEnteredValue' } },
    ] } });
    expect((await structure(id)).map((s) => s.properties?.title)).toEqual(TABLE_NAMES);

    expect(await cli(io, ['provision'])).toBe(0);
    const out = io.text();
    expect(out).toContain('tab Employees: renamed to Ansatte');
    expect(out).toContain('tab Ansatte: header in Norwegian (employeeId → Ansatt-ID, email → E-post, name → Navn');
    expect(out).toContain('tab SkillAssessments: renamed to Digitale ferdigheter');
    // Enumerated values from before the labels are put in Norwegian by Sheets' own find-and-replace, column by column.
    expect(out).toContain('tab Ansatte: values of Status in Norwegian (active → aktiv)');
    expect(out).toContain('tab Ansatte: values of Språk in Norwegian (nb → bokmål)');
    // A list column word by word, by a regex find-and-replace that Sheets runs (satisfiedBy, issue 15).
    expect(out).toContain('tab Kompetanser: values of Oppfylles ved in Norwegian (course → kurs, sign-off → godkjent av leder, document → dokumentasjon)');
    const satisfied = headerOf('Competences').indexOf('satisfiedBy');
    expect((await d.sheets.dump(id, 'Kompetanser'))!.raw.slice(1).map((r) => r[satisfied]))
      .toEqual(['kurs, godkjent av leder', 'dokumentasjon;kurs', 'courses, godkjent av leder', 'kurs, dokumentasjon']);
    expect((await structure(id)).map((s) => s.properties?.title)).toEqual(TABLE_NAMES.map(tabTitle));
    for (const t of TABLE_NAMES) expect((await d.sheets.dump(id, tabTitle(t)))!.raw[0]).toEqual(labelledHeader(t));
    // No row moved and no other cell changed: a rename keeps the tab (its sheet id, data, protection and validation).
    const norwegian = row.map((v) => (v === 'active' ? 'aktiv' : v === 'nb' ? 'bokmål' : v));
    expect((await d.sheets.dump(id, 'Ansatte'))!.raw).toEqual([labelledHeader('Employees'), norwegian.map((v) => v || null)]);
    expect(columnLabel('Employees', 'email')).toBe('E-post');
    expect(await cli(io, ['provision'])).toBe(0);
    expect(io.text()).toContain('Everything was in place; nothing changed.');
  });

  it('renames a former header label (the Endringslogg\'s «Tabell (teknisk)» → «Område»), keeping the log\'s rows; doctor reports it first', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    const col = headerOf('Audit').indexOf('table');
    const sheetId = (await structure(id)).find((s) => s.properties?.title === 'Endringslogg')!.properties!.sheetId ?? 0;
    await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { updateCells: { start: { sheetId, rowIndex: 0, columnIndex: col }, rows: [{ values: [{ userEnteredValue: { stringValue: 'Tabell (teknisk)' } }] }], fields: 'userEnteredValue' } },
    ] } });
    const before = (await d.sheets.dump(id, 'Endringslogg'))!.raw.slice(1);
    expect(before.length).toBeGreaterThan(0);
    expect(await cli(io, ['doctor'])).toBe(1);
    expect(io.text()).toContain('tab Endringslogg: header has old names (Tabell (teknisk) → Område; provision gives them the new ones)');
    expect(await cli(io, ['provision'])).toBe(0);
    expect(io.text()).toContain('tab Endringslogg: headers renamed (Tabell (teknisk) → Område)');
    const after = (await d.sheets.dump(id, 'Endringslogg'))!.raw;
    expect(after[0]).toEqual(labelledHeader('Audit'));
    expect(after[0]![col]).toBe('Område');
    // The log's rows as they were (the rows provision itself adds come after them).
    expect(after.slice(1, 1 + before.length)).toEqual(before);
    expect(await cli(io, ['provision'])).toBe(0);
    expect(io.text()).toContain('Everything was in place; nothing changed.');
  });

  it('gives the folders and the spreadsheet an earlier version named in English their Norwegian names, keeping their ids', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    const cfg = config(io);
    const english = { evidence: 'Evidence', appraisals: 'Appraisals', templates: 'Templates', archive: 'Archive' } as Record<string, string>;
    const toEnglish = async () => {
      for (const [key, fileId] of Object.entries(cfg.folders)) await driveClient(d).files.update({ fileId, requestBody: { name: english[key] } });
      await driveClient(d).files.update({ fileId: id, requestBody: { name: 'Kompetent – records' } });
    };
    const names = async () => (await d.drive.files()).filter((f) => f.parents.includes(cfg.rootFolderId)).map((f) => [f.id, f.name]).sort();
    const norwegian = [...Object.entries(cfg.folders).map(([key, fileId]) => [fileId, { evidence: 'Dokumentasjon', appraisals: 'Samtaler',
      templates: 'Maler', archive: 'Samtalearkiv' }[key]]), [id, 'Kompetent – registre']].sort();

    // Known by id in kompetent.json: renamed in place.
    await toEnglish();
    const byId = testIo(d, { cwd: io.cwd });
    expect(await cli(byId, ['provision'])).toBe(0);
    expect(byId.text()).toContain('folder Kompetent/Dokumentasjon: found and renamed (was "Evidence")');
    expect(byId.text()).toContain('spreadsheet "Kompetent – registre": found and renamed (was "Kompetent – records")');
    expect(await names()).toEqual(norwegian);

    // A new admin's machine without the ids: found by the earlier name, renamed, the same files.
    await toEnglish();
    const file = path.join(io.cwd, 'kompetent.json');
    const { folders: _f, spreadsheetId: _s, ...rest } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify(rest));
    const byName = testIo(d, { cwd: io.cwd, env: { LANG: 'nb_NO.UTF-8' } });
    expect(await cli(byName, ['provision'])).toBe(0);
    expect(byName.text()).toContain('mappen Kompetent/Samtaler: funnet og gitt nytt navn (het «Appraisals»)');
    expect(await names()).toEqual(norwegian);
    expect(config(byName).folders).toEqual(cfg.folders);

    const again = testIo(d, { cwd: io.cwd });
    expect(await cli(again, ['provision'])).toBe(0);
    expect(again.text()).toContain('Everything was in place; nothing changed.');
  });

  it('reports sharing it did not make and exits 1, without removing it', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    await d.drive.share(id, { type: 'anyone', role: 'reader' });
    expect(await cli(io, ['provision'])).toBe(1);
    expect(io.text()).toContain('✖ records spreadsheet: shared with anyone who has the link');
    expect((await d.drive.files()).find((f) => f.id === id)!.permissions.some((p) => p.type === 'anyone')).toBe(true);
  });
});

describe('provision --person-shards', () => {
  const shardConfig = (io: ReturnType<typeof testIo>) => config(io) as ReturnType<typeof config> & { personShards?: number; shardIds?: string[] };

  it('makes the person shards beside the records, shared as they are, with both tabs made as the records\' are; a rerun changes nothing', async () => {
    const io = testIo(d);
    const id = await provisioned(io);
    expect(await cli(io, ['provision', '--person-shards', '2'])).toBe(0);
    const cfg = shardConfig(io);
    expect(cfg.personShards).toBe(2);
    expect(cfg.shardIds).toHaveLength(2);
    const ids = cfg.shardIds!;
    expect(io.text()).toContain('✔ spreadsheet "Kompetent – personregister 1": created');
    expect(io.text()).toMatch(new RegExp(`Person shard 2 +${ids[1]}`));
    // The remaining steps name the Script Property, the ids in shard order.
    expect(io.text()).toContain(`RECORDS_SHARD_IDS      = ${ids.join(',')}`);
    const files = await d.drive.files();
    const records = files.find((f) => f.id === id)!;
    const who = (fileId: string) => files.find((f) => f.id === fileId)!.effective.map((p) => `${p.type}:${p.emailAddress}:${p.role}`).sort();
    for (const [i, sid] of ids.entries()) {
      const f = files.find((x) => x.id === sid)!;
      expect(f.name).toBe(`Kompetent – personregister ${i + 1}`);
      expect(f.parents).toEqual(records.parents);
      expect(who(sid)).toEqual(who(id));
      const sheets = await structure(sid);
      expect(sheets.map((s) => s.properties?.title)).toEqual(SHARDED_TABLES.map(tabTitle));
      for (const t of SHARDED_TABLES) {
        expect((await d.sheets.dump(sid, tabTitle(t)))!.raw[0]).toEqual(labelledHeader(t));
        const s = sheets.find((x) => x.properties?.title === tabTitle(t))!;
        expect(s.properties?.gridProperties?.frozenRowCount).toBe(1);
        expect(s.protectedRanges?.[0]?.description).toContain(PROTECT_TAG);
      }
    }

    // Again, with the count from kompetent.json: nothing written, nothing made; the same ids and the Script Property line.
    const filesBefore = await d.drive.files();
    await d.sheets.clearLog();
    const driveLogStart = (await d.drive.log()).length;
    expect(await cli(io, ['provision'])).toBe(0);
    expect(io.text()).toContain('Everything was in place; nothing changed.');
    expect(io.text()).toContain(`RECORDS_SHARD_IDS      = ${ids.join(',')}`);
    expect((await d.sheets.log()).filter((l) => l.method !== 'GET' && l.route !== 'unknown')).toEqual([]);
    expect((await d.drive.log()).slice(driveLogStart).filter((l) => l.method !== 'GET')).toEqual([]);
    expect(await d.drive.files()).toEqual(filesBefore);

    // kompetent.json without the ids: found again by name, in the same order.
    const { shardIds: _gone, personShards: _n, ...rest } = shardConfig(io);
    fs.writeFileSync(path.join(io.cwd, 'kompetent.json'), JSON.stringify(rest));
    expect(await cli(io, ['provision', '--person-shards', '2'])).toBe(0);
    expect(io.text()).toContain('Everything was in place; nothing changed.');
    expect(shardConfig(io).shardIds).toEqual(ids);
  });

  it('refuses fewer shards than there are (their rows would no longer be read), and a count that is no number', async () => {
    const io = testIo(d);
    await provisioned(io);
    expect(await cli(io, ['provision', '--person-shards', '3'])).toBe(0);
    const start = (await d.drive.log()).length;
    expect(await cli(io, ['provision', '--person-shards', '2'])).toBe(2);
    expect(io.stderr.join('\n')).toContain('There are 3 person shards; with 2 the rows in the others would no longer be read.');
    // Without the ids in kompetent.json, the next one found by name in the folder counts.
    const { shardIds: _gone, personShards: _n, ...rest } = shardConfig(io);
    fs.writeFileSync(path.join(io.cwd, 'kompetent.json'), JSON.stringify(rest));
    expect(await cli(io, ['provision', '--person-shards', '1'])).toBe(2);
    expect(io.stderr.join('\n')).toContain('There are 2 person shards');
    expect((await d.drive.log()).slice(start).filter((l) => l.method !== 'GET')).toEqual([]);
    expect(await cli(io, ['provision', '--person-shards', 'fire'])).toBe(2);
    expect(io.stderr.join('\n')).toContain('--person-shards is a number (0 or more), not "fire".');
    const nb = testIo(d, { cwd: io.cwd, env: { LANG: '' } });
    expect(await cli(nb, ['provision', '--move-person-rows', '--person-shards', '0'])).toBe(2);
    expect(nb.stderr.join('\n')).toContain('Det finnes ingen personregistre å flytte rader til.');
  });

  it('refuses to move rows in the run that makes a shard: the app must read the shards first (RECORDS_SHARD_IDS)', async () => {
    const io = testIo(d);
    await provisioned(io);
    expect(await cli(io, ['provision', '--person-shards', '1', '--move-person-rows'])).toBe(2);
    expect(io.stderr.join('\n')).toContain('The person shards were made just now');
    expect(io.stderr.join('\n')).toContain('RECORDS_SHARD_IDS');
  });
});

describe('provision refuses bad usage before touching Drive', () => {
  it('needs the HR admins', async () => {
    const io = testIo(d);
    const start = (await d.drive.log()).length;
    expect(await cli(io, ['provision', '--service-account', SA])).toBe(2);
    expect(io.stderr.join('\n')).toContain('Who are the HR admins?');
    expect((await d.drive.log()).length).toBe(start);
    const nb = testIo(d, { env: { LANG: 'nb_NO.UTF-8' } });
    expect(await cli(nb, ['provision', '--service-account', SA])).toBe(2);
    expect(nb.stderr).toEqual(['Feil: Hvem er HR-administratorene?', 'Oppgi --admin-group <gruppens e-post> og/eller --admins <e-poster>.']);
  });

  it('needs to know the service account when the credentials are not its key', async () => {
    const io = testIo(d);
    expect(await cli(io, ['provision', '--admins', ADMIN])).toBe(2);
    expect(io.stderr.join('\n')).toContain('Which service account');
  });

  it('rejects an unknown option and prints help on --help', async () => {
    const io = testIo(d);
    expect(await cli(io, ['provision', '--admnis', ADMIN])).toBe(2);
    expect(io.stderr[0]).toContain('Unknown option --admnis');
    expect(await cli(io, ['provision', '--help'])).toBe(0);
    expect(io.text()).toContain('Usage: kompetent provision [options]');
  });
});
