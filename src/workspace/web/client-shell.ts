// The workspace's top bar: who am I (demo personas and search, with access kinds), the movable clock, and the jobs.
import { ICON } from './icons';
import { api, type PersonEntry } from './client-api';
import { $, avatar, esc, fmtDateTime, kindBadges, lang, S, toast, w } from './client-state';
import { formatDate, type MessageKey } from '../../core/i18n';

export function drawAccount(): void {
  const me = S.st?.me;
  if (!me) return;
  $('#who-button').innerHTML = `${avatar(me.name)}<span class="ws-account-text"><span class="ws-account-name">${esc(me.name)}</span>`
    + `<span class="ws-account-kinds">${kindBadges(me.kinds)}</span></span><span class="ws-caret">${ICON.caret}</span>`;
  $('#who-button').setAttribute('aria-label', w('ws.who.label', { name: me.name, email: me.email }));
  drawStatic();
}

function personRow(p: PersonEntry): string {
  return `<button class="ws-person${p.email === S.me ? ' active' : ''}" data-person="${esc(p.email)}" role="menuitem">${avatar(p.name)}
    <span class="ws-person-text"><span class="ws-person-name">${esc(p.name)}${p.persona ? ` <span class="ws-muted">· ${esc(w(`ws.persona.${p.persona}` as MessageKey))}</span>` : ''}</span>
    <span class="ws-person-sub">${esc(p.unit ?? p.email)}</span></span><span class="ws-person-kinds">${kindBadges(p.kinds)}</span></button>`;
}

export async function drawPeople(q = ''): Promise<void> {
  const r = await api.people(q);
  const found = q.trim() === '' ? '' : r.people.length
    ? `<div class="ws-rail-section">${esc(w('ws.who.found'))}</div>${r.people.map(personRow).join('')}`
    : `<p class="ws-muted ws-pad">${esc(w('ws.who.none'))}</p>`;
  $('#who-list').innerHTML = `<div class="ws-rail-section">${esc(w('ws.who.personas'))}</div>${r.personas.map(personRow).join('')}${found}`;
}

const CLOCK_STEPS: readonly (readonly [key: MessageKey, unit: 'hours' | 'days', n: number, shown: number])[] = [
  ['ws.clock.hours', 'hours', 1, 1], ['ws.clock.days', 'days', 1, 1], ['ws.clock.weeks', 'days', 7, 1], ['ws.clock.days', 'days', 30, 30], ['ws.clock.days', 'days', 90, 90],
];

export function drawClock(): void {
  if (!S.st) return;
  $('#clock').textContent = fmtDateTime(S.st.now);
  $('#clock-menu').innerHTML = `<div class="ws-pop-title">${esc(w('ws.clock.title'))}</div>
    <div class="ws-clock-steps">${CLOCK_STEPS.map(([key, unit, n, shown]) => `<button data-advance-${unit}="${n}">${esc(w(key, { n: shown }))}</button>`).join('')}</div>
    <form id="clock-to" class="ws-clock-to"><label>${esc(w('ws.clock.goTo'))} <input type="date" id="clock-date" min="${esc(S.st.today)}" value="${esc(S.st.today)}"></label><button type="submit">${esc(w('ws.clock.go'))}</button></form>
    <p class="ws-muted">${esc(w('ws.clock.note', { today: formatDate(lang(), S.st.today) }))}</p>`;
  $('#jobs-menu').innerHTML = `<div class="ws-pop-title">${esc(w('ws.jobs.title'))}</div>${S.st.jobs.map((j) => `<div class="ws-job">
      <div><b>${esc(j.label)}</b><span class="ws-muted">${esc(j.schedule)}${j.handled ? '' : ` · ${esc(w('ws.jobs.notMade'))}`}</span></div>
      <button data-job="${esc(j.name)}" ${j.handled ? '' : `title="${esc(w('ws.jobs.noHandler'))}"`}>${esc(w('ws.jobs.run'))}</button></div>`).join('')}`;
}

/**
 * The words of the page's own HTML (src/workspace/page.ts writes them in nb): `data-words` names the key of an element's
 * text, `data-words-<attribute>` the key of an attribute, redrawn in the language of whoever is acting.
 */
function drawStatic(): void {
  document.documentElement.lang = lang();
  document.title = w('ws.page.title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-words]')) el.textContent = w(el.dataset.words as MessageKey);
  for (const el of document.querySelectorAll<HTMLElement>('[data-words-attrs]')) {
    for (const pair of (el.dataset.wordsAttrs ?? '').split(' ')) {
      const [attr, key] = pair.split('=');
      if (attr && key) el.setAttribute(attr, w(key as MessageKey));
    }
  }
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
  const label = S.st?.jobs.find((j) => j.name === name)?.label ?? w('ws.jobs.fallback');
  if (!r.handled) toast(w('ws.jobs.missing', { label }), 'error');
  else if (r.errors.length) toast(w('ws.jobs.failed', { label, error: r.errors[0] }), 'error');
  else toast(w('ws.jobs.done', { label, mails: r.mails, messages: r.messages }));
}
