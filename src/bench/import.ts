// Benchmark of `kompetent import` at municipal scale: a generated legacy list (15,000 people, 2–3 courses each, mixed
// date formats, æøå, blank and totals rows) through parse → mapping → dry run → write batches (requests encoded and
// serialised as for the Sheets API; the HTTP round trips themselves are not counted).
import { itemAt } from '../core/arrays';
import type { Competence, Course, Role, Unit } from '../core/records/tables';
import { headerOf, type TableName } from '../core/records/tables';
import type { ReadResult } from '../store/ports';
import type { Google } from '../cli/google';
import { buildMapping, Resolver, type Catalogue } from '../cli/import/mapping';
import { planImport } from '../cli/import/plan';
import { readCsvText } from '../cli/import/read-table';
import { RemoteRecords } from '../cli/remote';
import { writeChanges } from '../cli/writer';

export interface ImportBench {
  people: number;
  fileRows: number;
  parseMs: number;
  dryRunMs: number;
  writeMs: number;
  /** Legacy rows per second, parse to written batches. */
  rowsPerSecond: number;
  peoplePerSecond: number;
  batchUpdates: number;
  requestMegabytes: number;
  rejects: number;
}

const FIRST = ['Kari', 'Ola', 'Åse', 'Øystein', 'Sunniva', 'Håkon', 'Ingrid', 'Bjørn', 'Ragnhild', 'Tor', 'Sigrid', 'Jørgen', 'Aud', 'Ævar'];
const LAST = ['Nordmann', 'Hansen', 'Sæther', 'Håkonsen', 'Nygård', 'Bø', 'Løvås', 'Ødegård', 'Aasen', 'Bakke', 'Strøm', 'Dæhlie'];
const COURSES: readonly (readonly [string, string])[] = [['d-hlr', 'HLR med hjertestarter'], ['brannvern', 'Brannvern'], ['legemiddel', 'Legemiddelhåndtering'],
  ['smittevern', 'Smittevern'], ['forstehjelp-barn', 'Førstehjelp barn']];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** A legacy list as an HR office keeps it: title rows, `;`, Norwegian dates in several forms, blank and totals rows. */
export function legacyList(people: number): { text: string; catalogue: Catalogue } {
  const rnd = lcg(42);
  const pick = <T>(a: readonly T[]) => itemAt(a, Math.floor(rnd() * a.length));
  const units: Unit[] = Array.from({ length: 200 }, (_, i) => ({ unitId: `u${i}`, name: `Enhet ${i} ${pick(['Øst', 'Vest', 'Sør', 'Nord'])}`, area: 'Helse' }));
  const roles: Role[] = [{ roleId: 'sykepleier', name: 'Sykepleier' }, { roleId: 'helsefagarbeider', name: 'Helsefagarbeider' }];
  const competences = COURSES.map(([competenceId, name]) => ({ competenceId, name, category: 'mandatory' as const }) as Competence);
  const courses: Course[] = [];
  const lines = ['Kursoversikt 2024;;;;;;;', ';;;;;;;', 'Ansattnr;Navn;E-post;Enhet;Stilling;Kurs;Dato;Kommentar'];
  for (let p = 0; p < people; p++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const unit = pick(units).name;
    const taken = new Set<string>();
    for (let k = 0, n = 2 + Math.floor(rnd() * 2); k < n; k++) {
      const [, course] = pick(COURSES);
      if (taken.has(course)) continue;
      taken.add(course);
      const y = 2019 + Math.floor(rnd() * 6);
      const m = 1 + Math.floor(rnd() * 12);
      const d = 1 + Math.floor(rnd() * 28);
      const date = [`${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`, `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        `${d}/${m}/${String(y).slice(2)}`][Math.floor(rnd() * 3)];
      const name = rnd() < 0.3 ? `${last}, ${first}` : `${first} ${last}`;
      lines.push(`${10000 + p};${name};${first}.${last}.${p}@kommune.example`.toLowerCase().replace(/[æøå]/g, (c) => ({ æ: 'ae', ø: 'o', å: 'a' })[c]!)
        .replace(/^(\d+;)[^;]+/, `$1${name}`) + `;${unit};${pick(roles).name};${course};${date};${rnd() < 0.05 ? 'Tatt på nytt' : ''}`);
    }
    if (p % 500 === 499) lines.push(';;;;;;;');
  }
  lines.push(`Sum;${people};;;;;;`);
  return { text: lines.join('\r\n'), catalogue: { units, roles, competences, courses } };
}

/** A Google whose spreadsheet answers metadata and swallows batchUpdates, counting what would be sent. */
function countingGoogle(sent: { calls: number; bytes: number }): Google {
  const titles: TableName[] = ['Employees', 'Certifications', 'Audit'];
  const spreadsheets = {
    get: async () => ({ data: { sheets: titles.map((title, i) => ({ properties: { sheetId: i + 1, title, gridProperties: { rowCount: 1, columnCount: 10 } } })) } }),
    batchUpdate: async (params: { requestBody: unknown }) => {
      sent.calls++;
      sent.bytes += JSON.stringify(params.requestBody).length;
      return { data: {} };
    },
  };
  return { sheets: { spreadsheets }, calls: {}, call: (_k: string, _w: string, fn: () => Promise<unknown>) => fn() } as unknown as Google;
}

export async function benchImport(people = 15_000): Promise<ImportBench> {
  const { text, catalogue } = legacyList(people);
  const t0 = performance.now();
  const file = readCsvText(text, 'kursoversikt.csv');
  const t1 = performance.now();
  const mapping = buildMapping(file.sheets, catalogue);
  const plan = planImport({ mapping, resolver: new Resolver(catalogue, mapping.values), employees: [], certifications: [],
    today: '2026-01-01', updatePeople: false });
  const t2 = performance.now();
  const sent = { calls: 0, bytes: 0 };
  const rr = new RemoteRecords(countingGoogle(sent), 'bench');
  const empty = (t: TableName): ReadResult => ({ table: t, exists: true, header: headerOf(t), rows: [], lastRow: 1 });
  const read = new Map<TableName, ReadResult>([['Employees', empty('Employees')], ['Certifications', empty('Certifications')], ['Audit', empty('Audit')]]);
  await writeChanges(rr, read, plan.changes, { actorEmail: 'bench@kommune.example', action: 'import', at: '2026-01-01T00:00:00Z' }, () => undefined);
  const t3 = performance.now();
  const fileRows = file.sheets[0]?.rows.length ?? 0;
  const seconds = (t3 - t0) / 1000;
  return {
    people, fileRows, parseMs: Math.round(t1 - t0), dryRunMs: Math.round(t2 - t1), writeMs: Math.round(t3 - t2),
    rowsPerSecond: Math.round(fileRows / seconds), peoplePerSecond: Math.round(people / seconds),
    batchUpdates: sent.calls, requestMegabytes: Math.round((sent.bytes / 2 ** 20) * 10) / 10, rejects: plan.counts.reject,
  };
}
