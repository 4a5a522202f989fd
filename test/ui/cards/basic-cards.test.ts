// The welcome for people not in the records, help, and data health: valid cards, the right names, no markup from data.
import { translator } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import { healthCard, helpCard, unknownUserCard } from '../../../src/ui/cards/basic-cards';
import { actionNames, clicks, expectHostileInert, expectValidCard, htmlFields, HOSTILE, ws } from '../../support/cards';

const nb = translator('nb');
const en = translator('en');

describe('unknownUserCard', () => {
  it('greets by the name Google gives, never by an address, and offers the FAQ and asking a guide', () => {
    const named = unknownUserCard('  Kari Nordmann ', nb);
    expectValidCard(named);
    expect(named.header!.title).toBe(nb('unknown.titleNamed', { name: 'Kari Nordmann' }));
    expect(named.header!.title).toContain('Kari Nordmann');
    for (const nameless of [undefined, '', '   ', 'kari@kommune.no']) expect(unknownUserCard(nameless, nb).header!.title).toBe(nb('unknown.title'));
    expect(clicks(named)).toEqual([
      { text: nb('button.faq'), action: ACTIONS.faqSearch, params: {}, dialog: false },
      { text: nb('button.askGuide'), action: ACTIONS.askOpen, params: {}, dialog: true },
    ]);
    expect(unknownUserCard('Kari', en).header!.title).toBe(en('unknown.titleNamed', { name: 'Kari' }));
    expect(en('unknown.titleNamed', { name: 'Kari' })).not.toBe(nb('unknown.titleNamed', { name: 'Kari' }));
  });
});

describe('helpCard', () => {
  it('shows the help text with line breaks and the three first actions', () => {
    const c = helpCard(nb);
    expectValidCard(c);
    expect(htmlFields(c)[0]).toBe(nb('help.body').replace(/\n/g, '<br>'));
    expect(actionNames(c)).toEqual([ACTIONS.myStatus, ACTIONS.findCourses, ACTIONS.askOpen]);
  });
});

describe('healthCard', () => {
  it('says all is well with no issues, and says not found without a report', () => {
    const ok = healthCard({ checkedAt: '2026-12-03', total: 0, issues: [], rowsRead: 100 }, nb, 'nb');
    expectValidCard(ok);
    expect(htmlFields(ok)).toEqual([nb('health.ok')]);
    expect(ok.header).toEqual({ title: nb('health.title'), subtitle: '3. desember 2026' });
    expect(actionNames(ok)).toEqual([ACTIONS.jobRebuild]);
    expect(htmlFields(healthCard(undefined, nb, 'nb'))).toEqual([nb('error.notFound')]);
  });

  it('lists at most 40 issues, where and why, with the cell text escaped', () => {
    const issues = Array.from({ length: 45 }, (_, i) => ({ table: 'Employees', rowNumber: i + 2, field: 'startDate', reason: 'invalid_date', value: i === 0 ? HOSTILE : '31.02.2026' }));
    const c = healthCard({ checkedAt: '2026-12-03', total: 45, issues: [...issues, { table: 'Units', reason: 'required' }], rowsRead: 5000 }, en, 'en');
    expectValidCard(c);
    const rows = ws(c.sections[1]);
    expect(rows).toHaveLength(40);
    expect(rows[0]!.decoratedText).toMatchObject({ topLabel: en('health.where', { table: 'Employees', row: 2, field: 'startDate' }), text: en('health.reason.invalid_date', { ref: '' }) });
    expect(htmlFields(c)[0]).toBe(en('health.summary', { count: 45 }));
    expectHostileInert(c);
    const missingParts = healthCard({ checkedAt: '2026-12-03', total: 1, issues: [{ table: 'Units', reason: 'required' }], rowsRead: 1 }, nb, 'nb');
    expect(ws(missingParts.sections[1])[0]!.decoratedText).toEqual({ wrapText: true, topLabel: 'Units, rad –, felt –', text: nb('health.reason.required', { ref: '' }), startIcon: { materialIcon: { name: 'warning' } } });
  });
});
