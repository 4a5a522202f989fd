// Numbers and plurals in each language's own way (Intl with nb-NO, en-GB, sv-SE): decimal comma, and the plural form a count needs.
import type { Locale } from './index';

/** The BCP 47 tag Intl gets for each catalogue language. */
export const LOCALE_TAGS: Record<Locale, string> = { nb: 'nb-NO', en: 'en-GB', sv: 'sv-SE' };

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * "3,5" (nb, sv) / "3.5" (en), at most `maxDigits` decimals. Whole numbers below 10 000 keep no grouping, so years, row
 * numbers and references read as written ("rad 2027", not "rad 2 027").
 */
export function formatNumber(locale: Locale, n: number, maxDigits = 1, minDigits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const group = Math.abs(n) >= 10_000;
  const key = `${locale}|${maxDigits}|${minDigits}|${group}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: maxDigits, minimumFractionDigits: minDigits, useGrouping: group });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** Intl's plural category for a count in this language (nb, en and sv use "one" and "other"). */
export function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  let r = pluralRules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(LOCALE_TAGS[locale]);
    pluralRules.set(locale, r);
  }
  return r.select(n);
}

const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/**
 * Fills ICU-style plurals, `{count, plural, one {# samtale} other {# samtaler}}` (`=0 {…}` for an exact count; `#` is
 * the formatted number), from numeric params. A plural whose param is missing or not a number is a bug and throws.
 */
export function fillPlurals(locale: Locale, text: string, params: Record<string, unknown>): string {
  return text.replace(PLURAL, (_m, name: string, body: string) => {
    const raw = params[name];
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(n)) throw new Error(`Plural "${name}" needs a number, got ${String(raw)}`);
    const branches = new Map<string, string>();
    for (const [, sel, out] of body.matchAll(BRANCH)) if (sel !== undefined && out !== undefined) branches.set(sel, out);
    const chosen = branches.get(`=${n}`) ?? branches.get(pluralCategory(locale, n)) ?? branches.get('other');
    if (chosen === undefined) throw new Error(`Plural "${name}" has no "other" branch`);
    return chosen.replace(/#/g, formatNumber(locale, n));
  });
}

/** A parameter as text: numbers in the language's own format (decimal comma in nb and sv), the rest as given. */
export function formatParam(locale: Locale, value: string | number): string {
  return typeof value === 'number' ? formatNumber(locale, value) : value;
}
