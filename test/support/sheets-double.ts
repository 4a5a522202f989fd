// In-process Sheets API v4 double (real HTTP on 127.0.0.1, in a worker thread so sync transports can block on it).
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawCell } from '../../src/core/records/cells';
import { bundleForNode } from '../../src/adapters/node/sheets-node-transport';
import type { Fault, LogEntry, SeedOptions } from './sheets-double-worker';
import type { HandEdit, Sheet, Value } from './sheets-double-model';

export type { Fault, LogEntry, SeedOptions };

function toRaw(v: Value | undefined): RawCell {
  if (!v) return null;
  if ('stringValue' in v) return v.stringValue;
  if ('numberValue' in v) return v.numberValue;
  if ('boolValue' in v) return v.boolValue;
  return { formula: v.formulaValue };
}

/** A tab as stored: raw ExtendedValues, and the same as RawCells (header row first). */
export interface DumpedSheet extends Sheet { raw: RawCell[][] }

export class SheetsDouble {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly worker: Worker, readonly port: number) {
    worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.result);
    });
  }

  static async start(): Promise<SheetsDouble> {
    const worker = new Worker(bundleForNode(path.join(__dirname, 'sheets-double-worker.ts')));
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: { ready?: boolean; port?: number }) => (m.ready ? resolve(m.port!) : reject(new Error('double did not start'))));
    });
    return new SheetsDouble(worker, port);
  }

  /** Root to give SheetsWorkbook (`root`) and googleapis (`rootUrl`). */
  get url(): string { return `http://127.0.0.1:${this.port}`; }
  get tokenUrl(): string { return `${this.url}/token`; }

  private send<T>(op: string, ...args: unknown[]): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  /** An empty spreadsheet (no tabs). */
  create(spreadsheetId: string): Promise<void> { return this.send('create', spreadsheetId); }

  /** A tab as a person typed it: strings, numbers (dates as serials), booleans, `{formula}`; null = empty. */
  seed(spreadsheetId: string, title: string, header: string[], rows: RawCell[][], o?: SeedOptions): Promise<void> {
    return this.send('seed', spreadsheetId, title, header, rows, o);
  }

  async dump(spreadsheetId: string, title: string): Promise<DumpedSheet | undefined> {
    const s = await this.send<Sheet | undefined>('dump', spreadsheetId, title);
    if (!s) return undefined;
    const raw = s.cells.map((r) => {
      const out = Array.from({ length: r?.length ?? 0 }, (_, i) => toRaw(r[i]));
      while (out.length > 0 && out[out.length - 1] === null) out.pop();
      return out;
    });
    return { ...s, raw };
  }

  /** The next `times` requests on `route` answer `status` (with Google's error JSON, and Retry-After if given). */
  fail(f: Partial<Fault> & { status: number }): Promise<void> {
    return this.send('fail', { route: 'any', times: 1, ...f });
  }

  /** A person's structural edit of a tab, made just before the next batchUpdate that writes or appends cells to that tab. */
  handEdit(spreadsheetId: string, title: string, edit: HandEdit): Promise<void> { return this.send('handEdit', spreadsheetId, title, edit); }

  log(): Promise<LogEntry[]> { return this.send('log'); }
  clearLog(): Promise<void> { return this.send('clearLog'); }
  /** Accept this bearer token without a token request (a token googleapis was configured with). */
  allowToken(token: string): Promise<void> { return this.send('allowToken', token); }
  /** Verify assertions' RS256 signatures with this public key (and the issuer, if given). */
  requireAssertion(publicKeyPem: string, iss?: string): Promise<void> { return this.send('requireAssertion', { publicKeyPem, iss }); }
  /** The spreadsheet answers 403 PERMISSION_DENIED (not shared with the service account). */
  deny(spreadsheetId: string, denied = true): Promise<void> { return this.send('deny', spreadsheetId, denied); }
  reset(): Promise<void> { return this.send('reset'); }
  /** Moves the double's clock on (the Sheets API's per-minute quotas refill when the minute turns). */
  advanceClock(ms: number): Promise<void> { return this.send('advanceClock', ms); }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
