// `npm start`: the local workspace on http://127.0.0.1:PORT — every Kompetent surface on the embedded store.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { addonRoute, chatRoute, clockRoute, editRoute, healthRoute, HttpError, jobRoute, people, sheetRoute, state } from './workspace/routes';
import { workspacePage } from './workspace/page';
import { Workspace } from './workspace/workspace';

const MAX_BODY = 2_000_000;

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { fail(new HttpError(413, 'Request body too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') return ok({});
      try {
        ok(JSON.parse(text));
      } catch {
        fail(new HttpError(400, 'Malformed JSON in the request body'));
      }
    });
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/** Static assets built by scripts/build.mjs (out/) and the card styles from src. */
function asset(root: string, name: string): string | undefined {
  const files: Record<string, string> = {
    'client.js': join(root, 'out', 'workspace-client.js'),
    'card.css': join(root, 'src', 'local', 'web', 'card.css'),
    'workspace.css': join(root, 'src', 'local', 'web', 'workspace.css'),
  };
  const f = files[name];
  return f && existsSync(f) ? readFileSync(f, 'utf8') : undefined;
}

export function startServer(opts: { port: number; dataDir: string; root: string; employees?: number; log?: boolean }): Promise<{ server: Server; ws: Workspace; url: string }> {
  const ws = new Workspace({ dataDir: opts.dataDir, employees: opts.employees, log: opts.log });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    try {
      if (req.method === 'GET') {
        if (path === '/') return send(res, 200, workspacePage(), 'text/html; charset=utf-8');
        if (path.startsWith('/assets/')) {
          const name = path.slice('/assets/'.length);
          const text = asset(opts.root, name);
          if (text === undefined) throw new HttpError(404, `No asset ${name}`);
          return send(res, 200, text, name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
        }
        if (path === '/api/people') return send(res, 200, people(ws, url.searchParams.get('q') ?? ''));
        if (path === '/api/state') return send(res, 200, state(ws, url.searchParams.get('as') ?? ''));
        if (path.startsWith('/api/sheets/')) return send(res, 200, sheetRoute(ws, decodeURIComponent(path.slice('/api/sheets/'.length))));
        if (path === '/api/health') return send(res, 200, healthRoute(ws));
        throw new HttpError(404, `Not found: ${path}`);
      }
      if (req.method === 'POST') {
        const body = await readBody(req);
        if (path === '/api/chat') return send(res, 200, chatRoute(ws, body));
        if (path === '/api/addon') return send(res, 200, addonRoute(ws, body));
        if (path === '/api/sheets/edit') return send(res, 200, editRoute(ws, body));
        if (path === '/api/clock') return send(res, 200, clockRoute(ws, body));
        if (path.startsWith('/api/jobs/')) return send(res, 200, jobRoute(ws, path.slice('/api/jobs/'.length)));
        throw new HttpError(404, `Not found: ${path}`);
      }
      throw new HttpError(405, `Method ${req.method} not allowed`);
    } catch (e) {
      if (e instanceof HttpError) return send(res, e.status, { error: e.message });
      console.error(e);
      return send(res, 500, { error: 'Internal error (logged on the server)' });
    }
  });
  return new Promise((ok) => server.listen(opts.port, '127.0.0.1', () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : opts.port;
    ok({ server, ws, url: `http://127.0.0.1:${port}` });
  }));
}

if (require.main === module) {
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.KOMPETENT_DATA ?? join(root, 'data'));
  const employees = Number(process.env.KOMPETENT_EMPLOYEES ?? 600);
  startServer({ port: Number(process.env.PORT ?? 8080), dataDir, root, employees, log: true }).then(({ url }) => {
    console.log(`Kompetent local workspace: ${url}  (records in ${dataDir})`);
  });
}
