// The HTML the local workspace serves: the shell page (filled in by src/workspace/web/client.ts) and the admin sidebar
// (build/sidebar.html) with a google.script.run shim that calls POST /api/sidebar.
import { ICON } from './web/icons';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { t, type Locale, type MessageKey } from '../core/i18n';
import { escapeHtml } from './web/card-html';

const ICONS = {
  chat: '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="#34a853" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/><path fill="#fff" d="M7 8h10v1.6H7zm0 3.4h7V13H7z"/></svg>',
  gmail: '<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="2" y="5" width="20" height="14" rx="2" fill="#fff" stroke="#ea4335" stroke-width="1.6"/><path d="M3 6.5l9 6.5 9-6.5" fill="none" stroke="#ea4335" stroke-width="2"/></svg>',
  docs: '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="#4285f4" d="M6 2h9l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z"/><path fill="#a1c2fa" d="M15 2v5h5z"/><path fill="#fff" d="M8 11h8v1.5H8zm0 3h8v1.5H8zm0 3h5v1.5H8z"/></svg>',
  sheets: '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="#0f9d58" d="M6 2h9l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z"/><path fill="#87ceac" d="M15 2v5h5z"/><path fill="#fff" d="M7.5 10h9v8h-9zm1.5 1.5v1.7h2.5v-1.7zm4 0v1.7h2.5v-1.7zm-4 3.2v1.8h2.5v-1.8zm4 0v1.8h2.5v-1.8z"/></svg>',
};

/** A word of the page in nb, with the key the client redraws it from in the acting person's language (client-shell.ts). */
const nb = (key: MessageKey) => escapeHtml(t('nb', key));
const words = (key: MessageKey) => `data-words="${key}">${nb(key)}`;
const attrs = (pairs: Record<string, MessageKey>) =>
  `data-words-attrs="${Object.entries(pairs).map(([a, k]) => `${a}=${k}`).join(' ')}" ${Object.entries(pairs).map(([a, k]) => `${a}="${nb(k)}"`).join(' ')}`;

export function workspacePage(): string {
  const tab = (id: keyof typeof ICONS, label: string, selected = false) =>
    `<button role="tab" data-tab="${id}" aria-selected="${selected}">${ICONS[id]}<span>${label}</span></button>`;
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${nb('ws.page.title')}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%231b5e7a'/%3E%3Ctext x='16' y='22' font-size='18' font-family='sans-serif' font-weight='700' fill='white' text-anchor='middle'%3EK%3C/text%3E%3C/svg%3E">
<link rel="stylesheet" href="/assets/card.css">
<link rel="stylesheet" href="/assets/workspace.css">
</head>
<body>
<header class="ws-top">
  <div class="ws-brand"><span class="ws-logo" aria-hidden="true">K</span><span class="ws-brand-name">Kompetent</span><span class="ws-brand-sub" ${words('ws.page.sub')}</span></div>
  <nav class="ws-tabs" role="tablist" ${attrs({ 'aria-label': 'ws.page.services' })}>
    ${tab('chat', 'Chat', true)}${tab('gmail', 'Gmail')}${tab('docs', 'Docs')}${tab('sheets', 'Sheets')}
  </nav>
  <div class="ws-tools">
    <div class="ws-pop-wrap">
      <button id="clock-button" class="ws-chip" aria-haspopup="true" aria-expanded="false" ${attrs({ title: 'ws.page.clock' })}><span class="ws-chip-icon">${ICON.clock}</span><span id="clock"></span></button>
      <div id="clock-menu" class="ws-pop" hidden></div>
    </div>
    <div class="ws-pop-wrap">
      <button id="jobs-button" class="ws-chip" aria-haspopup="true" aria-expanded="false"><span class="ws-chip-icon">${ICON.gear}</span><span ${words('ws.page.jobs')}</span></button>
      <div id="jobs-menu" class="ws-pop" hidden></div>
    </div>
    <div class="ws-pop-wrap">
      <button id="who-button" class="ws-account" aria-haspopup="true" aria-expanded="false" ${attrs({ title: 'ws.page.who' })}></button>
      <div id="who-menu" class="ws-pop ws-pop-right" hidden>
        <input id="who-search" type="search" ${attrs({ placeholder: 'ws.page.search', 'aria-label': 'ws.page.searchLabel' })} autocomplete="off">
        <div id="who-list" class="ws-who-list"></div>
        <form id="who-other" class="ws-who-other"><input id="who-email" type="email" ${attrs({ placeholder: 'ws.page.other', 'aria-label': 'ws.page.otherLabel' })}><button type="submit" ${words('ws.page.use')}</button></form>
      </div>
    </div>
  </div>
</header>
<main id="app" aria-live="polite"></main>
<div id="toast" class="ws-toast" role="status" hidden></div>
<dialog id="dialog" class="ws-dialog" ${attrs({ 'aria-label': 'ws.page.dialog' })}>
  <div class="ws-dialog-head"><span class="ws-logo small" aria-hidden="true">K</span><span>Kompetent</span><button id="dialog-close" class="ws-icon-btn" ${attrs({ 'aria-label': 'ws.page.close' })}>${ICON.close}</button></div>
  <div id="dialog-body" class="ws-dialog-body"></div>
</dialog>
<script src="/assets/client.js"></script>
</body>
</html>`;
}

/** google.script.run for a page outside Apps Script: any server function name becomes POST /api/sidebar. */
function scriptRunShim(user: string): string {
  const u = JSON.stringify(user).replace(/</g, '\\u003c');
  return `<script>(function () {
  var USER = ${u};
  function runner(ok, fail) {
    var own = {
      withSuccessHandler: function (f) { return runner(f, fail); },
      withFailureHandler: function (f) { return runner(ok, f); },
      withUserObject: function () { return runner(ok, fail); }
    };
    return new Proxy(own, { get: function (t, name) {
      if (Object.prototype.hasOwnProperty.call(t, name)) return t[name];
      if (typeof name !== 'string') return undefined;
      return function () {
        var args = Array.prototype.slice.call(arguments);
        fetch('/api/sidebar', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: USER, fn: name, args: args }) })
          .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.statusText); return j.value; }); })
          .then(function (v) { if (ok) ok(v); }, function (e) { if (fail) fail(e); else console.error(e); });
      };
    } });
  }
  window.google = window.google || {};
  window.google.script = { run: runner(), host: {
    close: function () { parent.postMessage({ kompetent: 'closeSidebar' }, location.origin); },
    setHeight: function () {}, setWidth: function () {}, editor: { focus: function () {} }
  } };
})();</script>`;
}

/** build/sidebar.html as HtmlService would serve it to this user, or a note on how to build it. */
export function sidebarPage(root: string, user: string, lang: Locale = 'nb'): string {
  const file = join(root, 'build', 'sidebar.html');
  if (!existsSync(file)) {
    const text = escapeHtml(t(lang, 'ws.page.noSidebar')).replace('{command}', '<code>npm run build</code>');
    return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><body style="font-family:sans-serif;padding:16px;color:#444">${text}</body>`;
  }
  return readFileSync(file, 'utf8').replace(/<head>/i, () => `<head>${scriptRunShim(user)}`);
}
