// The HTTP transport for Node (src/adapters/google/transport.ts): each request (or several together, in parallel) runs in a
// synckit worker thread while this thread waits.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createSyncFn } from 'synckit';
import type { HttpRequest, HttpResponse, HttpTransport } from '../google/transport';

/** How the worker authenticates: not at all (the caller sends its own Authorization header), or with googleapis. */
export type NodeAuth =
  | { kind: 'none' }
  | { kind: 'token'; accessToken: string }
  | {
      kind: 'service-account';
      keyFile?: string;
      credentials?: { client_email: string; private_key: string };
      scopes: string[];
      subject?: string;
    };

export interface NodeTransportOptions {
  auth?: NodeAuth;
  /** The worker script (.js). Default: sheets-node-worker.js next to this bundle, or the .ts source bundled once. */
  workerPath?: string;
  /** Longest wait for one request. */
  timeoutMs?: number;
}

export function createNodeSheetsTransport(o: NodeTransportOptions = {}): HttpTransport {
  const worker = o.workerPath ?? defaultWorkerPath();
  const run = createSyncFn<(req: HttpRequest | HttpRequest[], auth: NodeAuth) => Promise<HttpResponse | HttpResponse[]>>(worker, {
    timeout: o.timeoutMs ?? 60_000,
  });
  const auth = o.auth ?? { kind: 'none' };
  return {
    request: (req) => run(req, auth) as HttpResponse,
    requestAll: (reqs) => (reqs.length === 0 ? [] : (run(reqs, auth) as HttpResponse[])),
  };
}

/** Synchronous sleep for backoff on Node (the SheetsWorkbook's `sleep`). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function defaultWorkerPath(): string {
  const built = path.join(__dirname, 'sheets-node-worker.js');
  if (fs.existsSync(built)) return built;
  const source = path.join(__dirname, 'sheets-node-worker.ts');
  if (fs.existsSync(source)) return bundleForNode(source);
  throw new Error(`The Sheets worker script is missing: ${built} (run the Node build)`);
}

/**
 * Worker threads run JavaScript files, so a TypeScript worker (under jest, before a build) is bundled with esbuild
 * (a dev dependency, loaded only here) into node_modules/.cache; packages stay external and resolve from there.
 * The file name carries a hash of the output, so concurrent test processes never see a half-written file.
 */
export function bundleForNode(entry: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external',
    write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`esbuild wrote no output for ${entry}`);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = path.join(projectRoot(entry), 'node_modules', '.cache', 'kompetent-workers');
  const file = path.join(dir, `${path.basename(entry).replace(/\.ts$/, '')}-${hash}.js`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  }
  return file;
}

function projectRoot(from: string): string {
  let dir = path.dirname(path.resolve(from));
  while (!fs.existsSync(path.join(dir, 'node_modules'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`No node_modules above ${from}`);
    dir = up;
  }
  return dir;
}
