// `npm start`: the local workspace on http://127.0.0.1:PORT — every Kompetent surface on the embedded CSV store.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { checkOrigin, HttpError, readJson, send } from './http';
import { sidebarPage, workspacePage } from './page';
import { languageOf } from './people';
import { GET, groupsOf, POST, type Answer } from './routes';
import { Workspace, type WorkspaceOptions } from './workspace';

export interface ServerOptions extends WorkspaceOptions {
  port: number;
  /** The project folder (out/, build/, src/workspace/web/*.css are served from it). */
  root: string;
}

export interface RunningServer { server: Server; ws: Workspace; url: string; port: number; close: () => Promise<void> }

const ASSETS: Record<string, [string, string]> = {
  'client.js': ['out/workspace-client.js', 'text/javascript; charset=utf-8'],
  'card.css': ['src/workspace/web/card.css', 'text/css; charset=utf-8'],
  'workspace.css': ['src/workspace/web/workspace.css', 'text/css; charset=utf-8'],
};

function isAnswer(v: unknown): v is Answer {
  return typeof v === 'object' && v !== null && 'body' in v && Buffer.isBuffer((v as Answer).body);
}

async function handle(ws: Workspace, root: string, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  checkOrigin(req, port);
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (path === '/') return send(res, 200, workspacePage(), 'text/html; charset=utf-8');
    if (path === '/sidebar') {
      const user = z.email().safeParse(url.searchParams.get('as') ?? '');
      if (!user.success) throw new HttpError(400, 'Query parameter `as` must be an e-mail');
      return send(res, 200, sidebarPage(root, user.data, languageOf(ws, user.data)), 'text/html; charset=utf-8');
    }
    if (path.startsWith('/assets/')) {
      const a = ASSETS[path.slice('/assets/'.length)];
      const file = a ? join(root, a[0]) : '';
      if (!a || !existsSync(file)) throw new HttpError(404, `No asset ${path}${a ? ' (run npm run build)' : ''}`);
      return send(res, 200, readFileSync(file), a[1]);
    }
    for (const [re, fn] of GET) {
      const m = re.exec(path);
      if (!m) continue;
      const out = fn(ws, url.searchParams, groupsOf(m));
      if (isAnswer(out)) return send(res, out.status ?? 200, out.body, out.type, out.headers);
      return send(res, 200, out);
    }
    throw new HttpError(404, `Not found: ${path}`);
  }
  if (req.method === 'POST') {
    const route = POST.find(([re]) => re.test(path));
    const m = route?.[0].exec(path);
    if (!route || !m) throw new HttpError(404, `Not found: POST ${path}`);
    const body = await readJson(req);
    return send(res, 200, route[1](ws, body, groupsOf(m), url.searchParams));
  }
  throw new HttpError(405, `Method ${req.method} is not allowed`);
}

/** Starts the workspace on 127.0.0.1 (port 0 = any free port). Refuses a data folder another server holds. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const ws = new Workspace(opts);
  let port = opts.port;
  const server = createServer((req, res) => {
    handle(ws, opts.root, port, req, res).catch((e: unknown) => {
      if (e instanceof HttpError) return send(res, e.status, { error: e.message });
      // A bug, not a bad request: logged here, and the server keeps serving.
      ws.ports.log.error(`${req.method} ${req.url} failed`, e instanceof Error ? e.stack : e);
      if (!opts.log) console.error(e);
      send(res, 500, { error: `Internal error: ${e instanceof Error ? e.message : String(e)}` });
    });
  });
  server.on('clientError', (_e, socket) => { if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'); });
  return new Promise((ok, fail) => {
    server.once('error', (e) => { ws.close(); fail(e); });
    server.listen(opts.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const close = () => new Promise<void>((done) => {
        server.closeAllConnections?.();
        server.close(() => { ws.close(); done(); });
      });
      ok({ server, ws, url: `http://127.0.0.1:${port}`, port, close });
    });
  });
}

function numberArg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got ${v}`);
  return n;
}

if (require.main === module) {
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.KOMPETENT_DATA ?? join(root, 'data'));
  const port = Number(process.env.PORT ?? 8080);
  const fresh = !existsSync(join(dataDir, 'records'));
  if (fresh) console.log(`Creating a demo municipality in ${dataDir} …`);
  startServer({ port, dataDir, root, employees: numberArg('employees') ?? 600, seed: numberArg('seed'), log: true }).then((s) => {
    console.log(`Kompetent local workspace: ${s.url}  (records in ${join(dataDir, 'records')}; Ctrl+C to stop)`);
    const stop = () => { void s.close().then(() => process.exit(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }).catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
