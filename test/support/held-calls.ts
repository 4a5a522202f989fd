// Which remote calls a request makes while it holds the script lock: the lock is wrapped, and the meter's counts at
// the moment it is taken are subtracted from those when it is given up (DESIGN.md: only the records read and write).
import type { LockPort, Meter } from '../../src/store/ports';

export interface HeldCalls {
  /** Calls by kind made while the lock was held, summed over every hold since `watchHeld`. */
  byKind(): Record<string, number>;
  /** How many times the lock was taken. */
  holds(): number;
}

export function watchHeld(ports: { lock: LockPort; meter: Meter }): HeldCalls {
  const lock = ports.lock;
  const sum: Record<string, number> = {};
  let at: Record<string, number> | undefined;
  let holds = 0;
  ports.lock = {
    holding: () => lock.holding?.() ?? false,
    tryLock: (ms: number) => {
      const ok = lock.tryLock(ms);
      if (ok) { holds++; at = { ...ports.meter.byKind }; }
      return ok;
    },
    release: () => {
      for (const [k, n] of Object.entries(ports.meter.byKind)) {
        const d = n - (at?.[k] ?? 0);
        if (d > 0) sum[k] = (sum[k] ?? 0) + d;
      }
      at = undefined;
      lock.release();
    },
  };
  return { byKind: () => ({ ...sum }), holds: () => holds };
}
