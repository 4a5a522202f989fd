// Enumerated cells in Norwegian: every key has a label, the codec writes the label and reads the label or the old key.
import type { FieldCodec } from '../../../src/core/records/cells';
import { VALUE_LABELS, keyReader, valueLabel } from '../../../src/core/records/value-labels';
import { TABLES, TABLE_NAMES, type TableName } from '../../../src/core/records/tables';
import { encodeRow, parseTable } from '../../../src/store/table-parse';
import { labelledHeader } from '../../../src/core/records/labels';

const lower = (s: string) => s.trim().toLowerCase();

/** Every enumerated field of every table: [table, field, codec]. */
const ENUM_FIELDS: [TableName, string, FieldCodec<unknown>][] = TABLE_NAMES.flatMap((t) =>
  Object.entries(TABLES[t].fields as Record<string, FieldCodec<unknown>>).filter(([, c]) => c.keys).map(([f, c]) => [t, f, c] as [TableName, string, FieldCodec<unknown>]));

describe('every enumeration has a Norwegian label per key', () => {
  it.each(Object.entries(VALUE_LABELS))('%s: labels unique, never another value\'s key, never a formula', (_name, labels) => {
    const keys = Object.keys(labels);
    const words = Object.values(labels) as string[];
    expect(new Set(words.map(lower)).size).toBe(words.length);
    for (const k of keys) {
      const others = keys.filter((x) => x !== k).map(lower);
      expect(others).not.toContain(lower(valueLabel(labels, k)));
      expect(valueLabel(labels, k)).not.toMatch(/^[=+\-@]/);
    }
  });

  it('the tables\' enumerations are the ones labelled (a field added without labels shows its keys)', () => {
    expect(ENUM_FIELDS.length).toBe(19); // 19 enumerated columns today (satisfiedBy, a list, is the 20th: tested below)
    for (const [t, f, c] of ENUM_FIELDS) {
      // The dropdown offers the labels; none of them is an English key the code uses (unless the words agree: "video").
      expect({ t, f, values: c.values!.length }).toEqual({ t, f, values: c.keys!.length });
      const english = c.keys!.filter((k, i) => lower(k) !== lower(c.values![i]!));
      expect(english.length).toBeGreaterThan(0);
      for (const k of english) expect(c.values).not.toContain(k);
    }
  });
});

describe('the enum codec', () => {
  it.each(ENUM_FIELDS.map(([t, f, c]) => [`${t}.${f}`, c] as const))('%s: round trip key → label → key, and the English key still reads', (_n, c) => {
    for (const k of c.keys!) {
      const text = c.encode(k);
      expect(c.values).toContain(text);
      expect(c.schema.parse(text)).toBe(k);
      expect(c.schema.parse(k)).toBe(k); // a sheet written before the labels
      expect(c.schema.parse(` ${k.toUpperCase()} `)).toBe(k); // typed by hand
      expect(c.schema.parse(` ${text.toUpperCase()}`)).toBe(k);
    }
    expect(c.schema.safeParse('ikke et ord').success).toBe(false);
  });

  it('reads words typed by hand in Norwegian, with odd case and spacing', () => {
    const read = keyReader(['valid', 'pending', 'revoked'], VALUE_LABELS.certState);
    expect(read('Gyldig')).toBe('valid');
    expect(read('  venter   PÅ godkjenning ')).toBe('pending');
    expect(read('Trukket tilbake')).toBe('revoked');
    expect(read('REVOKED')).toBe('revoked');
    expect(read('ugyldig')).toBeUndefined();
  });

  it('a list of ways to satisfy a competence is written in Norwegian and read from either language', () => {
    const c = TABLES.Competences.fields.satisfiedBy;
    expect(c.encode(['course', 'sign-off'])).toBe('kurs, godkjent av leder');
    expect(c.schema.parse('kurs, godkjent av leder')).toEqual(['course', 'sign-off']);
    expect(c.schema.parse('course; Sign-off;Dokumentasjon')).toEqual(['course', 'sign-off', 'document']);
  });
});

describe('a whole row', () => {
  const cert = {
    certificationId: 'C1', employeeId: 'E1', competenceId: 'cpr', achievedOn: '2026-01-10', expiresOn: undefined, source: 'import',
    evidenceFileId: undefined, verifiedBy: undefined, state: 'valid', note: undefined,
  } as const;
  const read = (cells: string[]) => parseTable('Certifications', {
    table: 'Certifications', exists: true, header: labelledHeader('Certifications'), rows: [{ rowNumber: 2, cells }], lastRow: 2,
  });

  it('is written with Norwegian words and read back to the same keys', () => {
    const enc = encodeRow('Certifications', cert);
    expect(enc).toMatchObject({ source: 'importert', state: 'gyldig' });
    const cells = Object.keys(TABLES.Certifications.fields).map((f) => enc[f] ?? '');
    const t = read(cells);
    expect(t.issues).toEqual([]);
    expect(t.rows[0]!.row).toEqual(Object.fromEntries(Object.entries(cert).filter(([, v]) => v !== undefined)));
  });

  it('a legacy row in English and a row typed by hand in Norwegian read the same', () => {
    const fields = Object.keys(TABLES.Certifications.fields);
    const legacy = fields.map((f) => ({ ...encodeRow('Certifications', cert), source: 'import', state: 'valid' } as Record<string, string>)[f] ?? '');
    const typed = fields.map((f) => ({ ...encodeRow('Certifications', cert), source: 'Importert', state: 'GYLDIG' } as Record<string, string>)[f] ?? '');
    expect(read(legacy).rows[0]!.row).toEqual(read(typed).rows[0]!.row);
    expect(read(typed).rows[0]!.row).toMatchObject({ source: 'import', state: 'valid' });
  });

  it('an unknown word is reported (data health), never dropped silently', () => {
    const fields = Object.keys(TABLES.Certifications.fields);
    const bad = fields.map((f) => ({ ...encodeRow('Certifications', cert), state: 'gyldg' } as Record<string, string>)[f] ?? '');
    const t = read(bad);
    expect(t.rows).toEqual([]);
    expect(t.issues).toEqual([expect.objectContaining({ field: 'state', reason: 'invalid_enum', value: 'gyldg' })]);
  });
});

describe('the Audit log\'s table column', () => {
  const c = TABLES.Audit.fields.table;
  it('is written as the tab HR sees and read back to the table\'s key from the title or the old key', () => {
    expect(c.encode('Certifications')).toBe('Sertifiseringer');
    expect(c.schema.parse('Sertifiseringer')).toBe('Certifications');
    expect(c.schema.parse('Certifications')).toBe('Certifications');
    expect(c.schema.parse(' spørsmål og svar ')).toBe('Faq');
    // Anything else (a row typed by hand, a name from another tool) is kept as written, never refused.
    expect(c.schema.parse('ReadModel')).toBe('ReadModel');
    expect(c.encode('ReadModel')).toBe('ReadModel');
  });
});
