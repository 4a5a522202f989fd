// Bench figures for issue 12 (`npm run bench`): the read model against CacheService's real limits — items, bytes, the
// largest value — and calls and cells per request when the cache is warm, when the asker's pack is lost, when half the
// cache and when all of it is lost; each against its budget with ✓ or ✗.
import { handleRequest } from '../app/pipeline/handle';
import type { Handlers } from '../app/pipeline/handler';
import type { Ports } from '../app/ports';
import type { Request } from '../contract/request';
import { chunkKeys, packOf } from '../store/packs';
import { CACHE_LIMITS, type MemoryCache } from '../store/strict-cache';
import { ACTIONS } from '../contract/actions';
import { DEMO_PERSONAS } from '../demo';

/** DESIGN.md budgets: the read model's items at 15,000 and 50,000 employees; calls and cells per request. */
export function itemBudget(employees: number): number {
  return employees <= 15_000 ? 300 : employees <= 50_000 ? 800 : CACHE_LIMITS.maxItems;
}

export interface CaseFigures { name: string; state: string; calls: number; cells: number; byKind: Record<string, number>; answered: boolean; budgetCalls: number }

function request(host: Request['host'], userEmail: string, action: string, params: Record<string, string> = {}, payload?: unknown): Request {
  return { host, userEmail, locale: 'nb', action, params, form: {}, ...(payload ? { payload } : {}) };
}

/** The requests measured: every kind of user, read-only. */
export function benchRequests(leaderUnitId: string): { name: string; req: Request; warmCalls: number }[] {
  const p = DEMO_PERSONAS;
  return [
    { name: 'staff status card (Gmail home)', req: request('gmail', p.staff, ACTIONS.home), warmCalls: 1 },
    { name: 'staff: my courses (Chat)', req: request('chat', p.staff, ACTIONS.myCourses), warmCalls: 1 },
    { name: 'leader overview (Chat)', req: request('chat', p.leader, ACTIONS.unitOverview), warmCalls: 2 },
    { name: 'leader drill-down to a unit', req: request('chat', p.leader, ACTIONS.unitOverview, { unitId: leaderUnitId }), warmCalls: 2 },
    { name: 'leader drill-down to a person', req: request('chat', p.leader, ACTIONS.unitPerson, { email: p.staff }), warmCalls: 2 },
    { name: 'leader: appraisal overview', req: request('chat', p.leader, ACTIONS.appraisalOverview), warmCalls: 2 },
    { name: 'guide: forum statistics', req: request('chat', p.guide, ACTIONS.guideStats), warmCalls: 1 },
    { name: 'FAQ search (unknown user)', req: request('chat', p.unknown, ACTIONS.faqSearch, { q: 'kalender' }), warmCalls: 1 },
    { name: 'admin dashboard (sidebar)', req: request('sidebar', p.admin, 'admin.dashboard', {}, {}), warmCalls: 1 },
  ];
}

function answered(reply: unknown): boolean {
  const text = JSON.stringify(reply);
  return !/gjør klar oversikten din|error\.|Noe gikk galt|ikke tilgjengelig/.test(text);
}

/** Runs every request in every cache state; the cache is put back between cases. */
export function benchCacheCases(ports: Ports & { services: { rawCache: unknown } }, handlers: Handlers, leaderUnitId: string): CaseFigures[] {
  const raw = ports.services.rawCache as MemoryCache;
  const base = raw.snapshot();
  const out: CaseFigures[] = [];
  const states: { state: string; budget: (warm: number) => number; prepare: (req: Request) => void }[] = [
    { state: 'warm', budget: (w) => w, prepare: () => {} },
    { state: "asker's pack lost", budget: () => 3, prepare: (req) => raw.removeAll(chunkKeys(packOf(`p:${req.userEmail}`))) },
    { state: 'half the cache lost', budget: () => 3, prepare: () => raw.evictRandom(0.5) },
    { state: 'whole cache lost', budget: () => 3, prepare: () => raw.clear() },
  ];
  for (const { name, req, warmCalls } of benchRequests(leaderUnitId)) {
    for (const s of states) {
      raw.restore(base);
      s.prepare(req);
      ports.meter.reset();
      const reply = handleRequest(ports, handlers, req);
      const m = ports.meter.snapshot();
      out.push({ name, state: s.state, calls: m.calls, cells: m.cellsRead + m.cellsWritten, byKind: m.byKind, answered: answered(reply), budgetCalls: s.budget(warmCalls) });
    }
  }
  raw.restore(base);
  return out;
}

export const mark = (ok: boolean) => (ok ? '✓' : '✗');

export function formatCacheCases(cases: CaseFigures[]): string[] {
  const f = (n: number) => n.toLocaleString('en-US');
  const lines = ['\nRequests against the budgets (calls ≤ budget, cells ≤ 20,000, a real card — never "being prepared" after a rebuild)'];
  for (const c of cases) {
    const ok = c.calls <= c.budgetCalls && c.cells <= 20_000 && c.answered;
    lines.push(`  ${mark(ok)} ${c.name} — ${c.state}: ${c.calls} call(s) (budget ${c.budgetCalls}) ${JSON.stringify(c.byKind)}, ${f(c.cells)} cells${c.answered ? '' : ', NO REAL ANSWER'}`);
  }
  return lines;
}
