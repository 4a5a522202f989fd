// After a read-model rebuild: its time goes into Settings (`readModelBuiltAt`), where `kompetent doctor` and people
// looking at the spreadsheet can see how fresh the cached views are.
import type { Setting } from '../../core/records/tables';
import { AUDIT_END_VIEW, insert, update } from '../../store/records';
import type { Located } from '../../store/table-parse';
import type { JobEnv } from '../pipeline/handler';

export const REBUILT_AT_KEY = 'readModelBuiltAt';

/** Only from a job (the rebuild's runs): its read and its commit under one hold of the script lock. */
export function stampRebuild(env: JobEnv, builtAt: string): void {
  const res = env.locked(() => {
    const snap = env.read(['Settings', 'Audit'], { Audit: [] });
    const rows = (snap.Settings?.rows ?? []) as unknown as Located<Setting>[];
    const row = rows.find((r) => r.row.key === REBUILT_AT_KEY);
    const after: Setting = { key: REBUILT_AT_KEY, value: builtAt };
    const change = row ? update('Settings', row.rowNumber, row.row, after) : insert('Settings', after);
    return env.commit([change], { action: 'readModelRebuilt', at: builtAt, prefetched: snap });
  });
  // A busy lock or a hand-made Settings tab only costs the stamp; the rebuild itself stands.
  if (!res.ok) env.ports.log.error('readModelBuiltAt could not be recorded', res);
  // The stamp's Audit row moved where the Audit tab ends: so the cache's mark says (a change prepared before the lock
  // compares it with the records, src/app/pipeline/handle.ts).
  else if (res.auditEnd !== undefined) env.rm.stage(AUDIT_END_VIEW, res.auditEnd);
}
