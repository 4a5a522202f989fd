// Each catalogue speaks its own language: no Norwegian letters or words in Swedish texts, no Swedish ones in Norwegian,
// no Nordic letters in English (a text copied from the wrong catalogue, or left untranslated, shows here).
import { allKeys, rawMessage, type MessageKey } from '../../../src/core/i18n';

/** The words of a message, without its {placeholders} and plural selectors. */
function words(text: string): string[] {
  return text.replace(/\{[^{}]*\}/g, ' ').replace(/\{[^{}]*\{[^{}]*\}[^{}]*\}/g, ' ').toLowerCase().split(/[^a-zæøåäöé-]+/).filter(Boolean);
}

/** Common words of one language that the other never uses (bokmål / Swedish). */
const NORWEGIAN_ONLY = ['ikke', 'også', 'hvis', 'ennå', 'hvordan', 'hva', 'hvem', 'deg', 'dere', 'jeg', 'bare', 'når', 'noen', 'gjennom', 'etter', 'uke', 'dager'];
const SWEDISH_ONLY = ['inte', 'också', 'om du', 'ännu', 'hur', 'vad', 'dig', 'jag', 'bara', 'när', 'någon', 'genom', 'efter', 'vecka', 'dagar'];

function leaks(locale: 'nb' | 'sv' | 'en', letters: RegExp, foreign: readonly string[]): string[] {
  return leaksIn(allKeys(locale).map((key) => [key, rawMessage(locale, key as MessageKey)]), letters, foreign);
}

function leaksIn(texts: [string, string][], letters: RegExp, foreign: readonly string[]): string[] {
  const out: string[] = [];
  for (const [key, text] of texts) {
    const w = words(text);
    const bad = [...(letters.test(text.replace(/\{[^{}]*\}/g, '')) ? [text.match(letters)![0]] : []), ...w.filter((x) => foreign.includes(x))];
    if (bad.length) out.push(`${key}: ${bad.join(', ')} — ${text.slice(0, 80)}`);
  }
  return out;
}

describe('catalogues speak their own language', () => {
  it('the check finds a Norwegian word or letter in a Swedish text, but not in a placeholder', () => {
    expect(leaksIn([['a', 'Du har ikke {count} kurs'], ['b', 'Kursen är full'], ['c', 'Hej {ikke}']], /[øæ]/, NORWEGIAN_ONLY)).toEqual(['a: ikke — Du har ikke {count} kurs']);
    expect(leaksIn([['d', 'Vi ses på møtet']], /[øæ]/, NORWEGIAN_ONLY)).toEqual(['d: ø — Vi ses på møtet']);
    expect(allKeys('sv').length).toBeGreaterThan(500);
  });

  it('Swedish texts have no ø/æ and no Norwegian-only words', () => {
    expect(leaks('sv', /[øæØÆ]/, NORWEGIAN_ONLY)).toEqual([]);
  });
  it('Norwegian texts have no ä/ö and no Swedish-only words', () => {
    expect(leaks('nb', /[äöÄÖ]/, SWEDISH_ONLY.filter((w) => !w.includes(' ')))).toEqual([]);
  });
  it('English texts have no Nordic letters', () => {
    expect(leaks('en', /[æøåäöÆØÅÄÖ]/, [])).toEqual([]);
  });
});
