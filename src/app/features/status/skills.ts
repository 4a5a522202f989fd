// The digital-skills survey: staff rate themselves 0–4 per everyday area (upsert per employee + area); leaders, guides of
// the unit and HR see the results per unit (from the unit views, never one person's answers).
import { can } from '../../../core/access';
import { SKILL_AREAS, type SkillAssessment } from '../../../core/records/tables';
import type { SkillArea } from '../../../core/unit-aggregates';
import { insert, update, type Change } from '../../../store/records';
import type { Need, PersonView } from '../../../store/read-model';
import { leaderKey, unitKey, type LeaderView, type UnitView } from '../../../store/unit-views';
import { ACTIONS } from '../../../contract/actions';
import { unknownUserCard } from '../../../ui/cards/basic-cards';
import { fieldOf, NO_ANSWER, skillsFormCard, skillsThanksCard, skillsUnitCard, skillsUnitPicker } from '../../../ui/cards/skills-cards';
import { cardMessage } from '../../../ui/envelopes';
import type { Card } from '../../../contract/card-types';
import { failReply, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { formString, str, type Reply } from '../../../contract/request';
import { preparing } from '../../common/person-context';

function levelsOf(person: PersonView): Partial<Record<SkillArea, number>> {
  return Object.fromEntries(person.skills.map((s) => [s.row.area, s.row.level]));
}

/** A form in a Chat dialog when opened as one; a card message in Chat otherwise; a pushed card in the add-ons. */
function formReply(env: Env, card: Card): Reply {
  if (env.req.host === 'chat') return env.req.chat?.isDialog ? { kind: 'dialog', card } : { kind: 'card', card };
  return env.req.params.action ? { kind: 'dialog', card } : { kind: 'card', card };
}

function open(env: Env): Reply {
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  if (!can(env.actor, { do: 'assessOwnSkills' })) return failReply(env, { kind: 'notAllowed' });
  return formReply(env, skillsFormCard(levelsOf(env.me), env.t));
}

function submit(env: ChangeEnv): Reply {
  const me = env.me;
  if (!me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  if (!can(env.actor, { do: 'assessOwnSkills' })) return failReply(env, { kind: 'notAllowed' });
  const answers: [SkillArea, number][] = [];
  for (const area of SKILL_AREAS) {
    const raw = formString(env.req, fieldOf(area)) || env.req.params[fieldOf(area)] || NO_ANSWER;
    if (raw === NO_ANSWER) continue;
    const level = Number(raw);
    if (!Number.isInteger(level) || level < 0 || level > 4) return failReply(env, { kind: 'invalid', detail: env.t('skills.badLevel') });
    answers.push([area, level]);
  }
  if (answers.length === 0) return failReply(env, { kind: 'invalid', detail: env.t('skills.noneChosen') });

  const employeeId = me.employee.row.employeeId;
  const changes: Change[] = [];
  const touched = new Map<SkillArea, SkillAssessment>();
  for (const [area, level] of answers) {
    const row: SkillAssessment = { employeeId, area, level, assessedOn: env.today };
    const existing = me.skills.find((s) => s.row.area === area);
    // The same answer on the same day (a double click) writes nothing.
    if (existing && existing.row.level === level && existing.row.assessedOn === env.today) continue;
    changes.push(existing ? update('SkillAssessments', existing.rowNumber, existing.row, row) : insert('SkillAssessments', row));
    touched.set(area, row);
  }
  let skills = me.skills;
  if (changes.length) {
    const res = env.commit(changes, 'assessSkills');
    if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
    const newRows = new Map(res.inserted.map((i) => [i.key, i.rowNumber]));
    skills = me.skills.map((s) => (touched.has(s.row.area) ? { row: touched.get(s.row.area)!, rowNumber: s.rowNumber } : s));
    for (const [area, row] of touched) {
      if (!me.skills.some((s) => s.row.area === area)) skills.push({ row, rowNumber: newRows.get(`${employeeId}|${area}`) ?? 0 });
    }
    env.rm.stagePerson({ ...me, skills });
  }
  const card = skillsThanksCard(levelsOf({ ...me, skills }), env.t);
  if (env.req.host === 'chat' && env.req.chat?.isDialog) return { kind: 'close', notify: env.t('skills.thanks'), message: cardMessage(card) };
  return { kind: 'card', card, nav: 'update', notify: env.t('skills.thanks') };
}

function unitResults(env: Env): Reply {
  const unitId = str(env.req, 'unitId');
  const canOpen = (id: string) => can(env.actor, { do: 'viewUnitSkills', unitId: id });
  const ctx = { t: env.t, locale: env.locale, canOpen, showOverview: false };
  if (unitId) {
    if (!canOpen(unitId)) return failReply(env, { kind: 'notAllowed' });
    const view = env.views.view<UnitView>(unitKey(unitId));
    if (!view) return env.views.dir.units.some((u) => u.unitId === unitId) ? preparing(env) : failReply(env, { kind: 'notFound' });
    const card = skillsUnitCard(view.unit, view.children, { ...ctx, showOverview: can(env.actor, { do: 'viewUnit', unitId }) });
    return { kind: 'card', card, nav: env.req.host === 'chat' ? 'update' : 'push' };
  }
  const dir = env.views.dir;
  const led = env.actor.ledUnitIds.size > 0 && env.req.userEmail ? env.views.view<LeaderView>(leaderKey(env.req.userEmail)) : undefined;
  const only = led?.units.length === 1 ? led.units[0] : undefined;
  if (only) return { kind: 'card', card: skillsUnitCard(only.unit, only.children, { ...ctx, showOverview: true }) };
  const choices = [
    ...(led?.units.map((u) => ({ unitId: u.unit.unitId, name: u.unit.name })) ?? []),
    ...(env.actor.guide?.unitIds ?? []).map((id) => ({ unitId: id, name: dir.units.find((u) => u.unitId === id)?.name ?? id })),
    ...(env.actor.isAdmin ? dir.units.filter((u) => !u.parentUnitId).map((u) => ({ unitId: u.unitId, name: u.name })) : []),
  ].filter((c, i, all) => all.findIndex((x) => x.unitId === c.unitId) === i && canOpen(c.unitId));
  if (choices.length === 0) return env.actor.ledUnitIds.size > 0 ? preparing(env) : failReply(env, { kind: 'notAllowed' });
  return { kind: 'card', card: skillsUnitPicker(choices, env.t) };
}

export const skillsHandlers: Handlers = {
  [ACTIONS.skillsOpen]: { kind: 'read', run: open },
  [ACTIONS.skillsSubmit]: { kind: 'change', run: submit },
  [ACTIONS.skillsUnit]: {
    kind: 'read',
    needs: (req): Need[] => {
      const unitId = str(req, 'unitId');
      return unitId ? [{ view: unitKey(unitId) }] : req.userEmail ? [{ view: leaderKey(req.userEmail) }] : [];
    },
    run: unitResults,
  },
};
