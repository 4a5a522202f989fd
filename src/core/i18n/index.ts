// Message catalogues (nb default, en, sv): one place that joins the feature catalogues and formats messages.
import * as admin from './admin';
import * as appraisals from './appraisals';
import * as cli from './cli';
import * as cliHelp from './cli-help';
import * as cliErrors from './cli-errors';
import * as cliOutput from './cli-output';
import * as cliSetup from './cli-setup';
import * as common from './common';
import * as courses from './courses';
import * as enums from './enums';
import * as forum from './forum';
import * as importMessages from './import';
import * as status from './status';
import * as verify from './verify';
import * as workspace from './workspace';
import { fillPlurals, formatParam } from './format';

export { formatNumber, pluralCategory, LOCALE_TAGS } from './format';

// Each feature adds its catalogue module here: `nb` defines the keys, `en` and `sv` must have every key.
const modules = [common, status, verify, courses, forum, appraisals, admin, enums, importMessages, cli, cliHelp, cliOutput, cliSetup, cliErrors, workspace] as const;

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

/** The message as written in the catalogue, placeholders and plurals unfilled (for tests of the catalogues). */
export function rawMessage(locale: Locale, key: MessageKey): string {
  const text = catalogues[locale][key] ?? catalogues.nb[key];
  if (text === undefined) throw new Error(`Missing message key: ${key}`);
  return text;
}

/**
 * Translates a key. `{name}` placeholders are filled from params, numbers in the language's format (decimal comma in
 * nb and sv); `{count, plural, one {# dag} other {# dager}}` picks the form by Intl's plural rules. A missing key is a
 * bug and throws.
 */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const text = fillPlurals(locale, rawMessage(locale, key), params);
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : formatParam(locale, params[name])));
}

/** A bound translator for one request. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** "1. mars 2027" / "1 March 2027" / "1 mars 2027" from an ISO date. */
export function formatDate(locale: Locale, iso: string | undefined): string {
  if (!iso) return '';
  const [y = NaN, m = NaN, d = NaN] = iso.slice(0, 10).split('-').map(Number);
  const month = t(locale, 'month.names').split(',')[m - 1];
  return t(locale, 'date.long', { d, month, y });
}

/**
 * Working time as people say it: "3,5 arbeidstimer", "1 arbeidstime", under an hour in minutes ("20 minutter"); a
 * missing figure is a dash.
 */
export function formatWorkTime(locale: Locale, hours: number | undefined): string {
  if (hours === undefined || !Number.isFinite(hours)) return '–';
  if (hours < 1) return t(locale, 'unit.workMinutes', { n: Math.floor(hours * 60) });
  return t(locale, 'unit.workHours', { n: Math.round(hours * 10) / 10 });
}

/** Hours of a course ("7,5 t"). */
export function formatHours(locale: Locale, hours: number): string {
  return t(locale, 'unit.hoursShort', { n: hours });
}

export function allKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}
