// A hand edit drops exactly the views it makes stale; edits that only name an employee id ask for a rebuild.
import { viewsAffectedByEdit } from '../../src/store/edit-invalidation';

it.each([
  ['Courses', { courseId: 'K1' }, ['cat'], false],
  ['Sessions', { sessionId: 'S1' }, ['ses'], false],
  ['Faq', { faqId: 'F1' }, ['faq'], false],
  ['Settings', { key: 'adminEmails' }, ['dir'], false],
  ['Employees', { email: 'Kari@K.no' }, ['p:kari@k.no'], true],
  ['Certifications', { employeeId: 'E1' }, [], true],
  ['Questions', { askerEmail: 'a@k.no' }, ['p:a@k.no'], false],
])('%s edit', (table, row, keys, rebuild) => {
  expect(viewsAffectedByEdit(table, row)).toEqual({ keys, rebuildSoon: rebuild });
});
