// The local workspace's HTML shell; the browser client (src/local/web/client.ts) fills it in.
export function workspacePage(): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kompetent – lokal arbeidsflate</title>
<link rel="stylesheet" href="/assets/card.css">
<link rel="stylesheet" href="/assets/workspace.css">
</head>
<body>
<header class="ws-top">
  <div class="ws-brand"><span class="ws-logo" aria-hidden="true">K</span><span>Kompetent</span><small>lokal arbeidsflate</small></div>
  <nav class="ws-tabs" role="tablist">
    <button role="tab" data-tab="chat" aria-selected="true">Chat</button>
    <button role="tab" data-tab="gmail">Gmail</button>
    <button role="tab" data-tab="docs">Docs</button>
    <button role="tab" data-tab="sheets">Sheets</button>
  </nav>
  <div class="ws-tools">
    <label class="ws-who">Hvem er jeg <select id="who" aria-label="Hvem er jeg"></select></label>
    <input id="who-search" type="search" placeholder="Søk person…" aria-label="Søk etter person">
    <span id="clock" class="ws-clock" title="Arbeidsflatens klokke"></span>
    <button id="plus-day" title="Flytt klokka én dag fram">+1 dag</button>
    <button id="plus-month" title="Flytt klokka 30 dager fram">+30 d</button>
    <select id="job" aria-label="Planlagt jobb"></select><button id="run-job">Kjør jobb</button>
  </div>
</header>
<main id="app"></main>
<div id="toast" class="ws-toast" role="status" hidden></div>
<dialog id="dialog" class="ws-dialog"><div id="dialog-body"></div></dialog>
<script src="/assets/client.js"></script>
</body>
</html>`;
}
