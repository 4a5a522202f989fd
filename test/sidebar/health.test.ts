// The data-health tab: loads the report from the server and lists where each problem is, with the cell text as text.
import { setStrings } from '../../src/sidebar/api';
import { healthView, loadHealth } from '../../src/sidebar/health';
import { initialState } from '../../src/sidebar/state';
import { findAll, textOf } from '../../src/sidebar/vdom';
import { fakeUi, scriptedRun } from './fake-run';

const STRINGS = { 'admin.loading': 'Laster …', 'health.ok': 'Alt i orden.', 'health.summary': '{count} rader må rettes.', 'health.where': '{table}, rad {row}, felt {field}',
  'month.names': 'januar,februar,mars,april,mai,juni,juli,august,september,oktober,november,desember', 'date.long': '{d}. {month} {y}' };
beforeAll(() => setStrings(STRINGS));
afterAll(() => setStrings({}));

it('says it is loading until the report is there', () => {
  expect(textOf(healthView(initialState()))).toBe('Laster …');
});

it('lists each issue with where it is, the problem and the offending text (as text, never markup)', () => {
  const s = initialState();
  s.health = { checkedAt: '2026-12-03', total: 2, issues: [
    { table: 'Employees', row: 7, field: 'startDate', problem: 'ugyldig dato', value: '<img src=x onerror=alert(1)>' },
    { table: 'Units', problem: 'mangler verdi' },
  ] };
  const v = healthView(s);
  expect(textOf(findAll(v, (n) => n.tag === 'p')[0]!)).toBe('2 rader må rettes.');
  expect(textOf(findAll(v, (n) => n.tag === 'p')[1]!)).toBe('3. desember 2026');
  const items = findAll(v, (n) => n.props.class === 'item');
  expect(items.map(textOf)).toEqual(['Employees, rad 7, felt startDate ugyldig dato <img src=x onerror=alert(1)>', 'Units, rad –, felt – mangler verdi']);
  expect(findAll(items[0]!, (n) => n.tag === 'code')[0]!.children).toEqual(['<img src=x onerror=alert(1)>']);
  expect(findAll(items[1]!, (n) => n.tag === 'code')).toEqual([]);
  s.health = { checkedAt: '2026-12-03', total: 0, issues: [] };
  expect(textOf(healthView(s))).toBe('Alt i orden. 3. desember 2026');
});

it('loads the report through admin.healthReport and renders it; a refusal leaves the tab as it was, with the message', async () => {
  const calls = scriptedRun((name) => (name === 'admin.healthReport'
    ? { ok: JSON.stringify({ kind: 'data', data: { checkedAt: '2026-12-03', total: 0, issues: [] } }) } : { fail: 'no' }));
  const ui = fakeUi(initialState());
  await loadHealth(ui as never);
  expect(calls.map((c) => c.name)).toEqual(['admin.healthReport']);
  expect(ui.state.health).toEqual({ checkedAt: '2026-12-03', total: 0, issues: [] });
  expect(ui.renders).toBe(3); // busy, done, and the report drawn
  scriptedRun(() => ({ ok: JSON.stringify({ kind: 'notify', text: 'Du har ikke tilgang til dette.' }) }));
  const refused = fakeUi(initialState());
  await loadHealth(refused as never);
  expect(refused.state.health).toBeUndefined();
  expect(refused.state.status).toEqual({ text: 'Du har ikke tilgang til dette.', error: true });
});
