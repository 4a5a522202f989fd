// The language the admin CLI prints in: the person's locale from the environment (LC_ALL, LC_MESSAGES, LANG).
import type { Locale } from '../core/i18n';

/**
 * POSIX order: LC_ALL, then LC_MESSAGES, then LANG; the first one set decides. `nb`, `no`, `nn` → Norwegian bokmål,
 * `sv` → Swedish, `en` → English; unset, `C` or `POSIX` → bokmål (the product's default language, and what a Norwegian
 * municipality's Windows or Mac without LANG gets); any other language → English, the one a non-Scandinavian reads best.
 */
export function cliLocale(env: Record<string, string | undefined>): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v.trim() !== '') ?? '';
  const lang = value.trim().toLowerCase().split(/[-_.@]/)[0] ?? '';
  if (lang === 'nb' || lang === 'no' || lang === 'nn') return 'nb';
  if (lang === 'sv') return 'sv';
  if (lang === '' || lang === 'c' || lang === 'posix') return 'nb';
  return 'en';
}
