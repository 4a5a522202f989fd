// Finds the header in a legacy sheet (under title rows, with a merged group row above it) and names what each
// column holds from Norwegian and English header words.
import { cleanText, matchKey } from './values';

/** What a legacy column can hold. */
export type Field =
  | 'employeeId' | 'email' | 'name' | 'firstName' | 'lastName' | 'unit' | 'role' | 'startDate' | 'managerEmail'
  | 'competence' | 'achievedOn' | 'expiresOn' | 'note' | 'ignore' | 'sensitive';

/** Header words (compared with matchKey: case, æøå/ae-o-a, punctuation and spaces do not count). */
const SYNONYMS: [Field, string[]][] = [
  ['sensitive', ['fodselsnummer', 'fodselsnr', 'fnr', 'personnummer', 'personnr', 'pnr', 'personnummer 11 siffer', 'ssn',
    'national id', 'national identity number', 'd nummer']],
  ['employeeId', ['ansattnr', 'ansattnummer', 'ansatt nr', 'ans nr', 'ansnr', 'ansatt id', 'ansattid', 'lonnsnr', 'lonnsnummer',
    'ressursnr', 'ressursnummer', 'ansatt nummer', 'ans nummer', 'personalnr', 'personalnummer', 'lonns nr', 'lonn nr',
    'employee number', 'employee no', 'employee id', 'emp no', 'staff number', 'staff id', 'employeeid', 'staff no', 'emp id']],
  ['email', ['e post', 'epost', 'e postadresse', 'epostadresse', 'e mail', 'email', 'mail', 'e mail address', 'email address', 'jobb e post',
    'e post jobb', 'arbeids e post', 'e post adresse', 'epost adresse', 'e mail adresse', 'email adresse', 'mailadresse',
    'mail adresse', 'e postadr', 'epostadr', 'work email', 'work e mail']],
  ['managerEmail', ['leder e post', 'leders e post', 'naermeste leder e post', 'leder epost', 'leders epost',
    'naermeste leder epost', 'leder e postadresse', 'manager email', 'manager e mail', 'manageremail']],
  ['firstName', ['fornavn', 'first name', 'given name', 'firstname']],
  ['lastName', ['etternavn', 'last name', 'surname', 'family name', 'lastname']],
  ['name', ['navn', 'fullt navn', 'ansatt', 'ansattnavn', 'medarbeider', 'deltaker', 'deltakernavn', 'deltakere', 'name', 'full name',
    'employee', 'employee name', 'participant', 'ansattes navn', 'navn ansatt', 'medarbeidernavn', 'fornavn og etternavn',
    'etternavn og fornavn', 'fornavn etternavn', 'etternavn fornavn', 'participant name']],
  ['unit', ['enhet', 'avdeling', 'arbeidssted', 'tjenestested', 'seksjon', 'virksomhet', 'org enhet', 'organisasjonsenhet', 'unit',
    'department', 'dept', 'unitid', 'enhetsnavn', 'avd', 'arbeidsplass', 'department name']],
  ['role', ['stilling', 'stillingstittel', 'stillingskode', 'rolle', 'yrke', 'yrkesgruppe', 'stillingsbetegnelse', 'stillingsnavn', 'yrkestittel',
    'role', 'position', 'job title', 'roleids']],
  ['startDate', ['ansatt dato', 'ansattdato', 'ansatt fra', 'startdato', 'tiltredelse', 'tiltradt', 'tiltredelsesdato', 'start date', 'hired',
    'startdate', 'start dato', 'ansettelsesdato', 'ansatt siden', 'hire date', 'date hired', 'employment date']],
  ['competence', ['kurs', 'kursnavn', 'kurstittel', 'sertifikat', 'sertifisering', 'opplaering', 'kompetanse', 'kurs sertifikat', 'course',
    'course name', 'certificate', 'certification', 'training', 'competence', 'kurs navn', 'kurstype', 'sertifikattype', 'kompetansenavn',
    'course title', 'certificate name', 'training name']],
  ['achievedOn', ['dato', 'kursdato', 'gjennomfort', 'gjennomfort dato', 'dato gjennomfort', 'fullfort', 'fullfort dato', 'bestatt', 'bestatt dato',
    'tatt', 'tatt dato', 'dato tatt', 'tatt den', 'kurs dato', 'dato fullfort', 'dato bestatt', 'gjennomfort den', 'gjennomforingsdato',
    'godkjent dato', 'dato godkjent', 'sertifiseringsdato', 'date completed', 'completion date', 'date of completion',
    'completed date', 'date achieved', 'date passed', 'course date',
    'date', 'completed', 'completed on', 'achieved', 'achieved on', 'passed', 'achievedon']],
  ['expiresOn', ['gyldig til', 'gyldig tom', 'gyldig t o m', 'utloper', 'utlopsdato', 'utloper dato', 'fornyes', 'fornyes innen', 'frist fornyelse',
    'gyldig til dato', 'gyldig tom dato', 'utloper den', 'utgar', 'utgaar', 'fornyelsesdato', 'neste fornyelse',
    'expiration', 'expiration date', 'valid to', 'valid through', 'renewal date', 'renew by',
    'expires', 'expires on', 'valid until', 'expiry', 'expiry date', 'expireson']],
  ['note', ['kommentar', 'kommentarer', 'merknad', 'merknader', 'notat', 'notater', 'anmerkning', 'anmerkninger', 'fritekst', 'comment', 'comments',
    'note', 'notes', 'remarks']],
  ['ignore', ['nr', 'lopenr', 'lopenummer', 'no', 'rad', 'row']],
];

const BY_KEY = new Map<string, Field>();
for (const [field, words] of SYNONYMS) for (const w of words) if (!BY_KEY.has(w)) BY_KEY.set(w, field);

export function fieldOfHeader(label: string): Field | undefined {
  const k = matchKey(label);
  if (k === '') return undefined;
  return BY_KEY.get(k) ?? BY_KEY.get(k.replace(/ \d+$/, ''));
}

/** Totals and summary lines people put under lists. */
export function isTotalsRow(cells: string[]): boolean {
  const first = cells.map((c) => cleanText(c)).find((c) => c !== '') ?? '';
  // The word alone, or followed by a colon, a number or a counting word: "Summer Hansen" is a person.
  return /^(sum|summer|totalt?|i alt|antall|grand total|count)\s*([:.=]|$|\d|(antall|totalt|kurs|deltakere|ansatte|personer)\b)/i.test(first);
}

export function isBlank(cells: string[]): boolean {
  return cells.every((c) => cleanText(c) === '');
}

export interface Header {
  /** 0-based index of the header row in the sheet. */
  row: number;
  /** Column labels: the header cell, or the merged group label above it when the cell is empty. */
  labels: string[];
  /** The group label over each column (merged cells fill rightwards), '' when none. */
  groups: string[];
}

/** Looks at the first 25 rows for the one with the most recognisable headers (at least two, or one plus competences). */
export function findHeader(rows: string[][], isCompetence: (label: string) => boolean, at?: number): Header | undefined {
  let best = -1;
  let bestScore = 0;
  const candidates = at !== undefined ? [at] : rows.slice(0, 25).map((_, i) => i);
  for (const i of candidates) {
    const cells = rows[i] ?? [];
    const known = cells.filter((c) => fieldOfHeader(c) !== undefined && fieldOfHeader(c) !== 'ignore').length;
    const comps = cells.filter((c) => cleanText(c) !== '' && isCompetence(c)).length;
    const score = known * 2 + comps;
    if (score > bestScore && (known >= 2 || (known >= 1 && comps >= 1) || at !== undefined)) { best = i; bestScore = score; }
  }
  if (best < 0) return undefined;
  const header = (rows[best] ?? []).map((c) => cleanText(c));
  const width = Math.max(header.length, ...rows.slice(best + 1, best + 50).map((r) => r.length));
  const above = best > 0 ? (rows[best - 1] ?? []).map((c) => cleanText(c)) : [];
  // A group row is sparser than the header: its labels span the columns to their right (merged cells).
  const aboveLabels = above.filter((c) => c !== '');
  const isGroupRow = aboveLabels.length > 0 && aboveLabels.length < header.filter((c) => c !== '').length
    && (aboveLabels.length >= 2 || isCompetence(aboveLabels[0] ?? '') || fieldOfHeader(aboveLabels[0] ?? '') !== undefined);
  const groups: string[] = [];
  let current = '';
  for (let c = 0; c < width; c++) {
    const label = above[c];
    if (isGroupRow && label) current = label;
    groups.push(isGroupRow ? current : '');
  }
  const labels = Array.from({ length: width }, (_, c) => header[c] || groups[c] || '');
  return { row: best, labels, groups };
}

/** Column letters as spreadsheets show them (0 → A, 26 → AA). */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
