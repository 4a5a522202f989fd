// The demo's roles, competence catalogue (with real re-certification intervals) and the role plans (requirements).
import type { Competence, Requirement, Role } from '../core/records/tables';

const role = (roleId: string, name: string, description?: string): Role => ({ roleId, name, description });

export const ROLES: Role[] = [
  role('kommunalsjef', 'Kommunalsjef', 'Leder for et kommunalområde'),
  role('virksomhetsleder', 'Virksomhetsleder', 'Leder for en virksomhet med flere enheter'),
  role('enhetsleder', 'Enhetsleder', 'Leder for en enhet (rektor, styrer, sykehjemsleder …) med personal-, fag- og økonomiansvar'),
  role('avdelingsleder', 'Avdelingsleder', 'Leder for en avdeling eller et team'),
  role('sykepleier', 'Sykepleier'),
  role('helsefagarbeider', 'Helsefagarbeider'),
  role('assistent-helse', 'Assistent i helse og omsorg', 'Ufaglært pleieassistent, ofte i helgestilling'),
  role('vernepleier', 'Vernepleier'),
  role('miljoterapeut', 'Miljøterapeut'),
  role('miljoarbeider', 'Miljøarbeider'),
  role('lege', 'Lege', 'Sykehjemslege, legevaktlege eller helsestasjonslege'),
  role('fysioterapeut', 'Fysioterapeut'),
  role('ergoterapeut', 'Ergoterapeut'),
  role('helsesykepleier', 'Helsesykepleier'),
  role('laerer', 'Lærer'),
  role('spesialpedagog', 'Spesialpedagog'),
  role('assistent-skole', 'Skoleassistent', 'Assistent i skole og SFO'),
  role('barnehagelaerer', 'Barnehagelærer', 'Pedagogisk leder eller barnehagelærer'),
  role('fagarbeider-bhg', 'Fagarbeider barnehage', 'Barne- og ungdomsarbeider i barnehage eller SFO'),
  role('assistent-bhg', 'Assistent barnehage'),
  role('barnevernspedagog', 'Barnevernspedagog'),
  role('saksbehandler', 'Saksbehandler'),
  role('radgiver', 'Rådgiver'),
  role('konsulent', 'Konsulent'),
  role('hr-radgiver', 'HR-rådgiver', 'Rådgiver i HR; kursadministrator og forvalter av kompetansekatalogen'),
  role('it-konsulent', 'IT-konsulent'),
  role('ingenior', 'Ingeniør'),
  role('arealplanlegger', 'Arealplanlegger'),
  role('fagarbeider', 'Fagarbeider', 'Fagarbeider i drift, park, vei, vann og avløp eller kjøkken'),
  role('driftstekniker', 'Driftstekniker', 'Vaktmester og driftstekniker i kommunale bygg'),
  role('renholder', 'Renholder'),
  role('bibliotekar', 'Bibliotekar'),
  role('kulturskolelaerer', 'Kulturskolelærer'),
  role('verneombud', 'Verneombud', 'Valgt verneombud (tilleggsrolle)'),
];

type CompetenceSpec = Omit<Competence, 'satisfiedBy'> & { satisfiedBy: string[] };
const comp = (c: CompetenceSpec): Competence => c;

export const COMPETENCES: Competence[] = [
  comp({ competenceId: 'legemiddel', name: 'Legemiddelhåndtering', category: 'legal', validityMonths: 48, renewFrom: 'expiry', windowDays: 90,
    satisfiedBy: ['course', 'sign-off'], legalBasis: 'Forskrift om legemiddelhåndtering § 4' }),
  comp({ competenceId: 'dhlr', name: 'Hjerte-lunge-redning med hjertestarter (D-HLR)', category: 'mandatory', validityMonths: 12, renewFrom: 'expiry',
    windowDays: 90, satisfiedBy: ['course'] }),
  comp({ competenceId: 'forstehjelp', name: 'Førstehjelp', category: 'mandatory', validityMonths: 24, renewFrom: 'expiry', windowDays: 90,
    satisfiedBy: ['course'] }),
  comp({ competenceId: 'brannvern', name: 'Brannvern og årlig brannøvelse', category: 'mandatory', validityMonths: 12, renewFrom: 'completion',
    windowDays: 60, satisfiedBy: ['sign-off'], legalBasis: 'Forskrift om brannforebygging' }),
  comp({ competenceId: 'smittevern', name: 'Smittevern', category: 'mandatory', validityMonths: 12, renewFrom: 'completion', windowDays: 60,
    satisfiedBy: ['course'], legalBasis: 'Forskrift om smittevern i helse- og omsorgstjenesten § 2-1' }),
  comp({ competenceId: 'politiattest', name: 'Politiattest fremvist (kvittering)', category: 'legal', satisfiedBy: ['document'],
    legalBasis: 'Politiattest: barnehageloven § 30, opplæringslova, helse- og omsorgstjenesteloven § 5-4' }),
  comp({ competenceId: 'taushetsplikt', name: 'Taushetserklæring', category: 'legal', satisfiedBy: ['document'], legalBasis: 'Forvaltningsloven § 13' }),
  comp({ competenceId: 'personvern', name: 'Personvern og GDPR – grunnopplæring', category: 'mandatory', validityMonths: 24, renewFrom: 'completion',
    windowDays: 60, satisfiedBy: ['course'], legalBasis: 'Personvernforordningen art. 32 og 39' }),
  comp({ competenceId: 'infosikkerhet', name: 'Informasjonssikkerhet', category: 'mandatory', validityMonths: 24, renewFrom: 'completion',
    windowDays: 60, satisfiedBy: ['course'] }),
  comp({ competenceId: 'hms', name: 'HMS og arbeidsmiljø – grunnopplæring', category: 'mandatory', satisfiedBy: ['course'],
    legalBasis: 'Arbeidsmiljøloven § 3-2' }),
  comp({ competenceId: 'hms-leder', name: 'HMS-opplæring for ledere', category: 'legal', satisfiedBy: ['course'], legalBasis: 'Arbeidsmiljøloven § 3-5' }),
  comp({ competenceId: 'hms-verneombud', name: 'Opplæring for verneombud (40 timer)', category: 'legal', satisfiedBy: ['course'],
    legalBasis: 'Arbeidsmiljøloven § 6-5' }),
  comp({ competenceId: 'workspace', name: 'Google Workspace – grunnleggende', category: 'digital', satisfiedBy: ['course'] }),
  comp({ competenceId: 'chat-drive', name: 'Google Chat og Drive i hverdagen', category: 'digital', satisfiedBy: ['course'] }),
  comp({ competenceId: 'meet-kalender', name: 'Møter i Google Meet og Kalender', category: 'digital', satisfiedBy: ['course'] }),
  comp({ competenceId: 'forflytning', name: 'Forflytningsteknikk', category: 'mandatory', validityMonths: 24, renewFrom: 'completion', windowDays: 60,
    satisfiedBy: ['course'] }),
  comp({ competenceId: 'vold-trusler', name: 'Forebygging og håndtering av vold og trusler', category: 'mandatory', validityMonths: 24,
    renewFrom: 'completion', windowDays: 90, satisfiedBy: ['course'], legalBasis: 'Forskrift om utførelse av arbeid kap. 23A' }),
  comp({ competenceId: 'opplysningsplikt', name: 'Opplysningsplikt til barnevernet', category: 'mandatory', validityMonths: 24,
    renewFrom: 'completion', windowDays: 90, satisfiedBy: ['course'], legalBasis: 'Barnevernsloven, barnehageloven og opplæringslova' }),
  comp({ competenceId: 'tvang', name: 'Tvang og makt (kapittel 9)', category: 'legal', validityMonths: 24, renewFrom: 'completion', windowDays: 90,
    satisfiedBy: ['course'], legalBasis: 'Helse- og omsorgstjenesteloven kap. 9' }),
  comp({ competenceId: 'fse', name: 'Sikkerhet ved arbeid i elektriske anlegg (FSE)', category: 'legal', validityMonths: 12, renewFrom: 'expiry',
    windowDays: 60, satisfiedBy: ['course'], legalBasis: 'Forskrift om sikkerhet ved arbeid i og drift av elektriske anlegg (FSE) § 7' }),
  comp({ competenceId: 'varme-arbeider', name: 'Sertifikat for varme arbeider', category: 'mandatory', validityMonths: 60, renewFrom: 'expiry',
    windowDays: 90, satisfiedBy: ['course'] }),
  comp({ competenceId: 'arbeidsvarsling', name: 'Arbeidsvarsling kurs 1', category: 'legal', validityMonths: 60, renewFrom: 'expiry', windowDays: 90,
    satisfiedBy: ['course'], legalBasis: 'Forskrift om offentlige vegers arbeidsvarsling' }),
  comp({ competenceId: 'lederopplaering', name: 'Lederopplæring og oppfølging av medarbeidere', category: 'recommended', satisfiedBy: ['course'] }),
  comp({ competenceId: 'forvaltningsrett', name: 'Forvaltningsrett for saksbehandlere', category: 'recommended', satisfiedBy: ['course'] }),
  comp({ competenceId: 'arkiv', name: 'Arkiv og journalføring', category: 'recommended', satisfiedBy: ['course'],
    legalBasis: 'Arkivlova' }),
];

type Req = readonly [competenceId: string, level: Requirement['level'], dueWithinDays: number];

/** Everyone's plan: fire safety before or just after the first shift, privacy and security within three months. */
const EVERYONE: Req[] = [
  ['brannvern', 'required', 7], ['taushetsplikt', 'required', 0], ['personvern', 'required', 90], ['infosikkerhet', 'required', 90],
  ['hms', 'required', 180], ['workspace', 'required', 30], ['chat-drive', 'recommended', 90], ['meet-kalender', 'recommended', 180],
];
const CARE: Req[] = [
  ['brannvern', 'required', 0], ['politiattest', 'required', 0], ['smittevern', 'required', 30], ['dhlr', 'required', 90],
  ['forflytning', 'required', 60], ['vold-trusler', 'recommended', 180],
];
const MEDICATION: Req[] = [['legemiddel', 'required', 90]];
const CHILDREN: Req[] = [['politiattest', 'required', 0], ['opplysningsplikt', 'required', 90], ['forstehjelp', 'recommended', 180]];
const KINDERGARTEN: Req[] = [...CHILDREN, ['forstehjelp', 'required', 90]];
const HOUSING: Req[] = [['tvang', 'required', 90], ['vold-trusler', 'required', 90]];
const CASEWORK: Req[] = [['forvaltningsrett', 'recommended', 365], ['arkiv', 'recommended', 365]];
const LEADER: Req[] = [['hms-leder', 'required', 180], ['lederopplaering', 'recommended', 365]];

const PLANS: Record<string, Req[]> = {
  kommunalsjef: LEADER,
  virksomhetsleder: LEADER,
  enhetsleder: LEADER,
  avdelingsleder: LEADER,
  sykepleier: [...CARE, ...MEDICATION],
  helsefagarbeider: [...CARE, ...MEDICATION],
  'assistent-helse': CARE,
  vernepleier: [...CARE, ...MEDICATION, ...HOUSING],
  miljoterapeut: [...CARE.filter(([c]) => c !== 'forflytning'), ...HOUSING],
  miljoarbeider: [['politiattest', 'required', 0], ['vold-trusler', 'required', 90], ['dhlr', 'recommended', 180]],
  lege: [['politiattest', 'required', 0], ['smittevern', 'required', 30], ['dhlr', 'required', 90]],
  fysioterapeut: [['politiattest', 'required', 0], ['smittevern', 'required', 30], ['forflytning', 'required', 60]],
  ergoterapeut: [['politiattest', 'required', 0], ['smittevern', 'required', 30], ['forflytning', 'required', 60]],
  helsesykepleier: [...CHILDREN, ['smittevern', 'required', 30], ['dhlr', 'required', 90]],
  laerer: CHILDREN,
  spesialpedagog: CHILDREN,
  'assistent-skole': [...CHILDREN, ['forstehjelp', 'required', 90]],
  barnehagelaerer: KINDERGARTEN,
  'fagarbeider-bhg': KINDERGARTEN,
  'assistent-bhg': KINDERGARTEN,
  barnevernspedagog: [['politiattest', 'required', 0], ['vold-trusler', 'required', 90], ...CASEWORK],
  saksbehandler: CASEWORK,
  radgiver: CASEWORK.slice(0, 1),
  konsulent: CASEWORK.slice(1),
  'hr-radgiver': CASEWORK,
  'it-konsulent': [],
  ingenior: [['forstehjelp', 'recommended', 365]],
  arealplanlegger: CASEWORK,
  fagarbeider: [['arbeidsvarsling', 'required', 30], ['forstehjelp', 'recommended', 180]],
  driftstekniker: [['fse', 'required', 30], ['varme-arbeider', 'required', 90], ['forstehjelp', 'recommended', 180]],
  renholder: [['smittevern', 'recommended', 90]],
  bibliotekar: [['forstehjelp', 'recommended', 365]],
  kulturskolelaerer: [['politiattest', 'required', 0], ['opplysningsplikt', 'required', 90]],
  verneombud: [['hms-verneombud', 'required', 180], ['forstehjelp', 'recommended', 365]],
};

/** One row per role and competence; "required" wins over "recommended", the shortest deadline wins. */
export function buildRequirements(): Requirement[] {
  const out: Requirement[] = [];
  for (const { roleId } of ROLES) {
    const byCompetence = new Map<string, Requirement>();
    const plan = roleId === 'verneombud' ? PLANS[roleId] ?? [] : [...EVERYONE, ...(PLANS[roleId] ?? [])];
    for (const [competenceId, level, dueWithinDays] of plan) {
      const prev = byCompetence.get(competenceId);
      if (!prev) { byCompetence.set(competenceId, { roleId, competenceId, level, dueWithinDays }); continue; }
      byCompetence.set(competenceId, {
        roleId, competenceId,
        level: prev.level === 'required' || level === 'required' ? 'required' : 'recommended',
        dueWithinDays: Math.min(prev.dueWithinDays ?? dueWithinDays, dueWithinDays),
      });
    }
    out.push(...byCompetence.values());
  }
  return out;
}
