// FAQ search with realistic Norwegian (and some Swedish/English) questions: folding, endings, stop words, ranking.
import { FaqIndex, fold, looksLikeQuestion, MATCH_COVERAGE, stem, terms } from '../../src/core/faq-search';
import { FAQ_TEXTS } from '../../src/demo/forum-texts';

const entries = FAQ_TEXTS.map((f, i) => ({ id: `F${i + 1}`, question: f.question, answer: f.answer, topic: f.topic }));
const index = new FaqIndex(entries);
const idOf = (needle: string) => entries.find((e) => e.question.includes(needle))!.id;
const top = (q: string) => index.search(q, { limit: 3 })[0]?.id;

describe('folding and stemming', () => {
  it('folds case and æ/ø/å the way people type without a Norwegian keyboard', () => {
    expect(fold('SPØRSMÅL')).toBe(fold('sporsmal'));
    expect(fold('spørsmål')).toBe(fold('spoersmaal'));
    expect(fold('Fravær')).toBe(fold('fravaer'));
    expect(fold('Förändring')).toBe(fold('forandring'));
  });

  it('strips simple word endings so forms of one word meet', () => {
    expect(stem('mappen')).toBe(stem('mappe'));
    expect(stem('mappene')).toBe(stem('mapper'));
    expect(stem('deler')).toBe(stem('dele'));
    expect(stem('deling')).toBe(stem('delt'));
    expect(stem('kalenderen')).toBe(stem('kalender'));
    expect(stem('filerna')).toBe(stem('filer'));
    expect(stem('sheet')).toBe(stem('sheets'));
  });

  it('drops stop words in all three languages and keeps "e-post" as one word', () => {
    expect(terms('Hvordan kan jeg dele en mappe?')).toEqual([stem('dele'), stem('mappe')]);
    expect(terms('How do I share a folder')).toEqual([stem('share'), stem('folder')]);
    expect(terms('Hur kan jag dela')).toEqual([stem('dela')]);
    expect(terms('e-post')).toEqual(terms('epost'));
  });
});

describe('search', () => {
  it('finds the entry for typical questions, whatever the case, letters and endings', () => {
    expect(top('Hvordan deler jeg kalenderen med kollegaene mine?')).toBe(idOf('deler jeg kalenderen'));
    expect(top('DELE KALENDER')).toBe(idOf('deler jeg kalenderen'));
    expect(top('fravaersmelding i gmail')).toBe(idOf('fraværsmelding'));
    expect(top('Har slettet en fil ved et uhell, hvordan får jeg den tilbake?')).toBe(idOf('slettet'));
    expect(top('booke moterom')).toBe(idOf('møterom'));
    expect(top('nedtrekkslister i regneark')).toBe(idOf('nedtrekksliste'));
    expect(top('ny telefon totrinnsbekreftelse')).toBe(idOf('ny mobil'));
    expect(top('melde avvik')).toBe(idOf('avvik'));
  });

  it('ranks an entry whose question matches above one that only mentions the words in its answer', () => {
    const hits = index.search('skjermdeling i meet');
    expect(hits[0]!.id).toBe(idOf('deler jeg skjermen'));
  });

  it('reports coverage, so an unrelated question does not count as a match', () => {
    const hits = index.search('Hvordan søker jeg om permisjon for å ta videreutdanning i sykepleie?');
    expect(hits.filter((h) => h.coverage >= MATCH_COVERAGE)).toEqual([]);
    const good = index.search('Hvordan lager jeg en e-postsignatur?');
    expect(good[0]!.coverage).toBeGreaterThanOrEqual(MATCH_COVERAGE);
  });

  it('returns nothing for an empty or stop-word-only query, and limits results', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('hvordan kan jeg')).toEqual([]);
    expect(index.search('drive fil mappe dele', { limit: 2 })).toHaveLength(2);
  });

  it('splits a compound against the index vocabulary, and finds entries by a part of their compounds', () => {
    expect(index.split(stem('kalenderdeling'))).toEqual([stem('kalender'), stem('deling')]);
    expect(index.split(stem('avviksmelding'))).toEqual([stem('avvik'), stem('melding')]);
    expect(index.split(stem('dokument'))).toEqual([]);
    expect(top('avviksmelding')).toBe(idOf('avvik'));
    expect(top('kalenderdeling')).toBe(idOf('deler jeg kalenderen'));
    expect(top('nedtrekksmeny')).toBe(idOf('nedtrekksliste'));
  });

  it('ranks by BM25: a word repeated in a short question outranks the same word once in a long answer', () => {
    const ix = new FaqIndex([
      { id: 'long', question: 'Om e-post', answer: `Mappe. ${'Annen tekst om helt andre ting. '.repeat(20)}` },
      { id: 'short', question: 'Mappe i Drive', answer: 'Mapper deler du fra Drive.' },
    ]);
    expect(ix.search('mappe').map((h) => h.id)).toEqual(['short', 'long']);
  });

  it('knows everyday words for what the FAQ names otherwise (autosvar, iPhone)', () => {
    expect(top('autosvar i gmail')).toBe(idOf('fraværsmelding'));
    expect(index.search('Hvordan får jeg e-postene mine på iPhone?', { limit: 3 }).map((h) => h.id)).toContain(idOf('jobbkontoen'));
  });

  it('treats hostile text as words, nothing more', () => {
    expect(() => index.search('<img src=x onerror=alert(1)> =HYPERLINK("http://x") @all')).not.toThrow();
  });
});

describe('looksLikeQuestion', () => {
  it('recognises questions and tells them from search words', () => {
    expect(looksLikeQuestion('Hvordan deler jeg en mappe')).toBe(true);
    expect(looksLikeQuestion('kalender?')).toBe(true);
    expect(looksLikeQuestion('Hur delar jag min kalender')).toBe(true);
    expect(looksLikeQuestion('kalender deling')).toBe(false);
    expect(looksLikeQuestion('fraværsmelding')).toBe(false);
    expect(looksLikeQuestion('Jeg får ikke lagt ved filer fra Drive i e-posten og knappen er grå')).toBe(true);
  });
});
