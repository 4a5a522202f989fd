// The import benchmark: a generated legacy list of realistic shape imports cleanly, in batches the API accepts.
import { benchImport, legacyList } from '../../src/bench/import';
import { WRITE_CHUNK_ROWS } from '../../src/cli/remote';

it('imports every generated person without a reject and reports a rate', async () => {
  const r = await benchImport(1500);
  expect(r.rejects).toBe(0);
  expect(r.people).toBe(1500);
  expect(r.rowsPerSecond).toBeGreaterThan(0);
  // 1500 employees + their certifications, each with an audit row, in chunks of WRITE_CHUNK_ROWS rows.
  const rows = r.fileRows - 3 - 3 - 1; // title rows, header, blank separators (every 500 people), totals row
  expect(r.batchUpdates).toBe(Math.ceil((2 * (1500 + rows)) / WRITE_CHUNK_ROWS));
});

it('generates messy legacy text (mixed date forms, comma names, æøå)', () => {
  const { text } = legacyList(50);
  expect(text).toMatch(/;\d{2}\.\d{2}\.\d{4};/);
  expect(text).toMatch(/;\d{4}-\d{2}-\d{2};/);
  expect(text).toMatch(/;\d{1,2}\/\d{1,2}\/\d{2};/);
  expect(text).toMatch(/;[A-ZÆØÅ][a-zæøå]+, [A-ZÆØÅ]/);
});
