// The well-known demo people (the local workspace's "who am I" switch and tests): same e-mail for every seed and size.
export const DEMO_PERSONAS = {
  /** Nurse in a nursing-home ward: D-HLR expiring within weeks, the yearly fire drill expired. */
  staff: 'sunniva.nygard@kommune.example',
  /** Leader of Solbakken sykehjem and also of its ward where the staff persona works. */
  leader: 'oystein.hakonsen@kommune.example',
  /** Leader of Eplehagen barnehage who is also a Google-guide. */
  leaderGuide: 'ase.saether@kommune.example',
  /** HR adviser and course administrator, listed in Settings adminEmails. */
  admin: 'marte.kristiansen@kommune.example',
  /** Teacher at Haugen skole, a Google-guide. */
  guide: 'jonas.eriksen@kommune.example',
  /** Health worker hired weeks ago, in probation, fire safety overdue, police certificate pending. */
  newHire: 'amalie.ronning@kommune.example',
  /** A municipal account with no records at all (a temp): sees only the FAQ and may ask a question. */
  unknown: 'tilkalling.vikar@kommune.example',
} as const;

export type PersonaKey = keyof typeof DEMO_PERSONAS;

/** What the generator must guarantee for each persona; `leads` are unit names. */
export interface PersonaSpec {
  key: Exclude<PersonaKey, 'unknown'>;
  first: string;
  last: string;
  unitName: string;
  roleIds: string[];
  leads?: string[];
  /** Days before `today` the person started. */
  startedDaysAgo: number;
  locale: 'nb' | 'en' | 'sv';
}

export const SOLBAKKEN = 'Solbakken sykehjem';
export const SOLBAKKEN_WARD = 'Solbakken sykehjem, avdeling Furu';

export const PERSONA_SPECS: PersonaSpec[] = [
  { key: 'leader', first: 'Øystein', last: 'Håkonsen', unitName: SOLBAKKEN, roleIds: ['enhetsleder', 'sykepleier'],
    leads: [SOLBAKKEN, SOLBAKKEN_WARD], startedDaysAgo: 4380, locale: 'nb' },
  { key: 'staff', first: 'Sunniva', last: 'Nygård', unitName: SOLBAKKEN_WARD, roleIds: ['sykepleier'], startedDaysAgo: 2190, locale: 'nb' },
  { key: 'newHire', first: 'Amalie', last: 'Rønning', unitName: SOLBAKKEN_WARD, roleIds: ['helsefagarbeider'], startedDaysAgo: 40, locale: 'nb' },
  { key: 'leaderGuide', first: 'Åse', last: 'Sæther', unitName: 'Eplehagen barnehage', roleIds: ['enhetsleder', 'barnehagelaerer'],
    leads: ['Eplehagen barnehage'], startedDaysAgo: 3650, locale: 'nb' },
  { key: 'admin', first: 'Marte', last: 'Kristiansen', unitName: 'Kompetanse og lederutvikling', roleIds: ['hr-radgiver'],
    startedDaysAgo: 2920, locale: 'nb' },
  { key: 'guide', first: 'Jonas', last: 'Eriksen', unitName: 'Haugen skole', roleIds: ['laerer'], startedDaysAgo: 1460, locale: 'nb' },
];

/** Persona situations the certification history must show (competenceId → outcome relative to `today`). */
export const PERSONA_OUTCOMES: Partial<Record<PersonaKey, Record<string, { kind: 'expiring' | 'expired' | 'missing' | 'pending'; days?: number }>>> = {
  staff: { dhlr: { kind: 'expiring', days: 21 }, brannvern: { kind: 'expired', days: -20 } },
  newHire: {
    brannvern: { kind: 'missing' }, dhlr: { kind: 'missing' }, smittevern: { kind: 'missing' }, legemiddel: { kind: 'missing' },
    forflytning: { kind: 'missing' }, personvern: { kind: 'missing' }, infosikkerhet: { kind: 'missing' }, hms: { kind: 'missing' },
    politiattest: { kind: 'pending' },
  },
};
