// The admin CLI speaks Norwegian by default, every line of it (issue 15): provision repairing an old English-made
// spreadsheet and over-shared files, and doctor finding bad rows, an archive and wide sharing, run against the Sheets/Drive
// double with no LANG. No line may bring back an English text the CLI printed before, and every word of every line is a
// word of the nb catalogues, a tab or column label, or a name, id or address (which carry no language).
import { allKeys, rawMessage, t, type MessageKey } from '../../src/core/i18n';
import { COLUMN_LABELS, TAB_LABELS } from '../../src/core/records/labels';
import { VALUE_LABELS } from '../../src/core/records/value-labels';
import { TABLE_NAMES, headerOf } from '../../src/core/records/tables';
import { ROOT_FOLDER, SPREADSHEET_NAME, SUBFOLDERS } from '../../src/cli/provision';
import { Progress } from '../../src/cli/io';
import { ADMIN, SA, TOKEN, cli, config, emptyDrive, provisioned, sheetsClient, startDoubles, testIo, type Doubles, type TestIo } from './support/harness';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });
beforeEach(async () => { await emptyDrive(d); });

/** Lines the CLI printed in English under a Norwegian locale before issue 15 was finished (sheet-setup, drive, doctor, io). */
const OLD_ENGLISH = [
  /\btab \S+: /, /renamed to/, /header in Norwegian/, /values of .+ in Norwegian/, /created with its header/, /restored in column/,
  /added at the end/, /header row (frozen|protected|is not)/, /allowed values of/, /is not a Kompetent table/, /had been renamed by hand/,
  /has its English name/, /has English field names/, /has values in English/, /header lacks/,
  /shared with anyone who has the link/, /shared with everyone in/, /is neither the service account nor an admin/,
  /\brow \d+/, /invalid_email|unknown_reference|missing_column/, /Notifications \d+ rows/, /rotated through/, /row\(s\) of another year/,
  /last rotation/, /\d+ of [\d,]+ cells/, /this check used/, /Sheets allows about/, /in \d+ archives?\b/, /of [\d.]+ GiB/,
  /\bWriting\b/, /\brows in [\d.]+ s\b/, /Mal (development|probation|life-phase)\b/, /Mappe (evidence|appraisals|templates|archive)\b/,
];

/** Every word a Norwegian line may hold: the nb catalogues, the records' tab, column and value labels, and Drive names. */
function vocabulary(): Set<string> {
  const texts = [
    ...allKeys('nb').map((k) => rawMessage('nb', k as MessageKey)),
    ...Object.values(TAB_LABELS), ...Object.values(COLUMN_LABELS).flatMap((c) => Object.values(c)),
    ...Object.values(VALUE_LABELS).flatMap((v) => Object.values(v as Record<string, string>)),
    // Names provision gives things in Drive (the app finds the folders by these names too).
    ROOT_FOLDER, SPREADSHEET_NAME, ...Object.values(SUBFOLDERS),
  ];
  return new Set(texts.flatMap(words));
}

/** The words of a text: letters only (a token with a digit, @, / or . is an id, an address or a path, not a word). */
function words(text: string): string[] {
  return text.split(/[\s,;:()«»"”'→✔✖!…–—=<>|[\]{}#%+*]+/).filter((w) => w !== '' && /^[\p{L}-]+$/u.test(w) && /\p{L}{2}/u.test(w))
    .map((w) => w.toLowerCase());
}

function check(io: TestIo, names: string[]): void {
  const lines = [...io.stdout, ...io.stderr].flatMap((l) => l.split('\n'));
  expect(lines.length).toBeGreaterThan(5);
  const known = vocabulary();
  for (const n of names) for (const w of words(n)) known.add(w);
  const english = lines.filter((l) => OLD_ENGLISH.some((re) => re.test(l)));
  expect(english).toEqual([]);
  const strange = lines.flatMap((l) => words(l).filter((w) => !known.has(w)).map((w) => `${w} in: ${l}`));
  expect(strange).toEqual([]);
}

async function sheetIds(id: string): Promise<Map<string, number>> {
  const res = await sheetsClient(d).spreadsheets.get({ spreadsheetId: id, fields: 'sheets(properties(sheetId,title))' });
  return new Map((res.data.sheets ?? []).map((s) => [s.properties!.title!, s.properties!.sheetId ?? 0]));
}

const cells = (r: string[]) => ({ values: r.map((v) => (v ? { userEnteredValue: { stringValue: v } } : {})) });

it('provision repairing a spreadsheet made before the labels, and over-shared files, says every line in Norwegian', async () => {
  const io = testIo(d);
  const id = await provisioned(io);
  const cfg = config(io);
  const ids = await sheetIds(id);
  await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
    // Tabs and headers as Kompetent made them before the labels, one tab left with its Norwegian title.
    ...TABLE_NAMES.filter((t) => t !== 'Units').flatMap((t) => [
      { updateSheetProperties: { properties: { sheetId: ids.get(TAB_LABELS[t])!, title: t }, fields: 'title' } },
      { updateCells: { start: { sheetId: ids.get(TAB_LABELS[t])!, rowIndex: 0, columnIndex: 0 }, rows: [cells(headerOf(t))], fields: 'userEnteredValue' } },
    ]),
    { appendCells: { sheetId: ids.get(TAB_LABELS.Employees)!, rows: [cells(['e1', 'kari@kommune.example', 'Kari Nordmann', 'u1', '', '', '', '', 'active', 'nb'])], fields: 'userEnteredValue' } },
    { appendCells: { sheetId: ids.get(TAB_LABELS.Competences)!, rows: [cells(['k1', 'HLR', 'legal', '', '', '', 'course, sign-off'])], fields: 'userEnteredValue' } },
    // A blanked header cell, an unfrozen header, a tab of HR's own.
    { updateCells: { start: { sheetId: ids.get(TAB_LABELS.Units)!, rowIndex: 0, columnIndex: 1 }, rows: [{ values: [{}] }], fields: 'userEnteredValue' } },
    { updateSheetProperties: { properties: { sheetId: ids.get(TAB_LABELS.Units)!, gridProperties: { frozenRowCount: 0 } }, fields: 'gridProperties.frozenRowCount' } },
    { addSheet: { properties: { title: 'Notater' } } },
  ] } });
  await d.drive.share(id, { type: 'anyone', role: 'reader' });
  await d.drive.share(cfg.rootFolderId, { type: 'domain', role: 'reader', domain: 'kommune.example' });

  const nb = testIo(d, { cwd: io.cwd, env: { LANG: '' } });
  expect(await cli(nb, ['provision'])).toBe(1);
  const out = nb.text();
  expect(out).toContain('fane Employees: heter nå Ansatte');
  expect(out).toContain('fane Ansatte: overskrifter på norsk (employeeId → Ansatt-ID');
  expect(out).toContain('fane Ansatte: verdiene i Status på norsk (active → aktiv)');
  expect(out).toContain('fane Enheter: overskriften «Navn» satt inn igjen i kolonne 2');
  expect(out).toContain('fane Enheter: overskriftsraden låst');
  expect(out).toContain('Fanen «Notater» er ikke en Kompetent-tabell; latt være som den er.');
  expect(out).toContain('✖ registerarket: delt med alle som har lenken');
  expect(out).toContain('✖ mappen Kompetent: delt med alle i kommune.example');
  expect(out).toContain('Mal medarbeidersamtale');
  // The English keys and names the lines quote from the sheet (what was there before), and the double's My Drive id.
  check(nb, [id, cfg.rootFolderId, ...Object.values(cfg.folders), ...Object.values(cfg.templates), SA, ADMIN, 'Notater', 'my-drive-root',
    ...TABLE_NAMES, ...TABLE_NAMES.flatMap(headerOf), 'active', 'legal', 'course', 'sign-off']);
});

it('doctor finding bad rows, an archive, a missing folder and wide sharing says every line in Norwegian', async () => {
  const io = testIo(d);
  const id = await provisioned(io);
  const cfg = config(io);
  const ids = await sheetIds(id);
  const res = await fetch(`${d.sheets.url}/drive/v3/files`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Kompetent – archive 2025', mimeType: 'application/vnd.google-apps.spreadsheet', parents: [cfg.rootFolderId] }) });
  const archive = ((await res.json()) as { id: string }).id;
  await d.sheets.seed(archive, 'Audit', headerOf('Audit'), [
    ['2025-03-01T08:00:00Z', ADMIN, 'register', 'Certifications', 'c1', null, '{}'],
    ['2026-01-01T08:00:00Z', ADMIN, 'register', 'Certifications', 'c3', null, '{}'],
    ['i fjor', ADMIN, 'register', 'Certifications', 'c4', null, '{}'],
  ]);
  await d.sheets.seed(archive, 'Notifications', headerOf('Notifications'), [['n1', 'reminder', ADMIN, 'k', 'mail', '2025-05-05T05:00:00Z']]);
  await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
    { appendCells: { sheetId: ids.get(TAB_LABELS.Units)!, rows: [cells(['u1', 'Solbakken sykehjem', 'Helse', '', ''])], fields: 'userEnteredValue' } },
    { appendCells: { sheetId: ids.get(TAB_LABELS.Employees)!, fields: 'userEnteredValue', rows: [
      cells(['e2', 'ola(at)kommune.example', 'Ola', 'u1', '', '', '', '', 'active', '']),
      cells(['e3', 'per@kommune.example', 'Per', 'u-finnes-ikke', '', '', '', '', 'aktiv', '']),
    ] } },
    { appendCells: { sheetId: ids.get(TAB_LABELS.Settings)!, fields: 'userEnteredValue', rows: [
      cells(['archive.2025', archive]), cells(['rotatedThrough', '2025']), cells(['rotation.Audit', '2025 ferdig']), cells(['readModelBuiltAt', '2026-03-02T04:00:00Z']),
    ] } },
    { updateSheetProperties: { properties: { sheetId: ids.get(TAB_LABELS.Roles)!, gridProperties: { frozenRowCount: 0 } }, fields: 'gridProperties.frozenRowCount' } },
  ] } });
  await d.drive.share(id, { type: 'anyone', role: 'reader' });
  await d.drive.share(cfg.folders.evidence!, { type: 'user', role: 'reader', emailAddress: 'nysgjerrig@kommune.example' });
  await d.drive.share(cfg.folders.appraisals!, { type: 'group', role: 'writer', emailAddress: 'alle@kommune.example' });
  await fetch(`${d.sheets.url}/drive/v3/files/${cfg.folders.templates}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });

  const nb = testIo(d, { cwd: io.cwd, env: { LANG: '' } });
  expect(await cli(nb, ['doctor'])).toBe(1);
  const out = nb.text();
  expect(out).toContain('fane Roller: overskriftsraden er ikke låst');
  expect(out).toContain('Ansatte rad 2, E-post: ugyldig e-postadresse («ola(at)kommune.example»)');
  expect(out).toContain('Ansatte rad 3, Enhet-ID: viser til noe som ikke finnes (u-finnes-ikke)');
  expect(out).toContain('registerarket: delt med alle som har lenken');
  expect(out).toContain('mappen Kompetent/Dokumentasjon: personen nysgjerrig@kommune.example (leser) er verken tjenestekontoen eller en administrator');
  expect(out).toContain('mappen Kompetent/Samtaler: gruppen alle@kommune.example (redaktør) er verken tjenestekontoen eller en administrator');
  expect(out).toContain('Arkiver      ✖ 2025: 2 rader i Endringslogg, 1 i Varsler; flyttet til arkiv: alt før 2026-01-01');
  expect(out).toContain('arkiv 2025: 1 rad i Endringslogg fra et annet år');
  expect(out).toContain('arkiv 2025, Endringslogg rad 4, Tidspunkt: ugyldig tidspunkt');
  expect(out).toContain('siste arkivering: 2025 ferdig');
  expect(out).toMatch(/Kvoter +✔ \d+ av 5\u00a0000\u00a0000 celler \(0 %\); Endringslogg \d+ rader her og 2 i 1 arkiv; Drive 0,0 av 15,0 GiB; denne sjekken brukte \d+ API-kall/);
  expect(out).toContain('Oversikter   ✖ gammel: sist oppdatert for 5,0 t siden');
  check(nb, [id, archive, cfg.rootFolderId, ...Object.values(cfg.folders), SA, ADMIN, 'active', 'Ola', 'Per', 'ferdig', 'u-finnes-ikke',
    'Solbakken', 'sykehjem', 'Helse']);
});

it('the progress line of a long write, where no terminal draws the bar, in the admin\'s language', () => {
  const lines: string[] = [];
  let now = Date.parse('2026-03-02T09:00:00Z');
  const io = { out: () => undefined, err: (l: string) => lines.push(l), errRaw: () => undefined, errIsTTY: false, cwd: '/', env: { LANG: 'nb_NO.UTF-8' },
    now: () => new Date(now) };
  const bar = new Progress(io, t('nb', 'cli.progress.writing'), 1200, t('nb', 'cli.progress.rows'));
  now += 2500;
  bar.finish();
  expect(lines).toEqual(['Skriver: 1200 rader på 2,5 s']);
});
