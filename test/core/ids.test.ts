// Record ids: the one pattern every table, parameter and import uses, and the stable string hash.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash31, isRecordId, RECORD_ID, RECORD_ID_PATTERN } from '../../src/core/ids';

it('accepts a letter or digit then up to 63 of letters, digits, _ . : -', () => {
  for (const id of ['E1', '0', 'q-0003', 'Q_ABC.def:1', `a${'b'.repeat(63)}`]) expect([id, isRecordId(id)]).toEqual([id, true]);
});

it('refuses what could break a cell, key or parameter', () => {
  const bad = ['', '-lead', '_x', '.x', `a${'b'.repeat(64)}`, 'a b', 'a/b', 'a,b', 'a|b', '=1+1', 'æøå', 'a\n', 'x<y>', 'E1\u202e'];
  for (const id of bad) expect([id, isRecordId(id)]).toEqual([id, false]);
  expect(isRecordId(42)).toBe(false);
  expect(isRecordId(undefined)).toBe(false);
  expect(RECORD_ID.test('E1')).toBe(true);
});

it('is written once: every other id check in src/ takes it from here', () => {
  expect(RECORD_ID.source).toBe(`^${RECORD_ID_PATTERN}$`);
  // Its tell-tale quantifier, and the character class it repeats, anywhere else in src/ would be a second copy.
  const root = join(__dirname, '..', '..');
  const files = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
  const src = files('src').map((f) => [f, readFileSync(join(root, f), 'utf8')] as const);
  const grep = (s: string) => src.filter(([, text]) => text.includes(s)).map(([f]) => f);
  expect(grep('{0,63}')).toEqual(['src/core/ids.ts']);
  expect(grep('[A-Za-z0-9_.:-]')).toEqual(['src/core/ids.ts']);
});

it('hashes strings the same way every time, to an unsigned 32-bit integer', () => {
  expect(hash31('')).toBe(0);
  expect(hash31('a')).toBe(97);
  expect(hash31('ab')).toBe(97 * 31 + 98);
  expect(hash31('abc')).toBe(hash31('abc'));
  expect(hash31('AbC')).not.toBe(hash31('abc'));
  const long = hash31('x'.repeat(10_000));
  expect(Number.isInteger(long) && long >= 0 && long < 2 ** 32).toBe(true);
});
