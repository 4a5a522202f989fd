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

/**
 * Words people use for the same thing in the workplace (folded, before stemming): each maps to the FAQ's word. Small on
 * purpose: a synonym only where the everyday word and the product's word differ.
 */
const SYNONYMS: Record<string, string> = {
  autosvar: 'fraværsmelding', autoreply: 'fraværsmelding', mail: 'epost', iphone: 'mobil', android: 'mobil', telefon: 'mobil',
  mobiltelefon: 'mobil', innboks: 'postkasse', videomøte: 'meet', teams: 'meet', gruppechat: 'gruppesamtale', excel: 'sheets',
};
const SYNONYM_STEMS = new Map(Object.entries(SYNONYMS).map(([k, v]) => [stem(fold(k)), stem(fold(v))]));

/** Query and index terms: words, stemmed, everyday words resolved to the FAQ's. */
function termList(text: string): string[] {
  return words(text).map((w) => {
    const t = stem(w);
    return SYNONYM_STEMS.get(t) ?? t;
  });
}

/** Letters two compounds must share at the start to count as related (long enough to be a word of its own). */
const SHARED_START = 7;

function sharedStart(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

interface Field { tf: Map<string, number>; len: number }
interface Doc { id: string; q: Field; a: Field; topic: string }

function field(list: string[]): Field {
  const tf = new Map<string, number>();
  for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1);
  return { tf, len: list.length };
}

/** BM25's constants (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009): common defaults. */
const K1 = 1.2;
const B = 0.75;
/** A query word found in the question counts this much more than in the answer (questions are written to be found). */
const QUESTION_BOOST = 2;

/**
 * An index over FAQ entries, ranked by BM25 over the question and the answer (the question boosted), with compound words
 * split against the index's own vocabulary ("kalenderdeling" finds "deler … kalenderen", "fraværsmelding" answers
 * "melding"). Cheap enough to build per request (hundreds of entries).
 */
export class FaqIndex {
  private readonly docs: Doc[];
  private readonly df = new Map<string, number>();
  private readonly vocab = new Set<string>();
  private readonly avgQ: number;
  private readonly avgA: number;

  constructor(entries: readonly Searchable[]) {
    const raw = entries.map((e) => ({ e, q: termList(e.question), a: termList(e.answer) }));
    for (const r of raw) for (const t of [...r.q, ...r.a]) this.vocab.add(t);
    this.docs = raw.map(({ e, q, a }) => {
      // A compound of the text adds its parts, so a search for a part finds it ("melding" → "fraværsmelding").
      const doc: Doc = { id: e.id, q: field(this.withParts(q)), a: field(this.withParts(a)), topic: stem(fold(e.topic ?? '')) };
      for (const t of new Set([...doc.q.tf.keys(), ...doc.a.tf.keys()])) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return doc;
    });
    const n = Math.max(1, this.docs.length);
    this.avgQ = this.docs.reduce((s, d) => s + d.q.len, 0) / n || 1;
    this.avgA = this.docs.reduce((s, d) => s + d.a.len, 0) / n || 1;
  }

  /** The terms and the parts of any compound among them. */
  private withParts(list: string[]): string[] {
    const out = [...list];
    for (const t of list) out.push(...this.split(t));
    return out;
  }

  /**
   * A compound's parts when it splits into two known words (each at least 3 letters; a linking -s- or -e- between them is
   * dropped): "kalenderdeling" → kalender + del, "nedtrekksmeny" → nedtrekk… only when both halves are in the vocabulary.
   * Longest known head first. No split for a word the vocabulary knows whole.
   */
  split(term: string): string[] {
    if (term.length < 6) return [];
    for (let i = term.length - 3; i >= 3; i--) {
      const head = term.slice(0, i);
      const tail = stem(term.slice(i));
      if (tail.length < 3 || !this.vocab.has(tail)) continue;
      for (const h of [head, head.endsWith('s') || head.endsWith('e') ? head.slice(0, -1) : undefined]) {
        if (h && h.length >= 3 && (this.vocab.has(h) || this.vocab.has(stem(h)))) return [this.vocab.has(h) ? h : stem(h), tail];
      }
    }
    return [];
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * How much of `term` a field holds, as a term frequency: the term itself, else a word of the field it is part of or that
   * is part of it ("skjerm" / "skjermdeling"), counted at half.
   */
  private static tf(term: string, f: Field): number {
    const exact = f.tf.get(term);
    if (exact) return exact;
    if (term.length < 4) return 0;
    let part = 0;
    for (const [t, n] of f.tf) {
      if ((t.length > term.length && t.includes(term)) || (t.length >= 4 && term.length > t.length && term.includes(t))) part = Math.max(part, 0.5 * n);
      // Two compounds with the same first part ("nedtrekksmeny", "nedtrekksliste"): a weaker hint.
      else if (sharedStart(t, term) >= SHARED_START) part = Math.max(part, 0.4 * n);
    }
    return part;
  }

  private static bm25(tf: number, len: number, avg: number): number {
    return tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
  }

  search(query: string, opts: { limit?: number; minCoverage?: number } = {}): Hit[] {
    const base = [...new Set(termList(query))];
    if (base.length === 0) return [];
    // A query word the index does not know is looked for as its parts too (each part at half the word's weight).
    const q: { t: string; w: number; of: number }[] = [];
    base.forEach((t, i) => {
      const parts = this.vocab.has(t) ? [] : this.split(t);
      q.push({ t, w: 1, of: i });
      for (const p of parts) q.push({ t: p, w: 0.5, of: i });
    });
    const weights = base.map((t) => Math.max(this.idf(t), ...q.filter((x) => x.t !== t && base[x.of] === t).map((x) => this.idf(x.t))));
    const total = weights.reduce((a, b) => a + b, 0);
    const hits: Hit[] = [];
    for (const doc of this.docs) {
      let score = 0;
      const covered = base.map(() => 0);
      for (const { t, w, of } of q) {
        const idf = this.idf(t);
        const sq = FaqIndex.bm25(FaqIndex.tf(t, doc.q), doc.q.len, this.avgQ);
        const sa = FaqIndex.bm25(FaqIndex.tf(t, doc.a), doc.a.len, this.avgA);
        const st = doc.topic && doc.topic === t ? 1 : 0;
        score += w * idf * (QUESTION_BOOST * sq + sa + st);
        // Coverage: how surely this entry speaks of each query word (in its question best, then topic, then answer).
        const seen = w * Math.max(Math.min(1, FaqIndex.tf(t, doc.q)), 0.8 * st, 0.7 * Math.min(1, FaqIndex.tf(t, doc.a)));
        covered[of] = Math.max(covered[of] ?? 0, seen);
      }
      if (score <= 0) continue;
      const coverage = covered.reduce((s, c, i) => s + c * (weights[i] ?? 0), 0) / total;
      hits.push({ id: doc.id, score: Math.round(score * 100) / 100, coverage: Math.round(coverage * 100) / 100 });
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
  if (first.length >= 3 && QUESTION_START.has(first[0] ?? '')) return true;
  return first.length >= 8;
}
