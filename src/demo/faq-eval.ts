// How well the FAQ search answers Norwegian questions: realistic questions as staff type them (search words, whole
// questions, compounds, other words than the FAQ's, forms of the same word) and the demo FAQ entry that answers each.
import { FaqIndex, type Searchable } from '../core/faq-search';
import { FAQ_TEXTS } from './forum-texts';

/** `expect` is a piece of the question of the entry that answers it (checked to name exactly one entry). */
export interface FaqCase { q: string; expect: string }

export const FAQ_CASES: FaqCase[] = [
  { q: 'fraværsmelding', expect: 'fraværsmelding' },
  { q: 'Hvordan skrur jeg på autosvar når jeg er på ferie?', expect: 'fraværsmelding' },
  { q: 'Jeg skal på ferie, hvordan svarer e-posten automatisk for meg?', expect: 'fraværsmelding' },
  { q: 'tilgang til postmottaket', expect: 'felles postkasse' },
  { q: 'Hvordan åpner jeg fellespostkassen til enheten?', expect: 'felles postkasse' },
  { q: 'Kan jeg sende helseopplysninger på mail?', expect: 'personopplysninger på e-post' },
  { q: 'signatur i e-posten', expect: 'e-postsignatur' },
  { q: 'kalenderdeling', expect: 'deler jeg kalenderen' },
  { q: 'Hvordan kan kollegaene mine se kalenderen min?', expect: 'deler jeg kalenderen' },
  { q: 'booke rom til møte', expect: 'møterom' },
  { q: 'reservere møterom på rådhuset', expect: 'møterom' },
  { q: 'turnusen min vises ikke i kalenderen', expect: 'vaktene' },
  { q: 'Hvor er vaktene mine?', expect: 'vaktene' },
  { q: 'forskjell på min disk og delt disk', expect: 'Min disk' },
  { q: 'gjenopprette slettet fil', expect: 'slettet' },
  { q: 'papirkurven i Drive', expect: 'slettet' },
  { q: 'dele fil med ekstern samarbeidspartner', expect: 'utenfor kommunen' },
  { q: 'Kan vi skrive i samme dokument samtidig?', expect: 'samme dokument samtidig' },
  { q: 'flere som redigerer dokumentet på en gang', expect: 'samme dokument samtidig' },
  { q: 'mal til referat fra møter', expect: 'mal for møtereferat' },
  { q: 'møtereferatmal', expect: 'mal for møtereferat' },
  { q: 'beskytte celler i Sheets', expect: 'låser jeg noen celler' },
  { q: 'cellelåsing i regneark', expect: 'låser jeg noen celler' },
  { q: 'rullegardinmeny i regnearket', expect: 'nedtrekksliste' },
  { q: 'nedtrekksmeny', expect: 'nedtrekksliste' },
  { q: 'gruppesamtale eller rom?', expect: 'gruppesamtale og et rom' },
  { q: 'skru av varslinger på kvelden', expect: 'varsler i Chat' },
  { q: 'ikke forstyrr i chat', expect: 'varsler i Chat' },
  { q: 'skjermdeling i Meet', expect: 'deler jeg skjermen' },
  { q: 'presentere skjermen i videomøte', expect: 'deler jeg skjermen' },
  { q: 'mikrofonen virker ikke i Meet', expect: 'hører ikke' },
  { q: 'de andre hører meg ikke i møtet', expect: 'hører ikke' },
  { q: 'jobbkonto på telefonen', expect: 'jobbkontoen på mobilen' },
  { q: 'sette opp Gmail-appen på mobil', expect: 'jobbkontoen på mobilen' },
  { q: 'ny telefon totrinnsbekreftelse', expect: 'ny mobil' },
  { q: 'byttet mobil og får ikke bekreftet innloggingen', expect: 'ny mobil' },
  { q: 'hvor ligger rutinene', expect: 'rutiner og skjemaer' },
  { q: 'skjemaer for HR og lønn', expect: 'rutiner og skjemaer' },
  { q: 'avviksmelding', expect: 'melder jeg et avvik' },
  { q: 'melde avvik på intranettet', expect: 'melder jeg et avvik' },
  { q: 'filtre og etiketter i Gmail', expect: 'filtre og etiketter' },
  { q: 'sortere e-posten automatisk i mapper', expect: 'filtre og etiketter' },
  { q: 'angre sendt e-post', expect: 'trekker jeg tilbake' },
  { q: 'timebestilling for foreldresamtaler', expect: 'timebestillingsside' },
  { q: 'legge inn ferie i kalenderen', expect: 'arbeidstid og fravær' },
  { q: 'mappedeling med avdelingen', expect: 'deler jeg en mappe' },
  { q: 'jobbe uten nett i Drive', expect: 'uten nett' },
  { q: 'versjonshistorikk i Docs', expect: 'hvem som har endret' },
  { q: 'konvertere Word til Google Docs', expect: 'Word-dokument' },
  { q: 'lage spørreundersøkelse med skjema', expect: 'spørreskjema' },
  { q: 'fryse øverste rad i regneark', expect: 'overskriftsraden' },
  { q: 'opprette rom i Chat for teamet', expect: 'oppretter jeg et rom' },
  { q: 'ta opp møtet i Meet', expect: 'tar jeg opp et møte' },
  { q: 'uskarp bakgrunn i Meet', expect: 'bakgrunnen i et videomøte' },
  { q: 'glemt passord', expect: 'glemt passordet' },
  { q: 'registrere overtid', expect: 'overtid' },
  { q: 'Disken er full', expect: 'Disken min full' },
  { q: 'lagringsplass i Drive', expect: 'Disken min full' },
  // Whole questions in people's own words, with words the FAQ does not use.
  { q: 'Hvordan får jeg e-postene mine på iPhone?', expect: 'jobbkontoen på mobilen' },
  { q: 'Jeg finner ikke igjen filen jeg slettet i går', expect: 'slettet' },
  { q: 'Hvor lenge ligger slettede filer i papirkurven?', expect: 'slettet' },
  { q: 'Hvordan legger jeg til en kollega så hun ser avtalene i kalenderen min?', expect: 'deler jeg kalenderen' },
  { q: 'kan jeg sende pasientopplysninger på epost', expect: 'personopplysninger på e-post' },
  { q: 'gjøre om docx til google dokument', expect: 'Word-dokument' },
  { q: 'Hvorfor får jeg chatvarsler om natten?', expect: 'varsler i Chat' },
  { q: 'lyden virker ikke i videomøtet, ingen hører meg', expect: 'hører ikke' },
  { q: 'Hvordan ser jeg tidligere versjoner av dokumentet?', expect: 'hvem som har endret' },
  { q: 'Hvordan bestiller foreldrene tid til samtale med meg?', expect: 'timebestillingsside' },
  { q: 'Jeg sendte e-post til feil person, kan jeg hente den tilbake?', expect: 'trekker jeg tilbake' },
  { q: 'får ikke logget inn etter at jeg byttet telefon', expect: 'ny mobil' },
  { q: 'Hvordan fører jeg overtiden min?', expect: 'overtid' },
  { q: 'Hvor lagres opptaket av møtet?', expect: 'tar jeg opp et møte' },
];

export interface FaqEvaluation { cases: number; top1: number; top3: number; misses: { q: string; expected: string; got: string[] }[] }

/** Searches every case over the demo FAQ and counts the expected entry first, and in the first three. */
export function evaluateFaqSearch(make: (entries: Searchable[]) => Pick<FaqIndex, 'search'> = (e) => new FaqIndex(e)): FaqEvaluation {
  const entries: Searchable[] = FAQ_TEXTS.map((f, i) => ({ id: `F${i + 1}`, question: f.question, answer: f.answer, topic: f.topic }));
  const index = make(entries);
  let top1 = 0;
  let top3 = 0;
  const misses: FaqEvaluation['misses'] = [];
  for (const c of FAQ_CASES) {
    const want = entries.filter((e) => e.question.includes(c.expect));
    const [one] = want;
    if (want.length !== 1 || !one) throw new Error(`"${c.expect}" names ${want.length} FAQ entries, not one`);
    const got = index.search(c.q, { limit: 3 }).map((h) => h.id);
    if (got[0] === one.id) top1++;
    if (got.includes(one.id)) top3++;
    else misses.push({ q: c.q, expected: one.question, got: got.map((id) => entries.find((e) => e.id === id)!.question) });
  }
  return { cases: FAQ_CASES.length, top1, top3, misses };
}
