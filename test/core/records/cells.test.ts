// Cell codecs: dates in every form people type, lists, booleans, enums, formulas and required cells.
import { cell, parseDate, parseDateTime, parseList, parseBool } from '../../../src/core/records/cells';

describe('dates', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['01.03.2026', '2026-03-01'],
    ['1.3.2026', '2026-03-01'],
    [46082, '2026-03-01'],
    ['2026-03-01T10:00:00Z', '2026-03-01'],
  ])('reads %p as %p', (raw, iso) => expect(parseDate(raw)).toBe(iso));

  it.each(['2026-02-30', '31.04.2026', 'i morgen', '2026/03/01', -5])('rejects %p', (raw) => expect(parseDate(raw)).toBeUndefined());

  it('normalises date-times to UTC', () => {
    expect(parseDateTime('2026-03-01T10:00:00+01:00')).toBe('2026-03-01T09:00:00Z');
    expect(parseDateTime('2026-03-01')).toBeUndefined();
  });
});

describe('codecs', () => {
  it('reports a formula typed by hand, and a missing required value', () => {
    const r = cell.date().schema.safeParse({ formula: '=TODAY()' });
    expect(r.success).toBe(false);
    expect(!r.success && r.error.issues[0]!.message).toBe('formula');
    const e = cell.text().schema.safeParse('  ');
    expect(!e.success && e.error.issues[0]!.message).toBe('required');
  });

  it('treats an empty optional cell as undefined', () => {
    expect(cell.optDate().schema.parse('')).toBeUndefined();
    expect(cell.optDate().schema.parse(null)).toBeUndefined();
  });

  it('parses lists, booleans, integers and enums the way people type them', () => {
    expect(parseList('a, b;c\n d,,')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseBool('Ja')).toBe(true);
    expect(parseBool('nei')).toBe(false);
    expect(parseBool('kanskje')).toBeUndefined();
    expect(cell.int(0, 4).schema.parse('3')).toBe(3);
    const big = cell.int(0, 4).schema.safeParse(7);
    expect(!big.success && big.error.issues[0]!.message).toBe('out_of_range');
    expect(cell.enum(['valid', 'pending'] as const, { valid: 'gyldig', pending: 'venter' }).schema.parse('Valid')).toBe('valid');
    expect(cell.enum(['valid', 'pending'] as const, { valid: 'gyldig', pending: 'venter' }).schema.parse('Gyldig')).toBe('valid');
    const bad = cell.enum(['valid', 'pending'] as const, { valid: 'gyldig', pending: 'venter' }).schema.safeParse('maybe');
    expect(!bad.success && bad.error.issues[0]!.message).toBe('invalid_enum');
  });

  it('lower-cases e-mails and rejects non-addresses', () => {
    expect(cell.email().schema.parse(' Kari.Nordmann@Kommune.example ')).toBe('kari.nordmann@kommune.example');
    expect(cell.email().schema.safeParse('kari').success).toBe(false);
    expect(cell.emailList().schema.parse('a@x.no, B@x.no')).toEqual(['a@x.no', 'b@x.no']);
  });

  it('encodes values back to cell text', () => {
    expect(cell.list().encode(['a', 'b'])).toBe('a, b');
    expect(cell.bool().encode(true)).toBe('TRUE');
    expect(cell.optDate().encode(undefined)).toBe('');
  });
});
