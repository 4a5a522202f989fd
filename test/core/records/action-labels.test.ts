// The Endringslogg's «Handling» in words: every action the code commits has Norwegian words, the Audit codec writes them
// and reads the words or the old code name back, and the jobs menu names each job in words (issue 15 §3).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIONS } from '../../../src/contract/actions';
import { AUDIT_ACTION_LABELS, actionLabel, tableWord } from '../../../src/core/records/action-labels';
import { TABLES } from '../../../src/core/records/tables';
import { labelledHeader } from '../../../src/core/records/labels';
import { JOBS } from '../../../src/app/pipeline/entry-points';
import { encodeRow, parseTable } from '../../../src/store/table-parse';

const SRC = join(__dirname, '../../../src');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
});

/** The string literals a commit call passes as its action: `commit(changes, 'signUp', …)`, `apply(…, 'claimQuestion')`, `{ action: 'import' }`. */
function committedActions(): Set<string> {
  const out = new Set<string>();
  for (const f of ['app', 'cli', 'store'].flatMap((d) => files(join(SRC, d)))) {
    const s = readFileSync(f, 'utf8');
    for (const m of s.matchAll(/\b(?:commit|apply|save)\(/g)) {
      let i = m.index + m[0].length;
      let depth = 1;
      const commas: number[] = [];
      for (; depth > 0 && i < s.length; i++) {
        const c = s[i]!;
        if ('([{'.includes(c)) depth++;
        else if (')]}'.includes(c)) depth--;
        else if (c === ',' && depth === 1) commas.push(i);
      }
      // commit: the 2nd argument; apply (forum) and save (catalogue): the 4th.
      const at = m[0].startsWith('commit') ? 1 : 3;
      const from = commas[at - 1];
      if (from === undefined) continue;
      const to = commas[at] ?? i - 1;
      const arg = s.slice(from + 1, to);
      // An audit context object ({ actorEmail, action, at }) is read below; a literal compared with === is a condition.
      if (!arg.includes('actorEmail')) for (const lit of arg.matchAll(/(?<!=== )'([A-Za-z][A-Za-z.]*)'/g)) out.add(lit[1]!);
    }
    for (const lit of s.matchAll(/\bactorEmail: [^{}]*?\baction: '([A-Za-z][A-Za-z.]*)'/g)) out.add(lit[1]!);
  }
  return out;
}

describe('action names in words', () => {
  it('every action a commit names, every job and every appraisal step has Norwegian words', () => {
    const names = committedActions();
    expect(names.size).toBeGreaterThan(30);
    expect([...names].filter((n) => !(n in AUDIT_ACTION_LABELS))).toEqual([]);
    const jobsAndSteps = Object.values(ACTIONS).filter((a) => a.startsWith('job.') || /^appraisal\.(create|recordActions|markHeld|scheduleNext|signOff|archive)$/.test(a));
    expect(jobsAndSteps.filter((a) => !(a in AUDIT_ACTION_LABELS))).toEqual([]);
  });

  it('the words are unique and never another action\'s name, so the log reads back unambiguously', () => {
    const words = Object.values(AUDIT_ACTION_LABELS).map((w) => w.toLowerCase());
    expect(new Set(words).size).toBe(words.length);
    const keys = new Set(Object.keys(AUDIT_ACTION_LABELS).map((k) => k.toLowerCase()));
    expect(words.filter((w) => keys.has(w))).toEqual([]);
    expect(words.filter((w) => /^[=+\-@]/.test(w))).toEqual([]);
  });

  it('has English and Swedish words for every action too (the access export in the requester\'s language), unique in each language', () => {
    for (const lang of ['en', 'sv'] as const) {
      const words = Object.keys(AUDIT_ACTION_LABELS).map((a) => actionLabel(a, false, lang));
      expect(Object.keys(AUDIT_ACTION_LABELS).filter((a) => actionLabel(a, false, lang) === a)).toEqual([]);
      expect(new Set(words).size).toBe(words.length);
    }
    expect(actionLabel('signUp', true, 'en')).toBe('Sign-up');
    expect(actionLabel('signUp', false, 'sv')).toBe('anmälan');
    expect(actionLabel('someNewAction', false, 'sv')).toBe('someNewAction');
    expect([tableWord('Enrollments', 'nb'), tableWord('Enrollments', 'en'), tableWord('Enrollments', 'sv'), tableWord('ReadModel', 'en')])
      .toEqual(['Påmeldinger', 'Sign-ups', 'Anmälningar', 'ReadModel']);
  });

  it('the jobs menu names every job in words, never "Planlagt jobb" or a function name', () => {
    for (const spec of Object.values(JOBS)) {
      const label = actionLabel(spec.action, true);
      expect(label).not.toBe(spec.action);
      expect(label).toMatch(/^[A-ZÆØÅ][a-zæøå]/);
    }
  });
});

describe('the Audit codec', () => {
  const row = { at: '2026-11-23T08:00:00Z', actorEmail: 'kari@kommune.no', action: 'signUp', table: 'Enrollments', key: 'enr-1' } as const;
  const read = (action: string) => {
    const enc = { ...encodeRow('Audit', row), action };
    const cells = Object.keys(TABLES.Audit.fields).map((f) => (enc as Record<string, string>)[f] ?? '');
    return parseTable('Audit', { table: 'Audit', exists: true, header: labelledHeader('Audit'), rows: [{ rowNumber: 2, cells }], lastRow: 2 }).rows[0]!.row;
  };

  it('writes the words and reads them, the old code name and a hand-typed variant back to the same action', () => {
    expect(encodeRow('Audit', row).action).toBe('påmelding');
    expect(read('påmelding').action).toBe('signUp');
    expect(read('signUp').action).toBe('signUp'); // a log written before the words
    expect(read('  Påmelding ').action).toBe('signUp');
    expect(read('status.verify').action).toBe('status.verify'); // a name without words is kept as it is
    expect(encodeRow('Audit', { ...row, action: 'verifyCertification' }).action).toBe('sertifisering godkjent');
  });
});
