// The demo course catalogue (~30 courses) with how often and where each is held; owners are filled in by the generator.
import type { Course } from '../core/records/tables';

export interface SessionPlan {
  /** ISO weekday the course usually runs (1 = Monday). */
  weekday: number;
  capacity: readonly [min: number, max: number];
  startHour: number;
  locations: readonly string[];
}

export interface CourseDef {
  course: Omit<Course, 'ownerEmail'>;
  /** Absent for e-learning and video: completed on one's own, imported from the learning platform. */
  plan?: SessionPlan;
}

const CARE_ROLES = ['sykepleier', 'helsefagarbeider', 'assistent-helse', 'vernepleier', 'miljoterapeut', 'lege', 'helsesykepleier', 'miljoarbeider'];
const KIDS_ROLES = ['barnehagelaerer', 'fagarbeider-bhg', 'assistent-bhg', 'assistent-skole'];
const LEADERS = ['kommunalsjef', 'virksomhetsleder', 'enhetsleder', 'avdelingsleder'];
const MEET = 'Google Meet';
const CARE_ROOMS = ['Helsehuset, kurssal 2', 'Solbakken sykehjem, kantina', 'Legevakten, undervisningsrommet'];
const TOWN_HALL_ROOM = 'Rådhuset møterom 3';
const TOWN_HALL = [TOWN_HALL_ROOM, 'Rådhuset, bystyresalen', 'Rådhuset møterom 5'];

const def = (
  courseId: string, title: string, competenceIds: string[], format: Course['format'], hours: number,
  description: string, targetRoleIds: string[] | undefined, plan?: SessionPlan, active = true,
): CourseDef => ({
  course: {
    courseId, title, competenceIds: competenceIds.length ? competenceIds : undefined, format, hours, description,
    targetRoleIds: targetRoleIds?.length ? targetRoleIds : undefined, active,
  },
  plan,
});
const plan = (weekday: number, capacity: [number, number], locations: readonly string[], startHour = 9): SessionPlan =>
  ({ weekday, capacity, startHour, locations });

export const COURSE_DEFS: CourseDef[] = [
  def('dhlr-oppfriskning', 'D-HLR oppfriskning', ['dhlr'], 'classroom', 3,
    'Årlig oppfriskning i hjerte-lunge-redning med hjertestarter, med praktisk trening på dukke.', CARE_ROLES,
    plan(2, [10, 16], CARE_ROOMS)),
  def('dhlr-grunnkurs', 'D-HLR grunnkurs for nyansatte', ['dhlr'], 'classroom', 4,
    'Grunnkurs i hjerte-lunge-redning med hjertestarter for nyansatte i helse og velferd.', CARE_ROLES,
    plan(4, [8, 12], CARE_ROOMS, 12)),
  def('legemiddel-elaering', 'Legemiddelhåndtering e-læring', ['legemiddel'], 'e-learning', 6,
    'E-læring med avsluttende test. Praktisk prøve signeres av leder på arbeidsplassen før delegering.',
    ['sykepleier', 'helsefagarbeider', 'vernepleier']),
  def('brannvern', 'Brannvernopplæring', ['brannvern'], 'classroom', 2,
    'Brannvernopplæring med slukkeøvelse. Ansvarlig leder signerer for årlig brannøvelse på arbeidsplassen.', undefined,
    plan(3, [20, 40], ['Brannstasjonen, øvingsrommet', ...TOWN_HALL.slice(1, 2)], 13)),
  def('brannvern-nyansatt', 'Brannvern for nyansatte', [], 'video', 0.5,
    'Kort video om rømningsveier, varsling og slukkeutstyr – sees før første vakt.', undefined),
  def('smittevern-praksis', 'Smittevern i praksis', ['smittevern'], 'classroom', 2,
    'Basale smittevernrutiner, håndhygiene og bruk av smittevernutstyr.', CARE_ROLES,
    plan(1, [15, 30], CARE_ROOMS, 13)),
  def('smittevern-elaering', 'Smittevern e-læring', ['smittevern'], 'e-learning', 1.5,
    'E-læring i basale smittevernrutiner.', CARE_ROLES),
  def('forstehjelp-bhg', 'Førstehjelp for barnehageansatte', ['forstehjelp'], 'classroom', 4,
    'Førstehjelp for barn: fremmedlegemer i luftveiene, allergi, brannskader og HLR på barn.', KIDS_ROLES,
    plan(4, [12, 20], ['Oppvekstsenteret, møterommet Lekeplassen', TOWN_HALL_ROOM], 8)),
  def('forstehjelp', 'Førstehjelp grunnkurs', ['forstehjelp'], 'classroom', 6,
    'Grunnleggende førstehjelp for voksne.', undefined, plan(5, [12, 24], TOWN_HALL, 8)),
  def('personvern', 'Personvern og GDPR – grunnkurs', ['personvern'], 'e-learning', 1,
    'Hva er en personopplysning, taushetsplikt og hvordan vi behandler opplysninger om innbyggere.', undefined),
  def('infosikkerhet', 'Informasjonssikkerhet for alle', ['infosikkerhet'], 'e-learning', 1,
    'Passord, tofaktor, phishing og sikker deling av dokumenter.', undefined),
  def('hms-grunn', 'HMS grunnopplæring', ['hms'], 'stream', 3,
    'Arbeidsmiljøloven, avvik, risikovurdering og verneombudets rolle.', undefined, plan(3, [30, 40], [MEET], 9)),
  def('hms-leder', 'HMS-opplæring for ledere', ['hms-leder'], 'classroom', 14,
    'Lovpålagt HMS-opplæring for ledere over to dager.', LEADERS, plan(1, [15, 25], TOWN_HALL)),
  def('verneombud', 'Verneombudsopplæring (40 timer)', ['hms-verneombud'], 'classroom', 40,
    'Grunnopplæring for verneombud og medlemmer av arbeidsmiljøutvalget.', ['verneombud'], plan(1, [15, 25], TOWN_HALL)),
  def('workspace-grunnkurs', 'Google Workspace grunnkurs', ['workspace'], 'stream', 2,
    'Gmail, Kalender, Drive og Chat – det du trenger den første uka.', undefined, plan(2, [25, 40], [MEET], 10)),
  def('chat-drive', 'Google Chat og Drive i hverdagen', ['chat-drive'], 'stream', 1.5,
    'Samarbeid i delte disker og Chat-rom i stedet for e-postvedlegg.', undefined, plan(4, [25, 40], [MEET], 13)),
  def('meet-kalender', 'Møter i Google Meet og Kalender', ['meet-kalender'], 'video', 1,
    'Opptak om å booke rom, dele kalender og holde gode Meet-møter.', undefined),
  def('forflytning', 'Forflytningsteknikk', ['forflytning'], 'classroom', 3,
    'Forflytning av pasienter med og uten hjelpemidler, skånsomt for både pasient og ansatt.', CARE_ROLES,
    plan(3, [8, 14], CARE_ROOMS)),
  def('vold-trusler', 'Forebygging og håndtering av vold og trusler', ['vold-trusler'], 'classroom', 6,
    'Risikovurdering, forebygging, ivaretakelse etter hendelser og avviksmelding.', ['miljoterapeut', 'miljoarbeider', 'vernepleier', 'barnevernspedagog'],
    plan(5, [12, 20], TOWN_HALL, 8)),
  def('opplysningsplikt', 'Opplysningsplikt til barnevernet', ['opplysningsplikt'], 'e-learning', 1,
    'Når og hvordan du melder bekymring til barnevernet.', ['laerer', 'spesialpedagog', 'barnehagelaerer', 'fagarbeider-bhg', 'assistent-bhg', 'assistent-skole', 'helsesykepleier', 'kulturskolelaerer']),
  def('tvang-kap9', 'Tvang og makt – kapittel 9 i praksis', ['tvang'], 'classroom', 6,
    'Regelverket om bruk av tvang og makt overfor personer med utviklingshemning, med case.', ['vernepleier', 'miljoterapeut'],
    plan(2, [12, 20], ['Granly bofellesskap, personalrommet', TOWN_HALL_ROOM], 8)),
  def('fse', 'FSE – årlig sikkerhetsopplæring', ['fse'], 'classroom', 4,
    'Årlig opplæring etter FSE med førstehjelp ved strømulykker.', ['driftstekniker'], plan(1, [8, 16], ['Driftsbasen, kantina'], 8)),
  def('varme-arbeider', 'Varme arbeider', ['varme-arbeider'], 'classroom', 7.5,
    'Sertifiseringskurs for varme arbeider med praktisk slukkeøvelse.', ['driftstekniker', 'fagarbeider'],
    plan(4, [8, 16], ['Brannstasjonen, øvingsrommet'], 8)),
  def('arbeidsvarsling', 'Arbeidsvarsling kurs 1', ['arbeidsvarsling'], 'classroom', 7.5,
    'Kurs 1 for alle som arbeider på eller ved vei.', ['fagarbeider'], plan(3, [10, 20], ['Driftsbasen, kantina'], 8)),
  def('leder-oppfolging', 'Oppfølgingskurs for ledere', ['lederopplaering'], 'classroom', 6,
    'Medarbeidersamtalen, oppfølging i prøvetid og vanskelige samtaler.', LEADERS, plan(4, [12, 24], TOWN_HALL)),
  def('forvaltningsrett', 'Forvaltningsrett for saksbehandlere', ['forvaltningsrett'], 'stream', 3,
    'Saksbehandlingsregler, enkeltvedtak, klage og innsyn.', ['saksbehandler', 'radgiver', 'arealplanlegger', 'barnevernspedagog'],
    plan(2, [20, 40], [MEET], 9)),
  def('arkiv', 'Arkiv og journalføring i praksis', ['arkiv'], 'stream', 2,
    'Hva er et arkivverdig dokument, og hvordan journalfører du fra Gmail og Drive.', ['saksbehandler', 'konsulent', 'hr-radgiver'],
    plan(3, [20, 40], [MEET], 13)),
  def('sheets-videre', 'Google Sheets for viderekomne', [], 'stream', 2,
    'Filtre, pivottabeller og skjemaer koblet til regneark.', undefined, plan(4, [20, 40], [MEET], 9)),
  def('guide-samling', 'Samling for Google-guider', [], 'stream', 1.5,
    'Månedlig samling: nyheter i Workspace, vanlige spørsmål og erfaringsdeling.', undefined, plan(5, [20, 40], [MEET], 12)),
  def('outlook-til-gmail', 'Fra Outlook til Gmail – overgangskurs', ['workspace'], 'classroom', 2,
    'Brukt under overgangen til Google Workspace; erstattet av grunnkurset.', undefined, undefined, false),
];

/** The first course with sessions that grants a competence (where a course certification is snapped to a session). */
export function sessionCourseFor(competenceId: string, prefer?: (def: CourseDef) => boolean): CourseDef | undefined {
  const candidates = COURSE_DEFS.filter((d) => d.plan && d.course.active && d.course.competenceIds?.includes(competenceId));
  return (prefer && candidates.find(prefer)) || candidates[0];
}
