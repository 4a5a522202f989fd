// Where a person table's row lives: row numbers by area, and an employee's shard (stable, spread evenly).
import { SHARD_SPAN, areaKey, areaOfRow, areasOf, insertArea, sheetRow, shardOfEmployee, storeRow } from '../../src/store/shards';

describe('shards', () => {
  it('numbers rows by area and back', () => {
    expect(storeRow(0, 17)).toBe(17);
    expect(storeRow(3, 17)).toBe(3 * SHARD_SPAN + 17);
    expect(areaOfRow(storeRow(3, 17))).toBe(3);
    expect(sheetRow(storeRow(3, 17))).toBe(17);
    expect(areaOfRow(SHARD_SPAN - 1)).toBe(0);
  });

  it('puts an employee in one shard for good, and spreads 15,000 evenly over four', () => {
    expect(shardOfEmployee('e-123', 4)).toBe(shardOfEmployee(' e-123 ', 4));
    expect(shardOfEmployee('e-123', 0)).toBe(0);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 15_000; i++) counts[shardOfEmployee(`e${String(i).padStart(5, '0')}`, 4)]!++;
    expect(counts[0]).toBe(0);
    for (const n of counts.slice(1)) expect(Math.abs(n - 3_750)).toBeLessThan(400);
  });

  it('shards only the person tables, and only when there are shards', () => {
    expect(areasOf('Certifications', { count: 2 })).toEqual([0, 1, 2]);
    expect(areasOf('Enrollments', { count: 2 })).toEqual([0]);
    expect(areasOf('Certifications', undefined)).toEqual([0]);
    expect(insertArea('Enrollments', 'e1', { count: 2 })).toBe(0);
    expect(insertArea('SkillAssessments', 'e1', { count: 2 })).toBe(shardOfEmployee('e1', 2));
    expect(areaKey('Certifications', 0)).toBe('Certifications');
    expect(areaKey('Certifications', 2)).toBe('Certifications@2');
  });
});
