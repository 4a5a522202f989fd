// Who the code runs as in tests (as Google decides it), and the outbox job run as the Kompetent account.
import { guarded } from '../../src/app/pipeline/handle';
import type { Ports } from '../../src/app/ports';
import { allHandlers } from '../../src/app/pipeline/router';
import { KOMPETENT_ACCOUNT, type LocalServices } from '../../src/adapters/memory/memory-services';
import { ACTIONS } from '../../src/contract/actions';

const handlers = allHandlers();

/** Runs fn as this person: a request they started runs as them (MailApp would send from them, CalendarApp write theirs). */
export function asUser<T>(ports: Ports & { services?: LocalServices }, email: string, fn: () => T): T {
  const runAs = ports.services?.runAs;
  if (!runAs) return fn();
  const was = runAs.email;
  runAs.email = email;
  try {
    return fn();
  } finally {
    runAs.email = was;
  }
}

/** The minute's outbox job, run by its trigger as the Kompetent account. */
export function sendOutbox(ports: Ports & { services?: LocalServices }) {
  return asUser(ports, KOMPETENT_ACCOUNT, () => guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobOutbox, userEmail: '', fromTrigger: true }));
}
