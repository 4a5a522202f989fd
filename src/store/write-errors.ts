// The errors a Workbook write may throw (the Sheets adapter raises them; the pipeline catches them): part of the port.

/** A write whose answer was lost or was a 5xx: it may have applied. Re-check by idempotency key before writing again. */
export class UncertainWriteError extends Error {
  constructor(readonly what: string, readonly detail: string) {
    super(`${what}: the answer was lost (${detail}); the change may or may not have been applied`);
    this.name = 'UncertainWriteError';
  }
}

/** A retry that would have to wait while the lock is held: give the lock up first, then wait `waitMs` and try again. */
export class BackoffError extends Error {
  constructor(readonly waitMs: number, readonly what: string) {
    super(`${what}: Google asked to wait ${waitMs} ms; not waited under the lock`);
    this.name = 'BackoffError';
  }
}
