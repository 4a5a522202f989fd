// A small municipality's records in the Sheets double: units, roles, competences, courses, three people, one certificate.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TABLE_NAMES, headerOf, type TableName } from '../../../src/core/records/tables';
import type { Doubles, TestIo } from './harness';

export const RECORDS: Partial<Record<TableName, string[][]>> = {
  Units: [
    ['u-sol', 'Solbakken sykehjem', 'Helse og omsorg', '', 'leder.sol@kommune.example'],
    ['u-eple', 'Eplehagen barnehage', 'Oppvekst', '', 'leder.eple@kommune.example'],
    ['u-hjem', 'Hjemmetjenesten Øst', 'Helse og omsorg', '', ''],
  ],
  Roles: [['sykepleier', 'Sykepleier', ''], ['helsefagarbeider', 'Helsefagarbeider', ''], ['barnehagelaerer', 'Barnehagelærer', '']],
  Competences: [
    ['d-hlr', 'HLR med hjertestarter', 'mandatory', '24', 'expiry', '60', 'course', ''],
    ['brannvern', 'Brannvern', 'legal', '12', 'completion', '30', 'course', 'Forskrift om brannforebygging'],
    ['legemiddel', 'Legemiddelhåndtering', 'legal', '48', 'expiry', '90', 'course, sign-off', ''],
    ['smittevern', 'Smittevern', 'mandatory', '12', '', '', 'course', ''],
    ['forstehjelp-barn', 'Førstehjelp barn', 'mandatory', '24', '', '', 'course', ''],
  ],
  Courses: [
    ['c-hlr', 'HLR-kurs', 'd-hlr', 'classroom', '3', '', '', '', 'TRUE'],
    ['c-legemiddel', 'Legemiddelkurs med test', 'legemiddel', 'e-learning', '6', '', '', '', 'TRUE'],
  ],
  Employees: [
    ['1001', 'kari.nordmann@kommune.example', 'Kari Nordmann', 'u-sol', 'sykepleier', '', '2019-08-01', '', 'active', 'nb'],
    ['1002', 'ola.hansen@kommune.example', 'Ola Hansen', 'u-sol', 'helsefagarbeider', '', '', '', 'active', ''],
    ['1003', 'aase.saether@kommune.example', 'Åse Sæther', 'u-eple', 'barnehagelaerer', '', '', '', 'active', 'nb'],
  ],
  Certifications: [['cert-1', '1001', 'brannvern', '2025-01-10', '', 'session', '', '', 'valid', '']],
  Settings: [['adminEmails', 'hr.admin@kommune.example']],
};

let n = 0;

/** A spreadsheet with every table (header + the rows above), and a kompetent.json pointing at it in io.cwd. */
export async function municipality(d: Doubles, io: TestIo, extra: Partial<Record<TableName, string[][]>> = {}): Promise<string> {
  const id = `records-${++n}-${Date.now().toString(36)}`;
  await d.sheets.create(id);
  for (const t of TABLE_NAMES) {
    const rows = [...(RECORDS[t] ?? []), ...(extra[t] ?? [])];
    await d.sheets.seed(id, t, headerOf(t), rows.map((r) => r.map((c) => (c === '' ? null : c))));
  }
  fs.writeFileSync(path.join(io.cwd, 'kompetent.json'), JSON.stringify({ spreadsheetId: id }));
  return id;
}

/** The tab's rows as text (header first, empty cells as ''). */
export async function table(d: Doubles, id: string, t: TableName): Promise<string[][]> {
  const dump = await d.sheets.dump(id, t);
  const width = headerOf(t).length;
  return (dump?.raw ?? []).map((r) => Array.from({ length: Math.max(width, r.length) }, (_, i) => (r[i] === null || r[i] === undefined ? '' : String(r[i]))));
}
