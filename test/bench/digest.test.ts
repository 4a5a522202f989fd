// The bench's digest figures: one run from the read model after the rebuild, what it read, each line with its mark.
import { benchDigest, formatDigest } from '../../src/bench/digest';
import { handlers, warm } from '../app/features/status/support';
import type { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';

it('runs the leader digest from the read model and prints its figures against their limits', () => {
  const ports = warm();
  const d = benchDigest(ports, ports.workbook as MemoryWorkbook, handlers);
  expect(d.summary).toMatchObject({ from: 'read model', recipients: 1 });
  expect(Object.keys(d.cellsByTable).sort()).toEqual(['Audit', 'Notifications', 'Settings']);
  const lines = formatDigest(d);
  expect(lines[0]).toContain('from the read model');
  expect(lines.slice(2).every((l) => l.trimStart().startsWith('✓'))).toBe(true);
});
