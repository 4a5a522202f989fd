// Numbers and plurals per language (Intl nb-NO, en-GB, sv-SE): decimal comma, grouping from 10 000, ICU-style plurals.
import { formatHours, formatNumber, t } from '../../../src/core/i18n';
import { fillPlurals, formatParam, LOCALE_TAGS, pluralCategory } from '../../../src/core/i18n/format';

describe('numbers and plurals', () => {
  it('write decimals with a comma in nb and sv, a point in en', () => {
    expect(formatNumber('nb', 3.5)).toBe('3,5');
    expect(formatNumber('sv', 7.5)).toBe('7,5');
    expect(formatNumber('en', 7.5)).toBe('7.5');
    expect(formatNumber('nb', 2027)).toBe('2027');
    expect(formatNumber('nb', 15000).replace(/\s/g, ' ')).toBe('15 000');
    expect(t('nb', 'courses.hours', { hours: 7.5 })).toBe('7,5 t');
    expect(formatHours('nb', 3.5)).toBe('3,5 t');
  });
  it('pick one or other by Intl plural rules in every language', () => {
    expect(t('nb', 'appraisal.reminder.chatText', { count: 1 })).toBe('1 samtale å følge opp');
    expect(t('nb', 'appraisal.reminder.chatText', { count: 2 })).toBe('2 samtaler å følge opp');
    expect(t('en', 'appraisal.reminder.chatText', { count: 1 })).toBe('1 conversation to follow up');
    expect(t('sv', 'reminder.chatText', { count: 1 })).toBe('Du har 1 kompetens som måste förnyas.');
    expect(t('nb', 'reminder.expires', { date: '1. mars 2027', days: 1 })).toBe('Utløper 1. mars 2027 (om 1 dag)');
    expect(t('nb', 'reminder.expires', { date: '1. mars 2027', days: 0 })).toBe('Utløper 1. mars 2027 (i dag)');
    expect(t('en', 'reminder.expires', { date: '1 March 2027', days: 30 })).toBe('Expires 1 March 2027 (in 30 days)');
    expect(fillPlurals('nb', '{n, plural, one {# time} other {# timer}}', { n: 1.5 })).toBe('1,5 timer');
    expect(() => fillPlurals('nb', '{n, plural, one {#} other {#}}', {})).toThrow(/needs a number/);
  });
  it('groups only from 10 000, keeps the decimals asked for, and writes non-finite numbers as they are', () => {
    expect(formatNumber('nb', 9999)).toBe('9999');
    expect(formatNumber('en', 12345.67).replace(/\s/g, ' ')).toBe('12,345.7');
    expect(formatNumber('nb', -12345).replace(/\s/g, ' ')).toMatch(/^[-−]12 345$/);
    expect(formatNumber('nb', 2, 2, 2)).toBe('2,00');
    expect(formatNumber('en', 1 / 3, 3)).toBe('0.333');
    expect(formatNumber('nb', NaN)).toBe('NaN');
    expect(formatNumber('sv', Infinity)).toBe('Infinity');
    expect(LOCALE_TAGS).toEqual({ nb: 'nb-NO', en: 'en-GB', sv: 'sv-SE' });
  });
  it('formats number parameters and leaves text parameters as given', () => {
    expect(formatParam('nb', 0.5)).toBe('0,5');
    expect(formatParam('nb', '0.5')).toBe('0.5');
  });
  it('chooses an exact branch first, then the plural category, then other; a numeric string counts', () => {
    expect(pluralCategory('nb', 1)).toBe('one');
    expect(pluralCategory('en', 0)).toBe('other');
    expect(pluralCategory('sv', 2)).toBe('other');
    const text = 'Du har {n, plural, =0 {ingen meldinger} one {# melding} other {# meldinger}} og {m, plural, other {# til}}.';
    expect(fillPlurals('nb', text, { n: 0, m: 1 })).toBe('Du har ingen meldinger og 1 til.');
    expect(fillPlurals('nb', text, { n: '1', m: 2 })).toBe('Du har 1 melding og 2 til.');
    expect(fillPlurals('nb', text, { n: 2500.5, m: 0 })).toBe('Du har 2500,5 meldinger og 0 til.');
    expect(() => fillPlurals('nb', text, { n: ' ', m: 1 })).toThrow(/needs a number/);
    expect(() => fillPlurals('nb', '{n, plural, one {#}}', { n: 2 })).toThrow(/no "other" branch/);
    expect(fillPlurals('nb', 'Ingen {plural} her {n}', { n: 1 })).toBe('Ingen {plural} her {n}');
  });
});
