// The CLI's language from the environment: POSIX order (LC_ALL, LC_MESSAGES, LANG), bokmål by default.
import { cliLocale } from '../../src/cli/locale';

it.each([
  [{}, 'nb'], [{ LANG: 'C.UTF-8' }, 'nb'], [{ LANG: 'POSIX' }, 'nb'], [{ LANG: '' }, 'nb'],
  [{ LANG: 'nb_NO.UTF-8' }, 'nb'], [{ LANG: 'no_NO' }, 'nb'], [{ LANG: 'nn_NO.UTF-8' }, 'nb'],
  [{ LANG: 'sv_SE.UTF-8' }, 'sv'], [{ LANG: 'en_GB.UTF-8' }, 'en'], [{ LANG: 'de_DE.UTF-8' }, 'en'],
  [{ LC_ALL: 'sv_SE.UTF-8', LANG: 'nb_NO.UTF-8' }, 'sv'], [{ LC_MESSAGES: 'en_US', LANG: 'nb_NO' }, 'en'],
  [{ LC_ALL: '', LC_MESSAGES: '', LANG: 'sv_FI' }, 'sv'],
] as [Record<string, string>, string][])('%j → %s', (env, locale) => {
  expect(cliLocale(env)).toBe(locale);
});
