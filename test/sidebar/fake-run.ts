// A scripted google.script.run for the sidebar's unit tests: records each sidebarCall and answers it as told (data, a
// server message, a failure, or text that is no JSON), asynchronously as Apps Script does.
import { setRunner } from '../../src/sidebar/api';

export type Answer = { ok: unknown } | { fail: unknown };

export function scriptedRun(answer: (name: string, payload: Record<string, unknown>) => Answer) {
  const calls: { name: string; payload: Record<string, unknown> }[] = [];
  setRunner(() => {
    let ok: (v: unknown) => void = () => undefined;
    let fail: (e: unknown) => void = () => undefined;
    const run = {
      withSuccessHandler(fn: (v: unknown) => void) { ok = fn; return run; },
      withFailureHandler(fn: (e: unknown) => void) { fail = fn; return run; },
      sidebarCall(name: string, json: string) {
        const payload = JSON.parse(json) as Record<string, unknown>;
        calls.push({ name, payload });
        const a = answer(name, payload);
        void Promise.resolve().then(() => ('ok' in a ? ok(a.ok) : fail(a.fail)));
      },
    };
    return run;
  });
  return calls;
}

/**
 * A Ui for view tests: render counts (and `onRender`, e.g. to rebuild the tree), run() as the console runs it (busy
 * flag, status line), downloads kept, files read as `readFile` says.
 */
export function fakeUi<S>(state: S, opts: { onRender?: () => void; readFile?: (f: { name: string }) => Promise<string> } = {}) {
  const ui = {
    state, renders: 0, downloads: [] as { fileName: string; text: string; mimeType?: string }[],
    render() { ui.renders++; opts.onRender?.(); },
    async run<T>(work: () => Promise<T>, done?: string | ((v: T) => string | undefined)): Promise<T | undefined> {
      const s = state as unknown as { busy: boolean; status?: { text: string; error: boolean } };
      s.busy = true;
      try {
        const v = await work();
        const text = typeof done === 'function' ? done(v) : done;
        if (text) s.status = { text, error: false };
        return v;
      } catch (e) {
        s.status = { text: e instanceof Error ? e.message : String(e), error: true };
        return undefined;
      } finally { s.busy = false; ui.render(); }
    },
    download(fileName: string, text: string, mimeType?: string) { ui.downloads.push({ fileName, text, mimeType }); },
    readFile: opts.readFile ?? (async (f: { name: string }) => Buffer.from(`bytes of ${f.name}`).toString('base64')),
  };
  return ui;
}

export const settle = () => new Promise((r) => setTimeout(r, 0));
