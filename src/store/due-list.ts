// The reminder job's compact due-list: who has a re-certification reminder due within a few days, built by the rebuild
// (which reads the records anyway) into the read model's four due-list packs (packs.ts `pq`, with their durable copy in
// the ReadModel tab), so the daily job never reads Certifications or Notifications.
import { certsByCompetence, employeeStatus } from '../core/competence-status';
import { addDays } from '../core/dates';
import { CATCH_UP_DAYS, reminderKey } from '../core/recert-reminders';
import type { Certification, Competence, Employee, Requirement } from '../core/records/tables';
import { DURABLE_TABLE, durableRequest, durableTexts } from './durable';
import { FAMILIES } from './packs';
import type { WorkbookPort } from './ports';
import type { ReadModel } from './read-model';
import type { Snapshot } from './records';
import type { Located } from './table-parse';

/** Days ahead the list covers: a job that runs before the next rebuild still finds what entered a window meanwhile. */
export const DUE_HORIZON_DAYS = 3;
/** Characters of JSON per part (a pack entry; pack n mod 4 holds part n, compressed, in ≤ 16 cache items of 90 KB). */
const PART_CHARS = 250_000;
/** At most this many parts (64 × 250,000 characters: ~160,000 people with something due). */
export const DUE_PARTS_MAX = 64;
export const DUE_HEAD_KEY = 'rem:h';
export const duePartKey = (i: number) => `rem:${i}`;
/** The packs that hold the list: the job loads these in one getAll (and their rows in one bounded read if lost). */
export const DUE_PACKS = Array.from({ length: FAMILIES.pq.count }, (_, i) => `pq:${i}`);

/** One person with something due: what the job needs to decide, send and record, and where their Employees row is. */
export interface DuePerson {
  employeeId: string;
  /** Employees row when the list was built (the job re-reads exactly this row under its batch and checks the key). */
  row: number;
  email: string;
  name: string;
  locale?: Employee['locale'];
  /** Required items with an expiry near or just past: competence id and expiry date. */
  items: [string, string][];
}

export interface DueHead { builtOn: string; parts: number; people: number }

/**
 * The reminder keys a person was already sent, from the Employees column `remindedKeys` ("competence:expiresOn:window"
 * words): the durable record the job re-reads before it sends, so a reminder never goes twice.
 */
export function remindedSet(employeeId: string, remindedKeys: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const word of (remindedKeys ?? '').split(/\s+/).filter(Boolean)) {
    const m = /^(.+):(\d{4}-\d{2}-\d{2}):(\d+)$/.exec(word);
    const [, competenceId, expiresOn, days] = m ?? [];
    if (competenceId !== undefined && expiresOn !== undefined) out.add(reminderKey(employeeId, competenceId, expiresOn, Number(days)));
  }
  return out;
}

/** The column's new value: what was there and what was just sent, without keys whose catch-up time is long over. */
export function withReminded(remindedKeys: string | undefined, sent: readonly { competenceId: string; expiresOn: string; window: number }[], today: string): string {
  const keep = (exp: string) => addDays(exp, CATCH_UP_DAYS + 1) >= today;
  const words = new Set((remindedKeys ?? '').split(/\s+/).filter((w) => { const m = /:(\d{4}-\d{2}-\d{2}):\d+$/.exec(w); return m?.[1] !== undefined && keep(m[1]); }));
  for (const s of sent) if (keep(s.expiresOn)) words.add(`${s.competenceId}:${s.expiresOn}:${s.window}`);
  return [...words].sort().join(' ');
}

/** The reminder window a day with `daysLeft` falls in (the smallest entered; the last one while catching up), if any. */
function windowOn(daysLeft: number, windows: readonly number[]): number | undefined {
  if (windows.length === 0 || daysLeft < -CATCH_UP_DAYS) return undefined;
  const entered = windows.filter((w) => daysLeft <= w);
  if (entered.length === 0) return undefined;
  return daysLeft < 0 ? Math.min(...windows) : Math.min(...entered);
}

/**
 * Everyone active with a required, expiring item whose next reminder is due by today + DUE_HORIZON_DAYS and not yet
 * sent (by their `remindedKeys`). Pending certificates are left out: the person has acted.
 */
export function buildDueList(snap: Pick<Snapshot, 'Employees' | 'Certifications' | 'Competences' | 'Requirements'>, opts: { today: string; windows: number[] }): DuePerson[] {
  const largest = Math.max(0, ...opts.windows);
  const competences = new Map(((snap.Competences?.rows ?? []) as Located<Competence>[]).map((r) => [r.row.competenceId, r.row]));
  const requirements = ((snap.Requirements?.rows ?? []) as Located<Requirement>[]).map((r) => r.row);
  const certs = new Map<string, Certification[]>();
  for (const { row } of (snap.Certifications?.rows ?? []) as Located<Certification>[]) {
    const list = certs.get(row.employeeId);
    if (list) list.push(row);
    else certs.set(row.employeeId, [row]);
  }
  const out: DuePerson[] = [];
  for (const { row: e, rowNumber } of (snap.Employees?.rows ?? []) as Located<Employee>[]) {
    if (e.status !== 'active') continue;
    const status = employeeStatus(e, requirements, competences, certsByCompetence(certs.get(e.employeeId) ?? []), { today: opts.today, expiringWindowDays: largest });
    const sent = remindedSet(e.employeeId, e.remindedKeys);
    const items: [string, string][] = [];
    for (const item of status.items) {
      if (item.level !== 'required' || !item.expiresOn || item.daysLeft === undefined || item.pending) continue;
      if (item.daysLeft < -CATCH_UP_DAYS || item.daysLeft > largest + DUE_HORIZON_DAYS) continue;
      // The reminder due today, or by the horizon, not sent yet (the window a day falls in, as dueReminders picks it).
      const open = [item.daysLeft, item.daysLeft - DUE_HORIZON_DAYS].some((d) => {
        const w = windowOn(d, opts.windows);
        return w !== undefined && !sent.has(reminderKey(e.employeeId, item.competenceId, item.expiresOn!, w));
      });
      if (open) items.push([item.competenceId, item.expiresOn]);
    }
    if (items.length > 0) out.push({ employeeId: e.employeeId, row: rowNumber, email: e.email, name: e.name, ...(e.locale ? { locale: e.locale } : {}), items });
  }
  return out;
}

type Packed = [string, number, string, string, string, string];

function pack(p: DuePerson): Packed {
  return [p.employeeId, p.row, p.email, p.name, p.locale ?? '', p.items.map(([c, d]) => `${c}@${d}`).join(' ')];
}

function unpack(x: Packed): DuePerson {
  const [employeeId, row, email, name, locale, items] = x;
  return {
    employeeId, row, email, name, ...(locale ? { locale: locale as Employee['locale'] } : {}),
    items: items.split(' ').filter(Boolean).map((w) => { const at = w.lastIndexOf('@'); return [w.slice(0, at), w.slice(at + 1)] as [string, string]; }),
  };
}

/** Stages the list as a head and parts of ≤ PART_CHARS characters (`stage` is the rebuild's or the job's ReadModel.stage). */
export function stageDueList(stage: (key: string, value: unknown) => void, people: readonly DuePerson[], builtOn: string): DueHead {
  let part: Packed[] = [];
  const parts: Packed[][] = [part];
  let size = 0;
  for (const p of people) {
    const packed = pack(p);
    const n = JSON.stringify(packed).length + 1;
    if (size + n > PART_CHARS && part.length > 0) { part = []; parts.push(part); size = 0; }
    part.push(packed);
    size += n;
  }
  if (parts.length > DUE_PARTS_MAX) throw new Error(`Due-list needs ${parts.length} parts (max ${DUE_PARTS_MAX})`);
  parts.forEach((part, i) => stage(duePartKey(i), part));
  const head: DueHead = { builtOn, parts: parts.length, people: people.length };
  stage(DUE_HEAD_KEY, head);
  return head;
}

/** The job's own list (the rebuild's was lost or is from another day): the due-list packs replaced, cache only. */
export function stageOwnDueList(rm: ReadModel, people: readonly DuePerson[], today: string): DueHead {
  for (const p of DUE_PACKS) rm.putPack(p, { e: {}, g: `job-${today}` });
  return stageDueList((key, value) => { rm.stage(key, value); }, people, today);
}

export type DueSource = 'cache' | 'durable';

/**
 * The list in one getAll of the four due-list packs; packs the cache lost come from their durable copy (one bounded read
 * of four rows of the ReadModel tab) and are put back. Undefined when it is not whole, mixes two builds, or was built on
 * another day (a certificate registered since would be reminded of): the job then builds it from the records.
 */
export function loadDueList(rm: ReadModel, workbook: WorkbookPort, today: string): { head: DueHead; people: DuePerson[]; source: DueSource } | undefined {
  rm.loadPacks(DUE_PACKS);
  const lost = DUE_PACKS.filter((p) => !rm.has(p));
  let source: DueSource = 'cache';
  if (lost.length > 0) {
    source = 'durable';
    const [result] = workbook.read([durableRequest(lost)!]);
    const texts = durableTexts(result?.table === DURABLE_TABLE ? result : undefined);
    for (const p of lost) {
      const text = texts.get(p)?.text;
      const value = text === undefined ? undefined : rm.decodeText(text);
      if (!value) return undefined;
      rm.putPack(p, value);
    }
  }
  const generations = new Set(DUE_PACKS.map((p) => rm.pack(p)?.g));
  if (generations.size !== 1) return undefined;
  const head = rm.presence<DueHead>(DUE_HEAD_KEY);
  // Built today: a list from an earlier day would remind people of items they have renewed since.
  if (head.state !== 'present' || head.value.builtOn !== today) return undefined;
  const people: DuePerson[] = [];
  for (let i = 0; i < head.value.parts; i++) {
    const part = rm.presence<Packed[]>(duePartKey(i));
    if (part.state !== 'present') return undefined;
    for (const x of part.value) people.push(unpack(x));
  }
  return { head: head.value, people, source };
}
