// Norwegian-aware FAQ search: case and letter folding (æ/ø/å, ä/ö, ae/oe/aa), light suffix stripping for bokmål,
// nynorsk, Swedish and English, stop words, and idf-weighted scoring of question, answer and topic.

export interface Searchable { id: string; question: string; answer: string; topic?: string }
export interface Hit { id: string; score: number; /** Share of the query's weight the entry covers (0–1). */ coverage: number }

/** Folds case and the Nordic letters the way people type them without a Norwegian keyboard. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æä]/g, 'a').replace(/[øö]/g, 'o').replace(/å/g, 'a')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/aa/g, 'a').replace(/ae/g, 'a').replace(/oe/g, 'o');
}

const STOP = new Set([
  // bokmål / nynorsk
  'jeg', 'eg', 'du', 'han', 'hun', 'ho', 'vi', 'dere', 'de', 'dei', 'den', 'det', 'dette', 'disse', 'en', 'ei', 'et', 'eit', 'ein',
  'og', 'i', 'pa', 'til', 'av', 'for', 'fra', 'fra', 'med', 'som', 'er', 'var', 'har', 'hadde', 'kan', 'skal', 'vil', 'ma', 'bli', 'blir',
  'hvordan', 'korleis', 'hva', 'kva', 'hvor', 'kor', 'hvorfor', 'kvifor', 'nar', 'hvem', 'kven', 'meg', 'deg', 'seg', 'min', 'mitt',
  'mine', 'din', 'ditt', 'dine', 'sin', 'sitt', 'sine', 'var', 'vart', 'ikke', 'ikkje', 'a', 'at', 'om', 'sa', 'men', 'eller', 'noe',
  'noen', 'nokon', 'noko', 'alle', 'hei', 'takk', 'inn', 'ut', 'opp', 'ned', 'her', 'der', 'nå', 'na', 'bare', 'berre', 'ogsa', 'ogso',
  'jo', 'vel', 'litt', 'mye', 'far', 'gar', 'gjor', 'gjore', 'hvis', 'dersom', 'etter', 'under', 'over', 'ved', 'mot', 'sammen',
  // English
  'the', 'a', 'an', 'and', 'or', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'is', 'are', 'was', 'be', 'how', 'what', 'why', 'where',
  'when', 'who', 'do', 'does', 'did', 'can', 'could', 'i', 'me', 'my', 'you', 'your', 'it', 'this', 'that', 'not', 'no', 'yes', 'from',
  'get', 'should', 'would', 'there', 'please', 'hi', 'thanks',
  // Swedish
  'jag', 'hur', 'vad', 'varfor', 'vem', 'och', 'att', 'ar', 'av', 'mig', 'mitt', 'mina', 'inte', 'ett', 'som', 'pa', 'till', 'kan',
  'ska', 'med', 'fran', 'nagon', 'nagot', 'har', 'hej', 'tack',
].map(fold));

/** Suffixes stripped (longest first), for bokmål, nynorsk, Swedish and English; the stem keeps at least 3 letters. */
const SUFFIXES = [
  'hetene', 'hetens', 'heten', 'heter', 'arnas', 'ernas', 'ornas', 'arna', 'erna', 'orna', 'ingen', 'ingar', 'inger', 'ende', 'ande',
  'ene', 'ane', 'ens', 'ets', 'ers', 'ing', 'ning', 'het', 'ast', 'est', 'ies', 'ied', 'ede', 'ade',
  'en', 'et', 'er', 'ar', 'or', 'es', 'as', 'te', 'de', 'ed', 'ly', 'a', 'e', 's', 't',
].sort((a, b) => b.length - a.length);

function stripOnce(word: string): string {
  for (const s of SUFFIXES) {
    if (word.length - s.length >= 3 && word.endsWith(s)) return word.slice(0, -s.length);
  }
  return word;
}

/** Product names people write in many forms; kept whole so `sheets` and `sheet` stay one term. */
const NAMES: Record<string, string> = {
  sheet: 'sheets', sheets: 'sheets', doc: 'docs', docs: 'docs', meet: 'meet', chat: 'chat', gmail: 'gmail', drive: 'drive',
  google: 'google', forms: 'forms', form: 'forms', slides: 'slides', keep: 'keep', sites: 'sites', teams: 'teams',
  regneark: 'sheets', kalkylark: 'sheets', kalkylblad: 'sheets', spreadsheet: 'sheets',
};

/** A light stem: up to two suffixes stripped, then a trailing double consonant made single (mappe/mappen/mapper → map). */
export function stem(word: string): string {
  if (NAMES[word]) return NAMES[word];
  let w = stripOnce(stripOnce(word));
  if (w.length >= 4 && /([^aeiouy])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Words of a text, folded; numbers kept; stop words and single letters dropped. */
export function words(text: string): string[] {
  // "e-post" and "epost" are one word.
  return fold(text).replace(/\be-(?=[a-z])/g, 'e').split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !STOP.has(w));
}

export function terms(text: string): string[] {
  return words(text).map(stem);
}

interface Doc { id: string; q: Map<string, number>; a: Map<string, number>; topic: string; all: string[] }

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** An index over FAQ entries; cheap enough to build per request (hundreds of entries). */
export class FaqIndex {
  private readonly docs: Doc[];
  private readonly df = new Map<string, number>();

  constructor(entries: readonly Searchable[]) {
    this.docs = entries.map((e) => {
      const q = terms(e.question);
      const a = terms(e.answer);
      const doc: Doc = { id: e.id, q: counts(q), a: counts(a), topic: stem(fold(e.topic ?? '')), all: [...new Set([...q, ...a])] };
      for (const t of doc.all) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return doc;
    });
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n + 1) / (df + 0.5));
  }

  /**
   * How well `term` occurs in a field: exactly (1); inside a compound of the field (0.6: "melding" in
   * "fraværsmelding"); or the query word is a compound containing a word of the field (0.5: "skjermdeling" → "skjerm").
   */
  private static presence(term: string, field: Map<string, number>): number {
    if (field.has(term)) return 1;
    if (term.length < 4) return 0;
    let best = 0;
    for (const t of field.keys()) {
      if (t.length > term.length && t.includes(term)) return 0.6;
      if (t.length >= 4 && term.length > t.length && term.includes(t)) best = 0.5;
    }
    return best;
  }

  search(query: string, opts: { limit?: number; minCoverage?: number } = {}): Hit[] {
    const q = [...new Set(terms(query))];
    if (q.length === 0) return [];
    const weights = q.map((t) => this.idf(t));
    const total = weights.reduce((a, b) => a + b, 0);
    const hits: Hit[] = [];
    for (const doc of this.docs) {
      let score = 0;
      let covered = 0;
      q.forEach((t, i) => {
        const inQ = FaqIndex.presence(t, doc.q);
        const inA = FaqIndex.presence(t, doc.a);
        const inTopic = doc.topic && doc.topic === t ? 1 : 0;
        const best = Math.max(inQ, inA * 0.7, inTopic * 0.8);
        if (best > 0) covered += weights[i] * best;
        score += weights[i] * (2 * inQ + inA + inTopic);
      });
      if (score <= 0) continue;
      hits.push({ id: doc.id, score: Math.round(score * 100) / 100, coverage: Math.round((covered / total) * 100) / 100 });
    }
    const min = opts.minCoverage ?? 0;
    return hits.filter((h) => h.coverage >= min)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, opts.limit ?? 5);
  }
}

/** Coverage from which an FAQ entry is shown as a likely answer before a question goes to a guide. */
export const MATCH_COVERAGE = 0.5;

const QUESTION_START = new Set([
  'hvordan', 'korleis', 'hva', 'kva', 'hvorfor', 'kvifor', 'hvor', 'kor', 'hvem', 'kven', 'nar', 'kan', 'kor', 'skal', 'ma', 'far',
  'er', 'gar', 'finnes', 'fins', 'vet', 'har', 'bor', 'how', 'what', 'why', 'where', 'who', 'when', 'can', 'could', 'is', 'are', 'does',
  'do', 'should', 'will', 'hur', 'vad', 'varfor', 'var', 'vem', 'ska', 'hjelp', 'help', 'hjalp',
].map(fold));

/** Whether free text reads like a question to a guide (rather than a few search words). */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.includes('?')) return true;
  const first = fold(t).split(/[^a-z0-9]+/).filter(Boolean);
  if (first.length >= 3 && QUESTION_START.has(first[0])) return true;
  return first.length >= 8;
}
