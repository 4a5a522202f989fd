// The admin console in the records spreadsheet's sidebar (HtmlService): boots, asks the server for its strings, renders.
import type { StringsData } from '../contract/sidebar';
import { call, setStrings, t } from './api';
import { appView, openTab } from './app';
import { runWork } from './run-work';
import { initialState, type Ui } from './state';
import { h, toDom } from './vdom';

const state = initialState();
const root = (): HTMLElement => document.getElementById('app')!;

function render(): void {
  root().replaceChildren(toDom(appView(state, ui), document));
}

const ui: Ui = {
  state,
  render,
  run: (work, done) => runWork(state, render, work, done),
  download(fileName, text, mimeType = 'text/csv;charset=utf-8') {
    // A BOM so spreadsheet programs read the file as UTF-8 (æøå).
    const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: mimeType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  readFile(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  },
};

async function boot(): Promise<void> {
  try {
    const s = await call<StringsData>('sidebar.strings');
    setStrings(s.strings);
    document.documentElement.lang = s.locale;
    if (!s.isAdmin) {
      root().replaceChildren(toDom(h('p', { class: 'status error', role: 'alert' }, t('admin.notAdmin')), document));
      return;
    }
    openTab(ui, 'dashboard');
  } catch (err) {
    root().replaceChildren(toDom(h('p', { class: 'status error', role: 'alert' }, err instanceof Error ? err.message : String(err)), document));
  }
}

/** Set by the page's first script when a frame other than Google's (or the local workspace) holds it: nothing starts. */
const framedElsewhere = (window as unknown as { kompetentFramedBy?: string }).kompetentFramedBy !== undefined;
if (!framedElsewhere) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void boot());
  else void boot();
}
