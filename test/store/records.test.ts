// The table layer: header mapping, data health instead of crashes, batched reads and safe batched writes.
import { headerOf } from '../../src/core/records/tables';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { Records, insert, update } from '../../src/store/records';

const AUDIT = { actorEmail: 'hr@kommune.example', action: 'test', at: '2026-11-22T10:00:00Z' };

function roles(wb: MemoryWorkbook) {
  wb.seed('Roles', ['name', 'roleId', 'extra note'], [
    ['Sykepleier', 'nurse', 'typed by HR'],
    ['Lærer', 'teacher', ''],
    [null, null, null],
    ['Assistent', '', 'no id'],
    ['Dobbel', 'nurse', ''],
  ]);
  wb.seed('Audit', headerOf('Audit'), []);
}

describe('Records.read', () => {
  it('maps columns by header name, skips empty rows and reports bad rows with table, row and field', () => {
    const wb = new MemoryWorkbook();
    roles(wb);
    const snap = new Records(wb).read(['Roles']);
    const t = snap.Roles!;
    expect(t.rows.map((r) => [r.row.roleId, r.row.name, r.rowNumber])).toEqual([['nurse', 'Sykepleier', 2], ['teacher', 'Lærer', 3]]);
    expect(t.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ table: 'Roles', rowNumber: 5, field: 'roleId', reason: 'required' }),
      expect.objectContaining({ table: 'Roles', rowNumber: 6, reason: 'duplicate_key' }),
      expect.objectContaining({ table: 'Roles', rowNumber: 1, field: 'description', reason: 'missing_column' }),
    ]));
    expect(wb.meter.calls).toBe(1);
  });

  it('reports a missing table and a missing required column without throwing', () => {
    const wb = new MemoryWorkbook();
    wb.seed('Units', ['unitId', 'name'], [['u1', 'Rådhuset']]);
    const snap = new Records(wb).read(['Units', 'Courses']);
    expect(snap.Courses!.usable).toBe(false);
    expect(snap.Courses!.issues[0]!.reason).toBe('missing_table');
    expect(snap.Units!.usable).toBe(false);
    expect(snap.Units!.issues.map((i) => i.field)).toContain('area');
    expect(wb.meter.calls).toBe(1);
  });

  it('reports a formula typed into a cell', () => {
    const wb = new MemoryWorkbook();
    wb.seed('Roles', headerOf('Roles'), [['r1', { formula: '=A1' }, '']]);
    const t = new Records(wb).read(['Roles']).Roles!;
    expect(t.rows).toEqual([]);
    expect(t.issues[0]).toMatchObject({ rowNumber: 2, field: 'name', reason: 'formula', value: '=A1' });
  });
});

describe('Records.commit', () => {
  it('updates only changed cells, appends in header order, writes audit rows, in one read and one write', () => {
    const wb = new MemoryWorkbook();
    roles(wb);
    const records = new Records(wb);
    const before = records.read(['Roles']).Roles!.rows[0];
    wb.meter.reset();
    const res = records.commit([
      update('Roles', before!.rowNumber, before!.row, { ...before!.row, name: '=HYPERLINK("x")' }),
      insert('Roles', { roleId: 'cook', name: 'Kokk', description: undefined }),
    ], AUDIT);
    expect(res.ok).toBe(true);
    expect(wb.meter.byKind).toEqual({ 'workbook.read': 1, 'workbook.write': 1 });
    const dump = wb.dump('Roles')!;
    expect(dump.rows[0]).toEqual(['=HYPERLINK("x")', 'nurse', 'typed by HR']);
    expect(dump.rows[dump.rows.length - 1]).toEqual(['Kokk', 'cook', '']);
    const audit = wb.dump('Audit')!.rows;
    expect(audit).toHaveLength(2);
    expect(audit[0]![headerOf('Audit').indexOf('before')]).toBe('{"name":"Sykepleier"}');
  });

  it('with expectAuditEnd (views read before the lock) writes nothing and says stale once a commit has landed since', () => {
    const wb = new MemoryWorkbook();
    roles(wb);
    const early = new Records(wb);
    early.expectAuditEnd = 1;
    // Someone else commits first: the Audit tab grows.
    new Records(wb).commit([insert('Roles', { roleId: 'cook', name: 'Kokk', description: undefined })], AUDIT);
    wb.meter.reset();
    expect(early.commit([insert('Roles', { roleId: 'chef', name: 'Sjef', description: undefined })], AUDIT)).toEqual({ ok: false, reason: 'stale' });
    expect(wb.meter.byKind).toEqual({ 'workbook.read': 1 });
    expect(wb.dump('Roles')!.rows.map((r) => r[1])).not.toContain('chef');
    // Where the Audit tab ends now: the commit goes through.
    early.expectAuditEnd = 2;
    expect(early.commit([insert('Roles', { roleId: 'chef', name: 'Sjef', description: undefined })], AUDIT)).toMatchObject({ ok: true });
  });

  it('finds a row that moved by key instead of overwriting whatever is at the stale index', () => {
    const wb = new MemoryWorkbook();
    roles(wb);
    const records = new Records(wb);
    const teacher = records.read(['Roles']).Roles!.rows[1];
    // Someone sorts the sheet by hand: the teacher row is now row 2.
    const d = wb.dump('Roles')!;
    wb.seed('Roles', d.header, [d.rows[1]!, d.rows[0]!, ...d.rows.slice(2)]);
    const res = records.commit([update('Roles', teacher!.rowNumber, teacher!.row, { ...teacher!.row, name: 'Lektor' })], AUDIT);
    expect(res.ok).toBe(true);
    const after = wb.dump('Roles')!.rows;
    expect(after[0]).toEqual(['Lektor', 'teacher', '']);
    expect(after[1]).toEqual(['Sykepleier', 'nurse', 'typed by HR']);
  });

  it('refuses a change whose basis was edited meanwhile, and writes nothing', () => {
    const wb = new MemoryWorkbook();
    roles(wb);
    const records = new Records(wb);
    const nurse = records.read(['Roles']).Roles!.rows[0];
    wb.handEdit('Roles', 2, 0, 'Spesialsykepleier');
    const res = records.commit([update('Roles', nurse!.rowNumber, nurse!.row, { ...nurse!.row, name: 'Sykepleier 2' })], AUDIT);
    expect(res).toMatchObject({ ok: false, reason: 'conflict', field: 'name' });
    expect(wb.dump('Roles')!.rows[0]![0]).toBe('Spesialsykepleier');
    expect(wb.dump('Audit')!.rows).toHaveLength(0);
  });

  it('reports a row deleted meanwhile as not found', () => {
    const wb = new MemoryWorkbook();
    roles(wb);
    const records = new Records(wb);
    const teacher = records.read(['Roles']).Roles!.rows[1];
    wb.handEdit('Roles', 3, 1, 'retired');
    const res = records.commit([update('Roles', teacher!.rowNumber, teacher!.row, { ...teacher!.row, name: 'X' })], AUDIT);
    expect(res).toMatchObject({ ok: false, reason: 'not_found', key: 'teacher' });
  });
});
