// Issue #13's fault matrix: every change the product makes × every fault Google and busy people produce, through the real
// Sheets adapter over the Sheets API v4 double (HTTP) and the strict cache. Each cell is compared with the same change run
// untouched: every record (by key) and every effect the outbox job then sends must be the same, and the person must be
// told the truth. The matrix is printed once at the end and written to test-artifacts/fault-matrix.md. The world is in
// fault-matrix/world.ts, the changes in fault-matrix/changes.ts; a change handler no row exercises fails the last test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawMessage, translator, type MessageKey } from '../../src/core/i18n';
import { allHandlers } from '../../src/app/pipeline/router';
import { SIDEBAR_CALLS } from '../../src/contract/sidebar';
import type { HandEdit } from '../support/sheets-double-model';
import { CHANGES, DECOYS, LAST_KEY, withDecoy, type Change } from './fault-matrix/changes';
import { acting, covered, effects, harness, outbox, said, startDouble, state, world, type Result, type World } from './fault-matrix/world';

const t = translator('nb');
beforeAll(startDouble);

/**
 * The messages that say a change is already so (true after a fault: the change was made once). Matched by the longest
 * literal stretch of the template (placeholders and plurals left out).
 */
const ALREADY = ['change.alreadyDone', 'courses.done.already', 'courses.done.alreadyCancelled', 'courses.cert.already',
  'courses.admin.attendance.nothing', 'signoff.already', 'verify.already', 'pending.alreadyRejected', 'pending.alreadyDecided',
  'claim.already', 'publish.already', 'appraisal.actions.unchanged', 'appraisal.step.already', 'courses.done.otherAlready',
  'courses.admin.alreadyCancelled', 'admin.saved.already', 'admin.saved.removed', 'admin.verified.already', 'appraisal.exists', 'faq.feedback.already'];
function literal(template: string): string {
  let s = template;
  while (/\{[^{}]*\}/.test(s)) s = s.replace(/\{[^{}]*\}/g, '\u0000');
  return s.split('\u0000').sort((a, b) => b.length - a.length)[0]!;
}
const ALREADY_TEXTS = ALREADY.map((k) => {
  const text = literal(rawMessage('nb', k as MessageKey));
  if (text.length < 8 || text === k) throw new Error(`No usable text for ${k}`);
  return JSON.stringify(text).slice(1, -1);
});

/** What the person may be told after a fault: what the untouched run said, or that it is already so (true: it is). */
function honest(reply: string, control: string, extra: string[] = []): boolean {
  return reply === control || ALREADY_TEXTS.some((x) => reply.includes(x)) || extra.some((x) => reply.includes(JSON.stringify(x).slice(1, -1)));
}

type CaseRun = (w: World, c: Change) => Promise<string[]>;

const DELETED = 'another record\'s row deleted above, between read and write';

const EDIT = (edit: (c: Change) => HandEdit): CaseRun => async (w, c) => {
  const e = edit(c);
  await harness.double.handEdit(w.sheetOf(c.table), c.table, e);
  const replies = [said(c.act(w))];
  // The edit was made (the double makes it just before the first write to that tab): the tab shows it.
  const raw = (await harness.double.dump(w.sheetOf(c.table), c.table))!.raw.slice(1);
  const blank = (r: unknown[]) => r.every((x) => x === null || x === '');
  const firstKey = String(raw[0]?.[0] ?? '');
  const made = 'insertAbove' in e ? raw.length > 0 && blank(raw[0]!)
    : 'deleteRow' in e ? !raw.some((r) => r.includes(DECOYS[c.table]!.key.split('|')[0]!) && (c.table !== 'SkillAssessments' || r.includes('email')))
      : firstKey === LAST_KEY;
  fired.set(w.id, made);
  return replies;
};

/** Double submits: whether the later arrival was given the first result word for word (else an honest "already so"). */
const firstResult = new Map<string, boolean>();
/** What a case found wrong beyond the records, effects and answers. */
const extra = new Map<string, string[]>();
/** Whether the fault of a run really happened (a cell whose fault never fired proves nothing, and fails). */
const fired = new Map<string, boolean | 'n/a'>();
async function logged(w: World, test: (e: { route: string; status: number; hungUp?: boolean; spreadsheetId?: string }[]) => boolean): Promise<void> {
  fired.set(w.id, test((await harness.double.log()).filter((e) => w.ids.includes(e.spreadsheetId ?? '') && e.route === 'batchUpdate')));
}

/** The cases: each returns the answers the person got, in order (the last is what they are left with). */
const CASES: [string, CaseRun][] = [
  ['500 after applying', async (w, c) => {
    await harness.double.clearLog();
    await harness.double.fail({ route: 'batchUpdate', status: 500, after: true });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.status === 500));
    return r;
  }],
  ['timeout after applying', async (w, c) => {
    await harness.double.clearLog();
    await harness.double.fail({ route: 'batchUpdate', status: 0, hangup: true });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.hungUp === true));
    return r;
  }],
  ['503 before applying', async (w, c) => {
    await harness.double.clearLog();
    await harness.double.fail({ route: 'batchUpdate', status: 503 });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.status === 503));
    return r;
  }],
  ['connection refused (cannot have applied: retried)', async (w, c) => {
    w.refuse = 1;
    const r = [said(c.act(w))];
    fired.set(w.id, w.refused === 1);
    // It cannot have applied, so it is simply sent again (send.ts), never treated as a lost answer to re-check.
    const uncertain = w.ports.services.log.entries.filter((e) => /may or may not have been applied/.test(e.message));
    if (uncertain.length > 0) extra.set(w.id, [`a refused connection was taken for a lost answer: ${uncertain[0]!.message}`]);
    return r;
  }],
  ['429 before applying', async (w, c) => {
    await harness.double.clearLog();
    await harness.double.fail({ route: 'batchUpdate', status: 429 });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.status === 429));
    return r;
  }],
  ['cache write fails after commit', async (w, c) => {
    w.cache.failPuts = 1;
    const a = said(c.act(w));
    fired.set(w.id, w.cache.failPuts === 0);
    return [a, said(c.act(w))];
  }],
  ['evicted between two identical events', async (w, c) => {
    const a = said(c.act(w));
    fired.set(w.id, w.raw.keys().length > 0);
    w.raw.removeAll(w.raw.keys());
    return [a, said(c.act(w))];
  }],
  ['the same event twice', async (w, c) => { fired.set(w.id, true); return [said(c.act(w)), said(c.act(w))]; }],
  ['double submit (same key, second click during the write)', async (w, c) => {
    // The second execution arrives while the first holds the script lock (it is writing): told "busy", nothing written;
    // the person tries again once the first is done and is given the first result (or told it is already so).
    let second: string | undefined;
    w.workbook.beforeWrite = () => { w.workbook.beforeWrite = undefined; second = said(c.act(w)); };
    const first = said(c.act(w));
    fired.set(w.id, second !== undefined);
    const writes = w.workbook.writes;
    const retry = said(c.act(w));
    if (w.workbook.writes !== writes) extra.set(w.id, [`the retry of a committed action wrote ${w.workbook.writes - writes} more time(s)`]);
    firstResult.set(w.id, retry === first);
    return [first, second ?? 'no second click happened', retry];
  }],
  ['double submit (same key, second waits for the lock and runs as the first lets go)', async (w, c) => {
    // Google's tryLock waits (up to 10 s here): the second execution of the same key gets the lock the moment the first
    // releases it — after the first committed and patched the cache, before the first's effects and answer went out.
    const lock = w.ports.lock as { release(): void };
    const release = lock.release.bind(lock);
    let second: string | undefined;
    let wrote = 0;
    const start = w.workbook.writes;
    lock.release = () => {
      release();
      if (second !== undefined || w.workbook.writes === start) return;
      lock.release = release;
      const writes = w.workbook.writes;
      second = said(c.act(w));
      wrote = w.workbook.writes - writes;
    };
    let first: string;
    try { first = said(c.act(w)); } finally { lock.release = release; }
    fired.set(w.id, second !== undefined);
    if (wrote > 0) extra.set(w.id, [`the second arrival of a committed key wrote ${wrote} time(s)`]);
    firstResult.set(w.id, second === first);
    return [first, second ?? 'no second execution happened'];
  }],
  ['row inserted above, between read and write', EDIT(() => ({ insertAbove: 2 }))],
  ['rows sorted Z→A, between read and write', EDIT(() => ({ sortBy: 0, descending: true }))],
  [DELETED, EDIT(() => ({ deleteRow: 2 }))],
  ['two overlapping outbox runs (Chat down at the click)', async (w, c) => {
    const s = w.ports.services;
    // Chat is down during the click, so every Chat effect is left to the outbox job too; then two runs overlap.
    const post = s.chat.createMessage.bind(s.chat);
    s.chat.createMessage = () => { throw new Error('Chat API create failed: HTTP 503 UNAVAILABLE'); };
    let a: string;
    try { a = said(c.act(w)); } finally { Object.assign(s.chat, { createMessage: post }); }
    let nested = false;
    const overlap = () => { if (!nested) { nested = true; outbox(w); } };
    const [mail, chatPost, sync, cancel] = [s.mail.send.bind(s.mail), s.chat.createMessage.bind(s.chat), s.calendar.syncEvent.bind(s.calendar), s.calendar.cancelEvent.bind(s.calendar)];
    s.mail.send = (m) => { overlap(); mail(m); };
    s.chat.createMessage = (...x) => { overlap(); return chatPost(...x); };
    s.calendar.syncEvent = (...x) => { overlap(); sync(...x); };
    s.calendar.cancelEvent = (...x) => { overlap(); cancel(...x); };
    try { outbox(w); } finally { Object.assign(s.mail, { send: mail }); Object.assign(s.chat, { createMessage: chatPost }); Object.assign(s.calendar, { syncEvent: sync, cancelEvent: cancel }); }
    // A change with no mail, Chat or calendar effect leaves the job nothing to send: nothing to overlap.
    fired.set(w.id, nested || 'n/a');
    return [a];
  }],
];

async function run(c: Change, fault?: CaseRun, shards = 0): Promise<Result> {
  const w = await world(withDecoy(c), { shards });
  c.setup?.(w);
  // The set-up's effects are out before the change (they are not what is compared).
  outbox(w);
  let replies: string[];
  if (fault) replies = await fault(w, c);
  else {
    replies = [acting(() => said(c.act(w)))];
  }
  outbox(w);
  outbox(w);
  const res = { records: state(w), effects: effects(w), replies, id: w.id, sleptLocked: w.sleeps.filter((x) => x.locked).map((x) => x.ms) };
  await harness.double.reset();
  return res;
}

const matrix = new Map<string, Map<string, boolean | 'n/a'>>();
/** Per double-submit case: how many changes gave the later arrival the first answer word for word, and which did not. */
const verbatim = new Map<string, { same: number; all: number; already: string[] }>();

function diff(a: Record<string, string>, b: Record<string, string>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => a[k] !== b[k]).map((k) => `${k}\n   untouched: ${a[k] ?? '(none)'}\n   faulted:   ${b[k] ?? '(none)'}`);
}

/** One change's row of a matrix: its untouched run, then each case compared with it. */
function matrixRow(c: Change, cases: [string, CaseRun][], table: Map<string, Map<string, boolean | 'n/a'>>, shards = 0): void {
  let control: Result;
  beforeAll(async () => { control = await run(c, undefined, shards); });

  it('untouched, it makes the change (else every cell below would compare nothing with nothing)', () => {
    expect(Object.values(control.records).some((r) => /"requestKey":"k:fm-(?!s\d)/.test(r))).toBe(true);
  });

  it.each(cases)('%s: nothing lost, doubled or misdirected; an honest answer', async (name, fault) => {
    const row = table.get(c.name) ?? new Map<string, boolean | 'n/a'>();
    table.set(c.name, row);
    row.set(name, false);
    const got = await run(c, fault, shards);
    const problems: string[] = [];
    // The record deleted by hand is gone in that run only (nothing else may differ).
    const gone = name === DELETED ? `${c.table}:${DECOYS[c.table]!.key}` : undefined;
    const expected = Object.fromEntries(Object.entries(control.records).filter(([k]) => k !== gone));
    problems.push(...diff(expected, got.records));
    if (JSON.stringify(got.effects) !== JSON.stringify(control.effects)) {
      problems.push(`effects\n   untouched: ${control.effects.join(' | ')}\n   faulted:   ${got.effects.join(' | ')}`);
    }
    const last = got.replies[got.replies.length - 1];
    if (!honest(last!, control.replies[0]!)) problems.push(`last answer\n   untouched: ${control.replies[0]}\n   faulted:   ${last}`);
    // A click during the write may be told to try again (it was not done then): the truth, too.
    for (const r of got.replies.slice(0, -1)) if (!honest(r, control.replies[0]!, [t('error.busy')])) problems.push(`earlier answer: ${r}`);
    problems.push(...(extra.get(got.id) ?? []));
    if (got.sleptLocked.length > 0) problems.push(`slept ${got.sleptLocked.join(', ')} ms while holding the script lock`);
    const happened = fired.get(got.id);
    if (happened === false || happened === undefined) problems.push('the fault never happened: this cell would prove nothing');
    expect(problems).toEqual([]);
    row.set(name, happened === 'n/a' ? 'n/a' : true);
    if (firstResult.has(got.id)) {
      const tally = verbatim.get(name) ?? { same: 0, all: 0, already: [] };
      tally.all++;
      if (firstResult.get(got.id)) tally.same++; else tally.already.push(c.name);
      verbatim.set(name, tally);
    }
  });
}

describe.each(CHANGES.map((c) => [c.name, c] as const))('%s', (_name, c) => matrixRow(c, CASES, matrix));

/**
 * Person shards (issue 12): the changes that write Certifications or SkillAssessments, with those rows in a shard — two
 * spreadsheets, two writes (the shard first, the records with the Audit rows last). The HTTP faults above hit the first
 * write, the shard's; these two hit the records' write after the shard's has landed.
 */
const RECORDS_AFTER_SHARD: [string, CaseRun][] = [
  ['500 on the records\' write, after applying (the shard\'s landed)', async (w, c) => {
    await harness.double.clearLog();
    await harness.double.fail({ route: 'batchUpdate', status: 500, after: true, spreadsheetId: w.id });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.status === 500 && e.spreadsheetId === w.id) && l.some((e) => e.spreadsheetId !== w.id));
    return r;
  }],
  ['timeout on the records\' write, after applying (the shard\'s landed)', async (w, c) => {
    await harness.double.clearLog();
    await harness.double.fail({ route: 'batchUpdate', status: 0, hangup: true, spreadsheetId: w.id });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.hungUp === true && e.spreadsheetId === w.id) && l.some((e) => e.spreadsheetId !== w.id));
    return r;
  }],
  ['503 on the records\' write, before applying (the shard\'s landed)', async (w, c) => {
    await harness.double.clearLog();
    await harness.double.fail({ route: 'batchUpdate', status: 503, spreadsheetId: w.id });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.status === 503 && e.spreadsheetId === w.id) && l.some((e) => e.spreadsheetId !== w.id));
    return r;
  }],
];
const SHARD_CASE_NAMES = new Set(['500 after applying', 'timeout after applying', '503 before applying', '429 before applying',
  'connection refused (cannot have applied: retried)', 'the same event twice', 'double submit (same key, second waits for the lock and runs as the first lets go)',
  'row inserted above, between read and write', 'rows sorted Z→A, between read and write', DELETED]);
const SHARD_CASES = [...CASES.filter(([name]) => SHARD_CASE_NAMES.has(name)), ...RECORDS_AFTER_SHARD];
const SHARD_CHANGES = new Set(['sign-off', 'register certificate', 'verify: approve', 'skills survey', 'attendance']);
const shardMatrix = new Map<string, Map<string, boolean | 'n/a'>>();
describe.each(CHANGES.filter((c) => SHARD_CHANGES.has(c.name)).map((c) => [c.name, c] as const))('%s, with person shards', (_name, c) => matrixRow(c, SHARD_CASES, shardMatrix, 1));

describe('coverage', () => {
  it('every change handler the router has is in the matrix (a new change cannot be forgotten)', () => {
    // Runs after every change above (jest runs a file's blocks in order): each change's untouched run recorded its handler.
    // The access export is a change only for its one Audit row (no record changes; each export's document holds the audit
    // rows of the exports before it, so two runs never compare equal): its exactly-once is tested in
    // test/app/features/admin/access-export.test.ts.
    const outside = new Set<string>([SIDEBAR_CALLS.accessExport]);
    const changes = Object.entries(allHandlers()).filter(([name, h]) => h.kind === 'change' && !outside.has(name)).map(([name]) => name).sort();
    expect(changes.length).toBeGreaterThan(30);
    expect(changes.filter((name) => !covered.has(name))).toEqual([]);
  });
});

afterAll(async () => {
  await harness.double?.stop();
  const cases = CASES.map(([name]) => name);
  const lines = [
    '# Fault matrix (issue #13)',
    '',
    'Each cell: the change run with the fault, over the Sheets API v4 double (real HTTP, the real Sheets adapter) and the strict',
    'cache, compared with the same change run untouched — every record by key, every effect the outbox job sends, and the',
    'answer the person is left with. ✓ = nothing lost, nothing doubled, nothing written to another record, an honest answer;',
    '✗ = not so; · = nothing to test (the change has no mail, Chat or calendar effect, so two runs had nothing to overlap on).',
    'Each cell also checks that its fault really happened (the double logged the 500/503/hang-up, the hand edit is in the tab,',
    'the cache put failed, the connection was refused, the second click came), and that the Sheets adapter never slept for a',
    'backoff while the script lock was held. The last test fails when the router has a change handler no row exercises.',
    '',
    `| change | ${cases.map((_x, i) => `${i + 1}`).join(' | ')} |`,
    `|---|${cases.map(() => ':-:').join('|')}|`,
    ...CHANGES.map((c) => `| ${c.name} | ${cases.map((x) => { const v = matrix.get(c.name)?.get(x); return v === undefined ? '–' : v === 'n/a' ? '·' : v ? '✓' : '✗'; }).join(' | ')} |`),
    '',
    ...cases.map((x, i) => `${i + 1}. ${x}`),
    '',
    '## With person shards (issue 12)',
    '',
    'The changes that write Certifications or SkillAssessments, those rows in a person shard: two spreadsheets, two writes',
    '(the shard first, the records with the Audit rows last); reads of both in one round. Cases as above by name, and three',
    'faults on the records\' write after the shard\'s has landed.',
    '',
    `| change | ${SHARD_CASES.map((_x, i) => `${i + 1}`).join(' | ')} |`,
    `|---|${SHARD_CASES.map(() => ':-:').join('|')}|`,
    ...[...shardMatrix.keys()].map((name) => `| ${name} | ${SHARD_CASES.map(([x]) => { const v = shardMatrix.get(name)?.get(x); return v === undefined ? '–' : v === 'n/a' ? '·' : v ? '✓' : '✗'; }).join(' | ')} |`),
    '',
    ...SHARD_CASES.map(([x], i) => `${i + 1}. ${x}`),
    '',
    'Double submits: the later arrival of the same key writes nothing and is told the truth. Given the first answer word for',
    'word (the rest say it is already so, e.g. "Du er allerede påmeldt"):',
    ...[...verbatim].map(([name, v]) => `- ${name}: ${v.same} of ${v.all}${v.already.length ? ` (not word for word: ${v.already.join(', ')})` : ''}`),
  ];
  const text = lines.join('\n');
  mkdirSync(join(__dirname, '..', '..', 'test-artifacts'), { recursive: true });
  writeFileSync(join(__dirname, '..', '..', 'test-artifacts', 'fault-matrix.md'), `${text}\n`);
  console.log(text);
});
