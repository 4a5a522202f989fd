// A small, hand-made municipality for tests: a nursing home with a ward, a school, a few people, courses and sessions.
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../src/core/records/tables';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { encodeRow } from '../../src/store/table-parse';
import { localPorts, MovableClock } from '../../src/adapters/memory/memory-services';

export const TODAY = '2026-11-22';
export const PEOPLE = {
  kari: 'kari.nordmann@kommune.example', // nurse in the ward
  per: 'per.leder@kommune.example', // leads the nursing home (parent of the ward)
  guri: 'guri.hr@kommune.example', // HR admin
  ola: 'ola.guide@kommune.example', // teacher and guide
  stranger: 'ukjent@example.org',
};

type Data = { [T in TableName]?: Row<T>[] };

export function fixtureData(): Data {
  const emp = (employeeId: string, email: string, name: string, unitId: string, roleIds: string[], startDate = '2019-08-01'): Row<'Employees'> =>
    ({ employeeId, email, name, unitId, roleIds, managerEmail: undefined, startDate, probationEndsOn: undefined, status: 'active', locale: 'nb' });
  const cert = (certificationId: string, employeeId: string, competenceId: string, achievedOn: string, extra: Partial<Row<'Certifications'>> = {}): Row<'Certifications'> =>
    ({ certificationId, employeeId, competenceId, achievedOn, expiresOn: undefined, source: 'session', evidenceFileId: undefined, verifiedBy: undefined, state: 'valid', note: undefined, ...extra });
  return {
    Units: [
      { unitId: 'helse', name: 'Helse og velferd', area: 'Helse og velferd', parentUnitId: undefined, leaderEmails: [] },
      { unitId: 'solbakken', name: 'Solbakken sykehjem', area: 'Helse og velferd', parentUnitId: 'helse', leaderEmails: [PEOPLE.per] },
      { unitId: 'solbakken-a', name: 'Solbakken avdeling A', area: 'Helse og velferd', parentUnitId: 'solbakken', leaderEmails: [] },
      { unitId: 'haugen', name: 'Haugen skole', area: 'Oppvekst', parentUnitId: undefined, leaderEmails: [] },
    ],
    Roles: [
      { roleId: 'nurse', name: 'Sykepleier', description: undefined },
      { roleId: 'leader', name: 'Enhetsleder', description: undefined },
      { roleId: 'teacher', name: 'Lærer', description: undefined },
    ],
    Competences: [
      { competenceId: 'cpr', name: 'D-HLR', category: 'mandatory', validityMonths: 12, renewFrom: 'expiry', windowDays: 90, satisfiedBy: ['course'], legalBasis: undefined },
      { competenceId: 'fire', name: 'Brannvern', category: 'mandatory', validityMonths: 12, renewFrom: 'completion', windowDays: undefined, satisfiedBy: ['sign-off'], legalBasis: undefined },
      { competenceId: 'med', name: 'Legemiddelhåndtering', category: 'legal', validityMonths: 48, renewFrom: 'expiry', windowDays: 90, satisfiedBy: ['course', 'sign-off'], legalBasis: 'Forskrift om legemiddelhåndtering § 4' },
      { competenceId: 'gws', name: 'Google Workspace grunnkurs', category: 'digital', validityMonths: undefined, renewFrom: undefined, windowDays: undefined, satisfiedBy: ['course'], legalBasis: undefined },
    ],
    Requirements: [
      { roleId: 'nurse', competenceId: 'cpr', level: 'required', dueWithinDays: 90 },
      { roleId: 'nurse', competenceId: 'fire', level: 'required', dueWithinDays: 7 },
      { roleId: 'nurse', competenceId: 'med', level: 'required', dueWithinDays: 60 },
      { roleId: 'nurse', competenceId: 'gws', level: 'recommended', dueWithinDays: undefined },
      { roleId: 'teacher', competenceId: 'fire', level: 'required', dueWithinDays: 7 },
    ],
    Employees: [
      emp('E1', PEOPLE.kari, 'Kari Nordmann', 'solbakken-a', ['nurse']),
      emp('E2', PEOPLE.per, 'Per Leder', 'solbakken', ['leader']),
      emp('E3', PEOPLE.guri, 'Guri Hansen', 'helse', []),
      emp('E4', PEOPLE.ola, 'Ola Åsen', 'haugen', ['teacher']),
    ],
    Certifications: [
      cert('C1', 'E1', 'cpr', '2025-12-10'), // expires 2026-12-10: expiring
      cert('C2', 'E1', 'fire', '2025-10-01'), // expired 2026-10-01
      cert('C3', 'E1', 'med', '2024-05-01', { source: 'sign-off', verifiedBy: PEOPLE.per }),
      cert('C4', 'E4', 'fire', '2026-09-01'),
    ],
    Courses: [
      { courseId: 'K1', title: 'D-HLR oppfriskning', competenceIds: ['cpr'], format: 'classroom', hours: 3, description: 'Hjerte-lunge-redning med hjertestarter', ownerEmail: PEOPLE.guri, targetRoleIds: ['nurse'], active: true },
      { courseId: 'K2', title: 'Brannvernopplæring', competenceIds: ['fire'], format: 'classroom', hours: 2, description: undefined, ownerEmail: PEOPLE.guri, targetRoleIds: [], active: true },
    ],
    Sessions: [
      { sessionId: 'S1', courseId: 'K1', startsAt: '2026-12-03T08:00:00Z', endsAt: '2026-12-03T11:00:00Z', location: 'Rådhuset møterom 3', capacity: 12, instructorEmail: undefined, signupDeadline: '2026-12-01', status: 'open', calendarEventId: undefined },
      { sessionId: 'S2', courseId: 'K2', startsAt: '2026-12-10T12:00:00Z', endsAt: '2026-12-10T14:00:00Z', location: 'Solbakken', capacity: 2, instructorEmail: undefined, signupDeadline: undefined, status: 'open', calendarEventId: undefined },
    ],
    Enrollments: [],
    Guides: [{ email: PEOPLE.ola, unitIds: ['haugen'], topics: ['drive', 'docs'], active: true, capacityPerWeek: 5, since: '2025-01-01' }],
    Faq: [{ faqId: 'F1', question: 'Hvordan deler jeg en mappe i Drive?', answer: 'Høyreklikk på mappen og velg Del.', topic: 'drive', ownerEmail: PEOPLE.ola, publishedAt: '2026-01-10', reviewBy: '2027-01-10', helpful: 3, notHelpful: 0, views: 10 }],
    Settings: [
      { key: 'adminEmails', value: PEOPLE.guri },
      { key: 'guideForumSpace', value: 'spaces/GUIDES' },
      { key: 'expiringWindowDays', value: '90' },
    ],
  };
}

/** A workbook with every table (header row) and the fixture rows, encoded as a person would see them. */
export function fixtureWorkbook(data: Data = fixtureData()): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  for (const t of TABLE_NAMES) {
    const header = headerOf(t);
    const rows = ((data[t] ?? []) as Row<TableName>[]).map((r) => {
      const enc = encodeRow(t, r);
      return header.map((h) => enc[h] ?? null);
    });
    wb.seed(t, header, rows);
  }
  return wb;
}

export function fixturePorts(data?: Data) {
  const clock = new MovableClock('Europe/Oslo', () => Date.parse(`${TODAY}T09:00:00Z`));
  return localPorts(fixtureWorkbook(data), { clock });
}
