// A worker thread of the sign-up race: its own read model (stale, as on another Apps Script instance), the shared records
// on disk, and a lock shared through Atomics — then 25 sign-ups as fast as it can, after a common start signal.
import { parentPort, workerData } from 'node:worker_threads';
import { guarded } from '../../../../../src/app/pipeline/handle';
import { allHandlers } from '../../../../../src/app/pipeline/router';
import { localPorts, MovableClock } from '../../../../../src/adapters/memory/memory-services';
import { CsvWorkbook } from '../../../../../src/adapters/node/csv-workbook';
import { ReadModel } from '../../../../../src/store/read-model';
import { rebuildReadModel } from '../../../../../src/store/rebuild';
import type { LockPort } from '../../../../../src/store/ports';
import { ACTIONS } from '../../../../../src/contract/actions';

interface Input { dir: string; lock: SharedArrayBuffer; start: SharedArrayBuffer; worker: number; emails: string[]; sessionId: string; now: string }
const input = workerData as Input;

/** LockService semantics across threads: wait up to timeoutMs for the one lock. */
class AtomicsLock implements LockPort {
  private readonly cell = new Int32Array(input.lock);
  tryLock(timeoutMs: number): boolean {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (Atomics.compareExchange(this.cell, 0, 0, 1) === 0) return true;
      const left = until - Date.now();
      if (left <= 0) return false;
      Atomics.wait(this.cell, 0, 1, left);
    }
  }
  release(): void {
    Atomics.store(this.cell, 0, 0);
    Atomics.notify(this.cell, 0, 1);
  }
}

const clock = new MovableClock('Europe/Oslo', () => Date.parse(input.now));
const base = localPorts(new CsvWorkbook(input.dir), { clock, idSalt: `w${input.worker}-` });
const ports = { ...base, lock: new AtomicsLock() };
rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g0', ports.codec), { now: input.now, today: clock.today(), generation: 'g0' });
const handlers = allHandlers();

// Everyone starts together.
const start = new Int32Array(input.start);
Atomics.add(start, 1, 1);
Atomics.notify(start, 1);
Atomics.wait(start, 0, 0);

const replies: { email: string; text: string; busy: number }[] = [];
for (const email of input.emails) {
  const event = { commonEventObject: { hostApp: 'GMAIL', parameters: { action: ACTIONS.signUp, sessionId: input.sessionId } } };
  // Told "many are making changes, try again" (the lock was not had within its wait: nothing written), a person clicks
  // again — as people do. How long the lock is waited for depends on this machine's load; what is written must not.
  let busy = 0;
  for (;;) {
    const { reply } = guarded(ports, handlers, event, { host: 'gmail', action: 'home', userEmail: email });
    const text = JSON.stringify(reply);
    if (text.includes('Prøv igjen om et øyeblikk') && busy < 20) { busy++; continue; }
    replies.push({ email, text, busy });
    break;
  }
}
parentPort!.postMessage(replies);
