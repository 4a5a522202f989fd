// Catalogues: every key in every language, placeholders kept, locale picking and date formatting.
import { allKeys, formatDate, pickLocale, t } from '../../src/core/i18n';

describe('catalogues', () => {
  it('have the same keys in nb, en and sv', () => {
    expect(allKeys('en').sort()).toEqual(allKeys('nb').sort());
    expect(allKeys('sv').sort()).toEqual(allKeys('nb').sort());
  });
  it('keep the same placeholders in every language', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const key of allKeys('nb')) {
      const nb = holes(t('nb', key as never));
      expect([key, holes(t('en', key as never))]).toEqual([key, nb]);
      expect([key, holes(t('sv', key as never))]).toEqual([key, nb]);
    }
  });
});

it('picks nb for Norwegian variants and unknown locales', () => {
  expect(pickLocale('no-NO')).toBe('nb');
  expect(pickLocale(undefined, 'en-US')).toBe('en');
  expect(pickLocale('de')).toBe('nb');
  expect(pickLocale('sv-SE')).toBe('sv');
});

it('formats dates per language and fills placeholders', () => {
  expect(formatDate('nb', '2027-03-01')).toBe('1. mars 2027');
  expect(formatDate('en', '2027-03-01')).toBe('1 March 2027');
  expect(t('en', 'health.summary', { count: 3 })).toBe('3 rows need fixing.');
});
