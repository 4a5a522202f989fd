// A scripted google.script.run for the sidebar's unit tests: records each sidebarCall and answers it as told (data, a
// server message, a failure, or text that is no JSON), asynchronously as Apps Script does.
import { setRunner } from '../../src/sidebar/api';
import { runWork } from '../../src/sidebar/run-work';
import type { State } from '../../src/sidebar/state';

export type Answer = { ok: unknown } | { fail: unknown };

/**
 * One google.script.run runner (a fresh one per use, as Apps Script gives): records the call, and answers it after the
 * current task through the success or failure handler.
 */
export function fakeRunner(answer: (name: string, payload: Record<string, unknown>) => Answer, calls: { name: string; payload: Record<string, unknown> }[]) {
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
}

export function scriptedRun(answer: (name: string, payload: Record<string, unknown>) => Answer) {
  const calls: { name: string; payload: Record<string, unknown> }[] = [];
  setRunner(() => fakeRunner(answer, calls));
  return calls;
}

/**
 * A Ui for view tests: render counts (and `onRender`, e.g. to rebuild the tree), run() the console's own (runWork), downloads kept, files read as `readFile` says.
 */
export function fakeUi<S>(state: S, opts: { onRender?: () => void; readFile?: (f: { name: string }) => Promise<string> } = {}) {
  const ui = {
    state, renders: 0, downloads: [] as { fileName: string; text: string; mimeType?: string }[],
    render() { ui.renders++; opts.onRender?.(); },
    run<T>(work: () => Promise<T>, done?: string | ((v: T) => string | undefined)): Promise<T | undefined> {
      return runWork(state as unknown as Pick<State, 'busy' | 'status'>, () => ui.render(), work, done);
    },
    download(fileName: string, text: string, mimeType?: string) { ui.downloads.push({ fileName, text, mimeType }); },
    readFile: opts.readFile ?? (async (f: { name: string }) => Buffer.from(`bytes of ${f.name}`).toString('base64')),
  };
  return ui;
}

export const settle = () => new Promise((r) => setTimeout(r, 0));
