// The fakes' watchdog: moves the fake clock by each remote call's planning cost and stops an execution past Google's limit.
import { GoogleLimitExceeded, INTERACTION_MS, SCRIPT_RUNTIME_MS } from '../../core/google-limits';
import type { ExecutionKind, MeterObserver } from '../../store/ports';

/** Google's limit for a kind of execution (see core/google-limits.ts for the sources). */
export function executionLimitMs(kind: ExecutionKind): number {
  return kind === 'job' ? SCRIPT_RUNTIME_MS : INTERACTION_MS;
}

/**
 * Time in the fakes passes as it would on Apps Script: every remote call moves the clock by its planning cost, so a job
 * that watches the clock stops in time, and an execution that would run past 30 s (an interaction) or 6 minutes (any
 * execution) throws GoogleLimitExceeded — and keeps throwing on every later call, as Google would have killed it.
 */
export class ExecutionWatchdog implements MeterObserver {
  private kind: ExecutionKind | undefined;
  private startMs = 0;
  /** Modeled time of the calls, for a clock that is not moved (the local workspace runs on wall-clock time). */
  private callsMs = 0;
  /** The longest execution seen (modeled), for the bench. */
  longestMs = 0;
  tripped: GoogleLimitExceeded | undefined;

  /** `moveClock`: tests and the bench move their clock by each call's cost; the local workspace keeps wall-clock time. */
  constructor(private readonly clock: { now(): Date; advance(ms: number): void }, private readonly moveClock = true) {}

  begin(kind: ExecutionKind): void {
    this.kind = kind;
    this.startMs = this.clock.now().getTime();
    this.callsMs = 0;
    this.tripped = undefined;
  }

  call(kind: string, modeledMs: number): void {
    if (this.tripped) throw this.tripped;
    if (this.moveClock) this.clock.advance(modeledMs);
    else this.callsMs += modeledMs;
    if (!this.kind) return;
    const elapsed = this.elapsedMs();
    this.longestMs = Math.max(this.longestMs, elapsed);
    const limit = executionLimitMs(this.kind);
    if (elapsed > limit) {
      this.tripped = new GoogleLimitExceeded(
        `Exceeded maximum execution time: ${this.kind} execution at ${Math.round(elapsed)} ms (modeled) > ${limit} ms, at a ${kind} call`);
      throw this.tripped;
    }
  }

  /** Modeled time since the execution began. */
  elapsedMs(): number {
    return this.clock.now().getTime() - this.startMs + this.callsMs;
  }

  /** The execution is over (no limit applies between executions); a limit hit that the code swallowed still fails. */
  end(): void {
    this.kind = undefined;
    const tripped = this.tripped;
    this.tripped = undefined;
    if (tripped) throw tripped;
  }
}
