// Which read-model views a hand edit of the records makes stale (the onEdit trigger drops them; requests refill them).
import { normaliseEmail } from '../core/records/cells';
import { fieldOfHeader, tableOfTitle } from '../core/records/labels';
import { keyOfNeed } from './read-model';

const SHARD_OF_TABLE: Record<string, string> = {
  Units: 'dir', Guides: 'dir', Settings: 'dir',
  Roles: 'cat', Competences: 'cat', Requirements: 'cat', Courses: 'cat',
  Sessions: 'ses', Enrollments: 'ses',
  Faq: 'faq',
};

/**
 * `table` is the table's key or its tab title; `row` is the edited row by header name (as the sheet shows it: Norwegian
 * labels or the English keys of an older spreadsheet). Person data found by e-mail is dropped directly;
 * rows that only name an employee id (certifications, plan items…) ask for a rebuild soon.
 */
export function viewsAffectedByEdit(tab: string, row: Record<string, string>): { keys: string[]; rebuildSoon: boolean } {
  const table: string = tableOfTitle(tab) ?? tab;
  const field = (f: string) => Object.entries(row).find(([h]) => fieldOfHeader(table, h) === f)?.[1];
  const keys: string[] = [];
  if (SHARD_OF_TABLE[table]) keys.push(SHARD_OF_TABLE[table]);
  const email = table === 'Employees' ? field('email') : table === 'Questions' ? field('askerEmail') : undefined;
  if (email) keys.push(keyOfNeed({ person: normaliseEmail(email) }));
  const personTable = ['Employees', 'Certifications', 'Enrollments', 'PlanItems', 'SkillAssessments', 'Appraisals'].includes(table);
  return { keys, rebuildSoon: personTable && !email ? true : table === 'Employees' || keys.length === 0 };
}
