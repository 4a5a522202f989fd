// Who am I: the demo personas first, then anyone in the records by name or e-mail, with what the access rules make them.
import { normaliseEmail } from '../core/records/cells';
import { DEMO_PERSONAS, type PersonaKey } from '../demo';
import { pickLocale, type Locale } from '../core/i18n';
import type { Workspace } from './workspace';

/** `persona` is the demo persona's key (the shell names it in the acting person's language: ws.persona.*). */
export interface PersonEntry { email: string; name: string; unit?: string; locale: string; kinds: string[]; persona?: PersonaKey }

export function person(ws: Workspace, email: string): PersonEntry {
  const e = normaliseEmail(email);
  const d = ws.directory();
  const emp = d.byEmail.get(e);
  const unit = emp ? d.dir.units.find((u) => u.unitId === emp.unitId)?.name : undefined;
  const persona = (Object.keys(DEMO_PERSONAS) as PersonaKey[]).find((k) => DEMO_PERSONAS[k] === e);
  return {
    email: e, name: emp?.name ?? profileName(e), unit, locale: emp?.locale ?? 'nb', kinds: ws.kindsOf(e),
    ...(persona ? { persona } : {}),
  };
}

/** The language the workspace speaks to someone in: their locale in the records, else nb. */
export function languageOf(ws: Workspace, email: string): Locale {
  return pickLocale(ws.directory().byEmail.get(normaliseEmail(email))?.locale);
}

/**
 * The name Google's profile would give someone who is not in the records (Chat's `user.displayName`): the words of the
 * address before the @, capitalised ("tilkalling.vikar@…" → "Tilkalling Vikar").
 */
export function profileName(email: string): string {
  const words = (email.split('@')[0] ?? '').split(/[._-]+/).filter(Boolean);
  return words.length ? words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') : email;
}

/** Text as one searches it: lower case, accents off, æ ø å as typed on a keyboard without them (ae, o, a). */
export function searchable(s: string): string {
  return s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[._-]+/g, ' ');
}

export function people(ws: Workspace, q: string, limit = 30) {
  const needle = searchable(q.trim());
  const personas = Object.values(DEMO_PERSONAS).map((e) => person(ws, e));
  // «Åse», «ase» and «ase.berg» all find Åse Berg (ase.berg@…); «Kjør» finds «Kjør» and «Kjor».
  const found = needle.trim().length === 0 ? [] : ws.directory().employees
    .filter((p) => searchable(p.name).includes(needle) || searchable(p.email).includes(needle))
    .slice(0, limit)
    .map((p) => person(ws, p.email));
  return { personas, people: found };
}
