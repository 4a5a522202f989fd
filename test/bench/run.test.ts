// The whole benchmark on a small municipality: every section is measured and printed, each figure with its mark, and the
// marks follow the figures (a request over its call budget is marked ✗, one within it ✓).
import { runBench } from '../../src/bench/run';
import { itemBudget } from '../../src/bench/cache';

jest.setTimeout(120_000);

let lines: string[] = [];
beforeAll(async () => {
  const out: string[] = [];
  await runBench(60, (line = '') => { out.push(...line.split('\n')); }, 1);
  lines = out;
});

const line = (re: RegExp) => lines.find((l) => re.test(l)) ?? `(no line matches ${re})`;

it('measures and prints every section', () => {
  expect(lines[0]).toMatch(/^Kompetent benchmark — 60 employees/);
  for (const heading of [/^Read-model rebuild/, /^Requests against the budgets/, /^Competence status and unit aggregates/, /^Reminder job at go-live \(100 % of staff/,
    /^Reminder job at go-live \(0 % of staff/, /^Weekly leader digest/, /^Courses: a 400-seat session/, /^Monthly rotation/, /^Legacy import \(admin CLI, 60 people/,
    /^FAQ search/, /^Apps Script bundle/]) {
    expect([heading.source, lines.some((l) => heading.test(l))]).toEqual([heading.source, true]);
  }
});

it('marks each request by its own figures against its budget', () => {
  const cases = lines.filter((l) => /^ {2}[✓✗] .* — .*: \d+ call\(s\) \(budget \d+\)/.test(l));
  expect(cases).toHaveLength(9 * 4);
  for (const c of cases) {
    const [, mark, calls, budget, cells] = /^ {2}([✓✗]) .*: (\d+) call\(s\) \(budget (\d+)\) \{.*\}, ([\d,]+) cells/.exec(c) ?? [];
    const ok = Number(calls) <= Number(budget) && Number(cells?.replace(/,/g, '')) <= 20_000 && !c.includes('NO REAL ANSWER');
    expect([c, mark]).toEqual([c, ok ? '✓' : '✗']);
  }
  expect(line(/staff status card \(Gmail home\) — warm/)).toMatch(/^ {2}✓ .*: 1 call\(s\) \(budget 1\) \{"cache\.getAll":1\}, 0 cells$/);
});

it('sends the go-live reminders within the limits and clears the backlog', () => {
  expect(line(/first run, mails: /)).toMatch(/^ {2}✓/);
  expect(line(/backlog of \d+ reminders/)).toMatch(/cleared in 1 day\(s\)/);
  expect(line(/the rotation of one closed month/)).toMatch(/^ {2}✓ .* verified and removed in 1 execution\(s\)/);
  expect(line(/Sheets API: \d+ batchUpdate/)).toMatch(/rejects: 0$/);
});

it('holds the read model to DESIGN.md\'s item budgets', () => {
  expect([itemBudget(15_000), itemBudget(50_000), itemBudget(50_001)]).toEqual([300, 800, 1000]);
  expect(line(/cache items: /)).toMatch(/^ {2}✓ cache items: \d+ \(budget 300 at this size/);
});
