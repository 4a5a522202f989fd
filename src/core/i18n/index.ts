// Message catalogues (nb default, en, sv): one place that joins the feature catalogues and formats messages.
import * as admin from './admin';
import * as appraisals from './appraisals';
import * as common from './common';
import * as courses from './courses';
import * as enums from './enums';
import * as forum from './forum';
import * as status from './status';

// Each feature adds its catalogue module here: `nb` defines the keys, `en` and `sv` must have every key.
const modules = [common, status, courses, forum, appraisals, admin, enums] as const;

export const LOCALES = ['nb', 'en', 'sv'] as const;
export type Locale = (typeof LOCALES)[number];

type NbOf<M> = M extends { nb: infer N } ? keyof N : never;
export type MessageKey = NbOf<(typeof modules)[number]>;

const catalogues: Record<Locale, Record<string, string>> = { nb: {}, en: {}, sv: {} };
for (const m of modules) {
  Object.assign(catalogues.nb, m.nb);
  Object.assign(catalogues.en, m.en);
  Object.assign(catalogues.sv, m.sv);
}

export type Params = Record<string, string | number | undefined>;

/** Picks a supported locale from a user/event locale such as `nb-NO`, `no`, `en-US`, `sv`. */
export function pickLocale(...candidates: (string | undefined)[]): Locale {
  for (const c of candidates) {
    const lang = (c ?? '').toLowerCase().split(/[-_]/)[0];
    if (lang === 'nb' || lang === 'no' || lang === 'nn') return 'nb';
    if (lang === 'en') return 'en';
    if (lang === 'sv') return 'sv';
  }
  return 'nb';
}

/** Translates a key; `{name}` placeholders are filled from params. A missing key is a bug and throws. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const text = catalogues[locale][key] ?? catalogues.nb[key];
  if (text === undefined) throw new Error(`Missing message key: ${key}`);
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

/** A bound translator for one request. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** "1. mars 2027" / "1 March 2027" / "1 mars 2027" from an ISO date. */
export function formatDate(locale: Locale, iso: string | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const month = t(locale, 'month.names').split(',')[m - 1];
  return t(locale, 'date.long', { d, month, y });
}

export function allKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}
