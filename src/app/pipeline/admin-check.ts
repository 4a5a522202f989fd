// Whether someone is an administrator (Settings adminEmails), for entry points that are not requests: set-up and the console page.
import { can, resolveActor } from '../../core/access';
import { ReadModel } from '../../store/read-model';
import { loadViews } from './load';
import type { Ports } from '../ports';

/** One read of the directory view (cache, else the small directory tables); false for an empty or unknown e-mail. */
export function isAdministrator(ports: Ports, email: string): boolean {
  if (!email) return false;
  const rm = new ReadModel(ports.cache, () => ports.ids.next('g'));
  const dir = loadViews(ports.workbook, rm, [], ports.clock.today()).dir;
  rm.flush();
  const actor = resolveActor(email, { units: dir.units, employeeByEmail: () => undefined, guideByEmail: () => undefined, adminEmails: dir.adminEmails });
  return can(actor, { do: 'administer' });
}
