// The console's shared view pieces: the accessible bar chart (the bar is decoration, the figure is text), fields and the
// "figures as of" line in the browser's time zone.
import { setStrings } from '../../src/sidebar/api';
import { findAll, textOf, type VNode } from '../../src/sidebar/vdom';
import { asOf, barChart, button, field, input, pctLabel, section, select } from '../../src/sidebar/widgets';

// Set before the chart below is built (at collection time).
setStrings({ 'admin.dash.noReq': 'Ingen krav', 'admin.dash.pct': '{pct} %', 'admin.dash.asOf': 'Tall per {date} kl. {time}' });
afterAll(() => setStrings({}));

describe('barChart', () => {
  const onClick = () => undefined;
  const chart = barChart('Etterlevelse per område', [
    { key: 'helse', label: 'Helse', pct: 95, sub: '10 ansatte', onClick },
    { key: 'skole', label: 'Skole', pct: 70, sub: '5 ansatte' },
    { key: 'kultur', label: 'Kultur', pct: 69.5, sub: '' },
    { key: 'tom', label: 'Tom', pct: null, sub: '0 ansatte' },
    { key: 'over', label: 'Over', pct: 130, sub: '' },
    { key: 'under', label: 'Under', pct: -5, sub: '' },
  ]);
  const rows = findAll(chart, (n) => n.props.class === 'chart-row');

  it('is a labelled list; a row with an action is a button, the others plain', () => {
    expect(chart.props['aria-label']).toBe('Etterlevelse per område');
    expect(rows.map((r) => r.props['data-key'])).toEqual(['helse', 'skole', 'kultur', 'tom', 'over', 'under']);
    const first = findAll(rows[0]!, (n) => n.props.class === 'bar-row')[0]!;
    expect([first.tag, first.props.type, first.props.onClick]).toEqual(['button', 'button', onClick]);
    const second = findAll(rows[1]!, (n) => n.props.class === 'bar-row')[0]!;
    expect([second.tag, second.props.type, second.props.onClick]).toEqual(['div', undefined, undefined]);
  });

  it('says the figure in words, colours by level (90 / 70), hides the bar from screen readers and clamps its width', () => {
    expect(rows.map((r) => textOf(r))).toEqual(['Helse 95 % 10 ansatte', 'Skole 70 % 5 ansatte', 'Kultur 69,5 %', 'Tom Ingen krav 0 ansatte', 'Over 130 %', 'Under −5 %']); // nb-NO writes a minus sign (U+2212)
    const bars = findAll(chart, (n) => String(n.props.class).startsWith('bar bar-'));
    expect(bars.map((b) => b.props.class)).toEqual(['bar bar-good', 'bar bar-warn', 'bar bar-bad', 'bar bar-none', 'bar bar-good', 'bar bar-bad']);
    expect(bars.every((b) => b.props['aria-hidden'] === 'true')).toBe(true);
    expect(findAll(chart, (n) => n.props.class === 'bar-fill').map((f) => (f.props.style as Record<string, string>).width)).toEqual(['95%', '70%', '69.5%', '0%', '100%', '0%']);
    expect(pctLabel(null)).toBe('Ingen krav');
    const edge = (pct: number) => findAll(barChart('x', [{ key: 'k', label: 'L', pct, sub: '' }]), (n) => String(n.props.class).startsWith('bar bar-'))[0]!.props.class;
    expect([edge(90), edge(89.9), edge(70), edge(0)]).toEqual(['bar bar-good', 'bar bar-warn', 'bar bar-warn', 'bar bar-bad']);
  });
});

describe('form pieces', () => {
  it('labels a control with an optional hint, and builds inputs, selects and buttons', () => {
    const f = field('E-post', input('email', 'k@k.no', { type: 'email', required: true }), 'Jobbadressen');
    expect(f).toEqual({ tag: 'label', props: { class: 'field' }, children: [
      { tag: 'span', props: { class: 'field-label' }, children: ['E-post'] },
      { tag: 'input', props: { name: 'email', value: 'k@k.no', type: 'email', required: true }, children: [] },
      { tag: 'span', props: { class: 'hint' }, children: ['Jobbadressen'] },
    ] });
    expect(field('X', input('x', '')).children).toHaveLength(2);
    const s = select('level', 'recommended', [{ value: 'required', label: 'Påkrevd' }, { value: 'recommended', label: 'Anbefalt' }], { id: 'l' });
    expect(s.props).toEqual({ name: 'level', id: 'l' });
    expect((s.children as VNode[]).map((o) => [o.props.value, o.props.selected])).toEqual([['required', false], ['recommended', true]]);
    const onClick = () => undefined;
    expect(button('Lagre', onClick, { class: 'primary' })).toEqual({ tag: 'button', props: { type: 'button', onClick, class: 'primary' }, children: ['Lagre'] });
    expect(textOf(section('Tittel', 'a', null, 'b'))).toBe('Tittel a b');
  });
});

describe('asOf', () => {
  it('gives the local date and time of the figures, and nothing without a time', () => {
    const seen: string[] = [];
    const p = asOf('2026-12-03T08:05:00Z', (iso) => { seen.push(iso); return `«${iso}»`; })!;
    const d = new Date('2026-12-03T08:05:00Z');
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(seen).toEqual([`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`]);
    expect(textOf(p)).toBe(`Tall per «${seen[0]}» kl. ${pad(d.getHours())}:${pad(d.getMinutes())}`);
    expect(p.props.class).toBe('muted');
    expect(asOf(undefined, String)).toBeNull();
  });
});
