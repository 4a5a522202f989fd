// Bench: the weekly leader digest at scale — where its leaders and people came from (the read model), what it read and
// called, and its modeled time against Google's 6 minutes; before it read Units, Employees and Certifications whole.
import { guarded } from '../app/pipeline/handle';
import type { Handlers } from '../app/pipeline/handler';
import type { localPorts } from '../adapters/memory/memory-services';
import type { WorkbookPort } from '../store/ports';
import type { JobSummary } from '../app/common/job-outbox';
import { ACTIONS } from '../contract/actions';
import { modeledMs, SCRIPT_RUNTIME_MS } from '../core/google-limits';
import { check } from './limits';

export interface DigestBench { summary: JobSummary & { from?: string }; byKind: Record<string, number>; cellsRead: number; cellsByTable: Record<string, number>; ms: number }

/** One run of the digest as its Monday trigger starts it, on the bench's ports (after the rebuild). */
export function benchDigest(ports: ReturnType<typeof localPorts>, workbook: WorkbookPort, handlers: Handlers): DigestBench {
  const cellsByTable: Record<string, number> = {};
  const read = workbook.read.bind(workbook);
  workbook.read = (requests) => {
    const out = read(requests);
    for (const r of out) cellsByTable[r.table] = (cellsByTable[r.table] ?? 0) + r.rows.reduce((n, row) => n + row.cells.length, r.header.length);
    return out;
  };
  ports.meter.reset();
  try {
    guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobLeaderDigest, userEmail: '', fromTrigger: true });
  } finally {
    workbook.read = read;
  }
  const m = ports.meter.snapshot();
  const summary = ports.services.log.entries.filter((e) => e.message === `${ACTIONS.jobLeaderDigest} finished`).pop()?.detail as DigestBench['summary'];
  return { summary, byKind: m.byKind, cellsRead: m.cellsRead, cellsByTable, ms: modeledMs(m.byKind, m.cellsRead, m.cellsWritten) };
}

export function formatDigest(d: DigestBench): string[] {
  const s = d.summary;
  const f = (n: number) => n.toLocaleString('en-US');
  const whole = ['Employees', 'Certifications', 'Enrollments'].filter((t) => (d.cellsByTable[t] ?? 0) > 0);
  return [
    `Weekly leader digest (from the ${s.from ?? '?'}): ${f(s.recipients)} leaders told (${f(s.chat)} Chat, ${f(s.mail)} mail, ${f(s.deferred)} waiting)`,
    `  ${JSON.stringify(d.byKind)}; cells read by table ${JSON.stringify(d.cellsByTable)}`,
    `  ${whole.length === 0 && s.from === 'read model' ? '✓' : '✗'} no table read whole: ${whole.length ? whole.join(', ') : 'none'} (before: Units, Employees, Competences, Requirements and Certifications, ~2.14 M cells at 15,000)`,
    check('cells read per leader told (Settings, the week\'s Notifications)', Math.round(d.cellsRead / Math.max(1, s.recipients)), 200),
    check('modeled time', Math.round(d.ms / 1000), SCRIPT_RUNTIME_MS / 1000, ' s'),
  ];
}
