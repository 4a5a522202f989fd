// The workspace shell speaks from the catalogue (src/core/i18n/workspace.ts, issue 15): no Norwegian UI text comes back
// into its code, every key the page and the shell name exists, and no shell text is empty or says "lesemodellen".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { DEMO_PERSONAS } from '../../src/demo';
import { allKeys, LOCALES, rawMessage, type MessageKey } from '../../src/core/i18n';
import { workspacePage } from '../../src/workspace/page';

const ROOT = join(__dirname, '..', '..');
const DIRS = ['src/workspace', 'src/workspace/web'];
const files = DIRS.flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.ts')).map((f) => `${d}/${f}`));

/**
 * Text that plays the outside world, not the shell: the course provider's certificate mail and the rooms' names as the
 * municipality named them in Chat (data a real workspace would hold in its own language).
 */
const ALLOWED = [
  'Takk for at du deltok på kurset. Kursbeviset ditt ligger vedlagt.',
  'Kunngjøringer',
];

/** Norwegian shell words without æ/ø/å that used to be written into the code (a sample: they must stay in the catalogue). */
const NORWEGIAN_WORDS = /\b(Kjør nå|Treff|Svar i tråden|Lagret|Laster|Tilbake|Lukk|Melding til|Innboks|Vedlegg|Mapper|Avbryt|Tillat|Dokumenter|Filtrer|Forrige side|Neste side|Bruk|Planlagte|Tidsstyrte|Demo-personer|Flytt klokka|Ingen meldinger|chatmelding|e-poster|direktemelding|lesemodell\w*|hvert minutt|daglig kl|Legg til rad|Filer i Disk|Rediger|Sett inn)\b/;

/** Every piece of literal text in a source file (strings and template parts; comments are not code). */
function literals(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      out.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

it('scans the shell\'s sources (the check below is not empty)', () => {
  expect(files).toEqual(expect.arrayContaining(['src/workspace/page.ts', 'src/workspace/web/client-shell.ts', 'src/workspace/web/client-chat.ts']));
  expect(literals('src/workspace/routes.ts').some((t) => t.includes('HLR-instituttet'))).toBe(true);
});

it.each(files)('%s writes no Norwegian UI text of its own', (file) => {
  const found = literals(file).filter((t) => (/[æøåÆØÅ]/.test(t) || NORWEGIAN_WORDS.test(t)) && !ALLOWED.some((a) => t.includes(a)));
  expect(found).toEqual([]);
});

it('names only keys the catalogue has: the page\'s words and attributes, and every demo persona', () => {
  const html = workspacePage();
  const keys = [...html.matchAll(/data-words="([\w.]+)"/g)].map((m) => m[1]!);
  for (const m of html.matchAll(/data-words-attrs="([^"]*)"/g)) keys.push(...m[1]!.split(' ').map((p) => p.split('=')[1]!));
  keys.push(...Object.keys(DEMO_PERSONAS).map((k) => `ws.persona.${k}`));
  expect(keys.length).toBeGreaterThan(10);
  expect(keys.filter((k) => !allKeys('nb').includes(k))).toEqual([]);
});

it.each(LOCALES)('every shell text in %s is written, and none says "lesemodellen"', (locale) => {
  const shell = allKeys('nb').filter((k) => k.startsWith('ws.')) as MessageKey[];
  expect(shell.length).toBeGreaterThan(100);
  expect(shell.filter((k) => rawMessage(locale, k).trim() === '')).toEqual([]);
  expect(shell.filter((k) => /lesemodell|read model|läsmodell/i.test(rawMessage(locale, k)))).toEqual([]);
});
