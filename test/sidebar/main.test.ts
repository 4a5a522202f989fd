// The console's entry point: the bundle HtmlService inlines (small, without zod, talking only through sidebarCall), and
// how it boots on a page — strings first, the dashboard for administrators, a plain refusal for others.
import * as esbuild from 'esbuild';
import { fakeDocument, fakeText, type FakeElement } from '../support/fake-dom';
import { fakeRunner, settle, type Answer } from './fake-run';

describe('the bundle', () => {
  it('bundles to a small script without zod (the sidebar talks JSON, the server validates)', () => {
    const out = esbuild.buildSync({ entryPoints: ['src/sidebar/main.ts'], bundle: true, minify: true, write: false, platform: 'browser', format: 'iife', target: 'es2019', logLevel: 'silent' });
    const js = out.outputFiles[0]!.text;
    expect(js.length).toBeLessThan(40_000);
    expect(js).not.toMatch(/ZodError|\$ZodType/);
    expect(js).toContain('sidebarCall');
  });
});

describe('boot (src/sidebar/main.ts against a fake page and google.script.run)', () => {
  const g = globalThis as Record<string, unknown>;
  afterEach(() => { delete g.document; delete g.window; delete g.google; });

  async function boot(answer: (name: string) => Answer, opts: { framedBy?: string; readyState?: string } = {}) {
    const doc = fakeDocument();
    const app = doc.createElement('div');
    const listeners: Record<string, () => void> = {};
    const page = { ...doc, readyState: opts.readyState ?? 'complete', documentElement: { lang: '' },
      getElementById: (id: string) => (id === 'app' ? app : null), addEventListener: (k: string, f: () => void) => { listeners[k] = f; } };
    g.document = page;
    g.window = opts.framedBy === undefined ? {} : { kompetentFramedBy: opts.framedBy };
    const seen: { name: string; payload: Record<string, unknown> }[] = [];
    // Each access of google.script.run gives a fresh runner, as Apps Script does.
    g.google = { script: { get run() { return fakeRunner((name) => answer(name), seen); } } };
    await jest.isolateModulesAsync(async () => { await import('../../src/sidebar/main'); });
    for (let i = 0; i < 6; i++) await settle();
    return { app, page, get calls() { return seen.map((c) => c.name); }, listeners };
  }
  const data = (d: unknown) => ({ ok: JSON.stringify({ kind: 'data', data: d }) });
  const strings = (isAdmin: boolean) => data({ locale: 'nb', email: 'x@k.no', isAdmin, strings: { 'admin.notAdmin': 'Bare for administratorer.', 'admin.title': 'Kompetent – administrasjon' } });

  it('asks for its strings, sets the page language and opens the dashboard for an administrator', async () => {
    const { app, page, calls } = await boot((name) => (name === 'sidebar.strings' ? strings(true) : { ok: JSON.stringify({ kind: 'notify', text: 'Prøv igjen.' }) }));
    expect(calls).toEqual(['sidebar.strings', 'admin.dashboard']);
    expect(page.documentElement.lang).toBe('nb');
    const root = app.childNodes[0] as FakeElement;
    expect(root.attributes.class).toBe('app');
    expect(fakeText(root)).toContain('Kompetent – administrasjon');
    expect(fakeText(root)).toContain('Prøv igjen.');
  });

  it('tells someone who is not an administrator, and loads nothing more', async () => {
    const { app, calls } = await boot(() => strings(false));
    expect(calls).toEqual(['sidebar.strings']);
    const p = app.childNodes[0] as FakeElement;
    expect([p.tagName, p.attributes.role, fakeText(p)]).toEqual(['P', 'alert', 'Bare for administratorer.']);
  });

  it('shows why it could not start when the strings call fails', async () => {
    const { app } = await boot(() => ({ fail: new Error('Authorisation is required') }));
    expect(fakeText(app.childNodes[0] as FakeElement)).toBe('Authorisation is required');
  });

  it('waits for DOMContentLoaded while the page loads, and does not start at all in a frame that is not Google\'s', async () => {
    const answer = (name: string) => (name === 'sidebar.strings' ? strings(true) : { ok: JSON.stringify({ kind: 'notify', text: 'x' }) });
    const loading = await boot(answer, { readyState: 'loading' });
    expect(loading.calls).toEqual([]);
    loading.listeners.DOMContentLoaded!();
    await settle(); await settle();
    expect(loading.calls).toEqual(['sidebar.strings', 'admin.dashboard']);
    const framed = await boot(answer, { framedBy: 'https://evil.example' });
    expect(framed.calls).toEqual([]);
    expect(framed.app.childNodes).toEqual([]);
  });
});
