// Fault injection for the exactly-once tests: a workbook whose writes fail the ways Google's do, a cache whose puts fail.
import type { CachePort, Meter, ReadRequest, ReadResult, WorkbookPort, WriteBatch, WriteResult } from '../../src/store/ports';
import { BackoffError, UncertainWriteError } from '../../src/store/write-errors';

/**
 * How the next write fails. `after`: applied, then the answer is lost (a 500 or a timeout after Google did the work).
 * `before`: refused before applying (a 429 / refused connection the sender gave up on). `backoff`: a 429 under the lock
 * (the sender will not sleep there). Any other write goes through.
 */
export type WriteFault = 'after' | 'before' | 'backoff';

export class FaultyWorkbook implements WorkbookPort {
  readonly faults: WriteFault[] = [];
  /** Runs before every write reaches the records (a person editing the sheet by hand between read and write). */
  beforeWrite?: () => void;
  writes = 0;

  constructor(readonly inner: WorkbookPort) {}
  get meter(): Meter { return this.inner.meter; }
  /** The inner workbook's person shards (the store routes new rows by them). */
  get shards() { return this.inner.shards; }
  read(requests: ReadRequest[]): ReadResult[] { return this.inner.read(requests); }
  tables(): string[] { return this.inner.tables(); }
  ensureTable(table: string, header: string[]): void { this.inner.ensureTable(table, header); }
  deleteRows(table: string, blocks: { from: number; to: number }[]) {
    if (!this.inner.deleteRows) throw new Error('deleteRows is not supported by the inner workbook');
    return this.inner.deleteRows(table, blocks);
  }
  write(batch: WriteBatch): WriteResult {
    this.beforeWrite?.();
    const f = this.faults.shift();
    if (f === 'before') throw new UncertainWriteError('batchUpdate', 'HTTP 503 before applying');
    if (f === 'backoff') throw new BackoffError(2000, 'batchUpdate');
    const res = this.inner.write(batch);
    this.writes++;
    if (f === 'after') throw new UncertainWriteError('batchUpdate', 'HTTP 500 after applying');
    return res;
  }
}

/** A cache whose next `failPuts` putAll calls throw (CacheService errors are real: quota, service unavailable). */
export class FaultyCache implements CachePort {
  failPuts = 0;
  constructor(readonly inner: CachePort) {}
  getAll(keys: string[]): Record<string, string> { return this.inner.getAll(keys); }
  putAll(values: Record<string, string>, ttl: number): void {
    if (this.failPuts > 0) { this.failPuts--; throw new Error('Service error: CacheService (injected)'); }
    this.inner.putAll(values, ttl);
  }
  removeAll(keys: string[]): void { this.inner.removeAll(keys); }
}
