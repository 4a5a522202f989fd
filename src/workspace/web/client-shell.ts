// The workspace's top bar: who am I (demo personas and search, with access kinds), the movable clock, and the jobs.
import { ICON } from './icons';
import { api, type PersonEntry } from './client-api';
import { $, avatar, esc, fmtDateTime, kindBadges, S, toast } from './client-state';

export function drawAccount(): void {
  const me = S.st?.me;
  if (!me) return;
  $('#who-button').innerHTML = `${avatar(me.name)}<span class="ws-account-text"><span class="ws-account-name">${esc(me.name)}</span>`
    + `<span class="ws-account-kinds">${kindBadges(me.kinds)}</span></span><span class="ws-caret">${ICON.caret}</span>`;
  $('#who-button').setAttribute('aria-label', `Du er ${me.name} (${me.email}). Bytt person`);
}

function personRow(p: PersonEntry): string {
  return `<button class="ws-person${p.email === S.me ? ' active' : ''}" data-person="${esc(p.email)}" role="menuitem">${avatar(p.name)}
    <span class="ws-person-text"><span class="ws-person-name">${esc(p.name)}${p.persona ? ` <span class="ws-muted">· ${esc(p.persona)}</span>` : ''}</span>
    <span class="ws-person-sub">${esc(p.unit ?? p.email)}</span></span><span class="ws-person-kinds">${kindBadges(p.kinds)}</span></button>`;
}

export async function drawPeople(q = ''): Promise<void> {
  const r = await api.people(q);
  const found = q.trim() === '' ? '' : r.people.length
    ? `<div class="ws-rail-section">Treff</div>${r.people.map(personRow).join('')}`
    : '<p class="ws-muted ws-pad">Ingen treff i registeret – skriv e-posten under for å være en ukjent bruker.</p>';
  $('#who-list').innerHTML = `<div class="ws-rail-section">Demo-personer</div>${r.personas.map(personRow).join('')}${found}`;
}

export function drawClock(): void {
  if (!S.st) return;
  $('#clock').textContent = fmtDateTime(S.st.now);
  $('#clock-menu').innerHTML = `<div class="ws-pop-title">Flytt klokka fram</div>
    <div class="ws-clock-steps">${[['1 time', 'hours', 1], ['1 dag', 'days', 1], ['1 uke', 'days', 7], ['30 dager', 'days', 30], ['90 dager', 'days', 90]]
    .map(([label, unit, n]) => `<button data-advance-${unit}="${n}">+${label}</button>`).join('')}</div>
    <form id="clock-to" class="ws-clock-to"><label>Gå til dato <input type="date" id="clock-date" min="${esc(S.st.today)}" value="${esc(S.st.today)}"></label><button type="submit">Gå</button></form>
    <p class="ws-muted">I dag er ${esc(S.st.today)} i arbeidsflaten. Flytter du klokka, bygges lesemodellen på nytt; jobbene kjører du selv.</p>`;
  $('#jobs-menu').innerHTML = `<div class="ws-pop-title">Tidsstyrte jobber</div>${S.st.jobs.map((j) => `<div class="ws-job">
      <div><b>${esc(j.label)}</b><span class="ws-muted">${esc(j.schedule)}${j.handled ? '' : ' · ikke laget ennå'}</span></div>
      <button data-job="${esc(j.name)}" ${j.handled ? '' : 'title="Ingen handler er registrert for denne jobben ennå"'}>Kjør nå</button></div>`).join('')}`;
}

/** The top bar's buttons and the menus they open. */
const POPS: readonly (readonly [button: string, menu: string])[] = [['#who-button', '#who-menu'], ['#clock-button', '#clock-menu'], ['#jobs-button', '#jobs-menu']];

export function togglePop(button: string, pop: string, open?: boolean): void {
  const el = $(pop);
  const show = open ?? el.hidden;
  for (const [b, p] of POPS) {
    if (p !== pop) { $(p).hidden = true; $(b).setAttribute('aria-expanded', 'false'); }
  }
  el.hidden = !show;
  $(button).setAttribute('aria-expanded', String(show));
}

export function closePops(): void {
  for (const [b, p] of POPS) {
    $(p).hidden = true;
    $(b).setAttribute('aria-expanded', 'false');
  }
  const km = document.getElementById('kompetent-menu-items');
  if (km) km.hidden = true;
}

export async function runJob(name: string): Promise<void> {
  const r = await api.job(name);
  const label = S.st?.jobs.find((j) => j.name === name)?.label ?? 'Jobben';
  const parts = [`${r.mails} e-post${r.mails === 1 ? '' : 'er'}`, `${r.messages} chatmelding${r.messages === 1 ? '' : 'er'}`];
  if (!r.handled) toast(`${label}: finnes ikke ennå`, 'error');
  else if (r.errors.length) toast(`${label} feilet: ${r.errors[0]}`, 'error');
  else toast(`${label} er kjørt: ${parts.join(', ')} sendt`);
}
