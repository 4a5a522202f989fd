// Catalogues: every key in every language, placeholders kept, locale picking and date formatting.
import { allKeys, formatDate, formatWorkTime, pickLocale, rawMessage, t, type MessageKey } from '../../../src/core/i18n';
import * as admin from '../../../src/core/i18n/admin';
import * as appraisals from '../../../src/core/i18n/appraisals';
import * as common from '../../../src/core/i18n/common';
import * as courses from '../../../src/core/i18n/courses';
import * as forum from '../../../src/core/i18n/forum';
import * as status from '../../../src/core/i18n/status';
import * as workspace from '../../../src/core/i18n/workspace';

describe('catalogues', () => {
  it('have the same keys in nb, en and sv', () => {
    expect(allKeys('en').sort()).toEqual(allKeys('nb').sort());
    expect(allKeys('sv').sort()).toEqual(allKeys('nb').sort());
  });
  it('keep the same placeholders and plurals in every language', () => {
    const flat = (s: string) => s.replace(/\{(\w+), plural,(?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+\s*\}/g, (_m, n: string) => `{${n}}`);
    const holes = (s: string) => [...new Set(flat(s).match(/\{\w+\}/g) ?? [])].sort().join();
    for (const key of allKeys('nb') as MessageKey[]) {
      const nb = holes(rawMessage('nb', key));
      expect([key, holes(rawMessage('en', key))]).toEqual([key, nb]);
      expect([key, holes(rawMessage('sv', key))]).toEqual([key, nb]);
    }
  });
  it('define each key in one feature catalogue only (a second definition would silently win)', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const [name, m] of Object.entries({ common, status, courses, forum, appraisals, admin, workspace })) {
      for (const key of Object.keys(m.nb)) {
        if (seen.has(key)) dupes.push(`${key} (${seen.get(key)} and ${name})`);
        seen.set(key, name);
      }
    }
    expect(dupes).toEqual([]);
  });
  it('have no "(r)" or "(er)" plurals left: counts pick their form', () => {
    for (const locale of ['nb', 'en', 'sv'] as const) {
      for (const key of allKeys(locale) as MessageKey[]) expect([key, /\w\((?:r|er|s)\)/.test(rawMessage(locale, key))]).toEqual([key, false]);
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

describe('working time and digest titles', () => {
  it('say working time in hours with a decimal comma, or in minutes under an hour', () => {
    expect(formatWorkTime('nb', 0.008333333333333333)).toBe('under ett minutt');
    expect(formatWorkTime('nb', 0.5)).toBe('30 minutter');
    expect(formatWorkTime('nb', 1)).toBe('1 arbeidstime');
    expect(formatWorkTime('nb', 3.54)).toBe('3,5 arbeidstimer');
    expect(formatWorkTime('en', 3.5)).toBe('3.5 working hours');
    expect(formatWorkTime('sv', 2)).toBe('2 arbetstimmar');
    expect(formatWorkTime('nb', undefined)).toBe('–');
    expect(t('nb', 'digest.thanks', { count: 4, time: formatWorkTime('nb', 0.008333333333333333) }))
      .toBe('Denne uken svarte dere på 4 spørsmål, med median under ett minutt til første svar. Takk!');
  });
  it('titles the leaders\' digest for leaders and the guides\' digest for guides', () => {
    expect(t('nb', 'unitDigest.title')).toBe('Ukens kompetanseoversikt');
    expect(t('nb', 'digest.title')).toBe('Ukens oppsummering for Google-guidene');
  });
});
