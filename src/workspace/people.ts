// Who am I: the demo personas first, then anyone in the records by name or e-mail, with what the access rules make them.
import { normaliseEmail } from '../core/records/cells';
import { DEMO_PERSONAS } from '../demo';
import type { Workspace } from './workspace';

export interface PersonEntry { email: string; name: string; unit?: string; locale: string; kinds: string[]; persona?: string }

const PERSONA_LABELS: Record<string, string> = {
  staff: 'Ansatt', leader: 'Leder', leaderGuide: 'Leder og guide', admin: 'HR / administrator', guide: 'Google-guide',
  newHire: 'Nyansatt', unknown: 'Ukjent bruker',
};

export function person(ws: Workspace, email: string): PersonEntry {
  const e = normaliseEmail(email);
  const d = ws.directory();
  const emp = d.byEmail.get(e);
  const unit = emp ? d.dir.units.find((u) => u.unitId === emp.unitId)?.name : undefined;
  const persona = Object.entries(DEMO_PERSONAS).find(([, v]) => v === e)?.[0];
  return {
    email: e, name: emp?.name ?? profileName(e), unit, locale: emp?.locale ?? 'nb', kinds: ws.kindsOf(e),
    ...(persona ? { persona: PERSONA_LABELS[persona] ?? persona } : {}),
  };
}

/**
 * The name Google's profile would give someone who is not in the records (Chat's `user.displayName`): the words of the
 * address before the @, capitalised ("tilkalling.vikar@…" → "Tilkalling Vikar").
 */
export function profileName(email: string): string {
  const words = (email.split('@')[0] ?? '').split(/[._-]+/).filter(Boolean);
  return words.length ? words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') : email;
}

export function people(ws: Workspace, q: string, limit = 30) {
  const needle = q.trim().toLowerCase();
  const personas = Object.values(DEMO_PERSONAS).map((e) => person(ws, e));
  const found = needle.length === 0 ? [] : ws.directory().employees
    .filter((p) => p.name.toLowerCase().includes(needle) || p.email.includes(needle))
    .slice(0, limit)
    .map((p) => person(ws, p.email));
  return { personas, people: found };
}
