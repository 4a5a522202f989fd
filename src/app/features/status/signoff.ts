// Practical competences signed off by the leader (medication delegation, fire drill, CPR practice): each a certification
// with the leader as verifier, idempotent on a double click. Verifying registered certificates: verify.ts.
import { can } from '../../../core/access';
import type { Certification } from '../../../core/records/tables';
import { insert, insertedRow } from '../../../store/records';
import type { PersonView } from '../../../store/read-model';
import { ACTIONS } from '../../../contract/actions';
import { cardMessage } from '../../../ui/envelopes';
import { signOffCard } from '../../../ui/cards/signoff-cards';
import { unitPersonCard } from '../../../ui/cards/unit-person-card';
import { failReply, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { formDate, str, type Reply } from '../../../contract/request';
import { personModel, patchNeeds, personName, stagePersonChange } from '../../common/person-context';
import { statusOf } from '../../common/status-model';

const MAX_NOTE = 1000;

/** The day chosen in a date picker (midnight UTC of that date, as Google sends DATE_ONLY), or typed text. */
function dateInput(env: Env, name: string): string | undefined {
  return formDate(env.req, name, env.today);
}

/** After a change: the refreshed person card, as a new message in Chat (closing the dialog) or in place elsewhere. */
export function done(env: Env, person: PersonView, text: string): Reply {
  const card = unitPersonCard(personModel(env, person), env.t, env.locale);
  if (env.req.host === 'chat' && env.req.chat?.isDialog) return { kind: 'close', notify: text, message: cardMessage(card, text) };
  return { kind: 'card', card, nav: 'update', notify: text };
}

function signOffOpen(env: Env): Reply {
  const person = env.views.person(str(env.req, 'email'));
  if (!person) return failReply(env, { kind: 'notFound' });
  if (!can(env.actor, { do: 'signOffFor', employee: person.employee.row })) return failReply(env, { kind: 'notAllowed' });
  const cat = env.views.cat();
  const status = new Map(statusOf(env, person).items.map((i) => [i.competenceId, i.status]));
  const planned = new Set(person.planItems.filter((p) => p.row.status === 'open').map((p) => p.row.competenceId));
  const rank = (id: string) => (status.has(id) && status.get(id) !== 'valid' ? 0 : planned.has(id) ? 1 : status.has(id) ? 2 : 3);
  const choices = cat.competences.filter((c) => (c.satisfiedBy ?? []).includes('sign-off'))
    .sort((a, b) => rank(a.competenceId) - rank(b.competenceId) || a.name.localeCompare(b.name, 'nb'))
    .map((c) => ({
      competenceId: c.competenceId, name: c.name,
      statusLabel: status.has(c.competenceId) ? env.t(`status.label.${status.get(c.competenceId)!}` as never) : env.t('signoff.notInPlan'),
    }));
  if (choices.length === 0) return failReply(env, { text: env.t('signoff.none') });
  return {
    kind: 'dialog',
    card: signOffCard({
      personName: person.employee.row.name, email: person.employee.row.email, chain: (env.req.params.chain ?? '').split(',').filter(Boolean),
      choices, selected: str(env.req, 'competenceId') || undefined, today: env.today, leaderName: personName(env, env.actor.email),
    }, env.t, env.locale),
  };
}

function signOff(env: ChangeEnv): Reply {
  const person = env.views.person(str(env.req, 'email'));
  if (!person) return failReply(env, { kind: 'notFound' });
  const employee = person.employee.row;
  if (!can(env.actor, { do: 'signOffFor', employee })) return failReply(env, { kind: 'notAllowed' });
  const competenceId = str(env.req, 'competenceId');
  const competence = env.views.cat().competences.find((c) => c.competenceId === competenceId);
  if (!competence) return failReply(env, { kind: 'invalid', detail: env.t('signoff.unknownCompetence', { id: competenceId || '–' }) });
  if (!(competence.satisfiedBy ?? []).includes('sign-off')) {
    const ways = (competence.satisfiedBy ?? []).map((s) => env.t(`signoff.way.${s}` as never)).join(', ') || '–';
    return failReply(env, { kind: 'invalid', detail: env.t('signoff.notSignOff', { competence: competence.name, ways }) });
  }
  const achievedOn = dateInput(env, 'achievedOn');
  if (!achievedOn) return failReply(env, { kind: 'invalid', detail: env.t('signoff.badDate') });
  if (achievedOn > env.today) return failReply(env, { kind: 'invalid', detail: env.t('signoff.future') });
  const note = str(env.req, 'note').trim();
  if (note.length > MAX_NOTE) return failReply(env, { kind: 'invalid', detail: env.t('signoff.noteTooLong', { max: MAX_NOTE }) });

  const doneText = env.t('signoff.done', { competence: competence.name, name: employee.name });
  // A double click (or a retried event) finds the first one in the patched person view.
  const same = person.certifications.find((c) => c.row.competenceId === competenceId && c.row.source === 'sign-off'
    && c.row.achievedOn === achievedOn && c.row.state !== 'revoked');
  if (same) return done(env, person, env.t('signoff.already', { competence: competence.name, name: employee.name }));

  const row: Certification = {
    certificationId: env.newId('cert'), employeeId: employee.employeeId, competenceId, achievedOn, expiresOn: undefined,
    source: 'sign-off', evidenceFileId: undefined, verifiedBy: env.actor.email, state: 'valid', note: note || undefined,
  };
  const res = env.commit([insert('Certifications', row)], 'signOff');
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  const after: PersonView = { ...person, certifications: [...person.certifications, { row, rowNumber: insertedRow(res) }] };
  stagePersonChange(env, person, after);
  return done(env, after, doneText);
}

export const personNeeds = (email: string) => [{ shard: 'cat' as const }, { shard: 'ses' as const }, { person: email || '-' }];

export const signOffHandlers: Handlers = {
  [ACTIONS.signOffOpen]: { kind: 'read', needs: (req) => personNeeds(str(req, 'email')), run: signOffOpen },
  [ACTIONS.signOffSubmit]: { kind: 'change', needs: (req) => [...personNeeds(str(req, 'email')), ...patchNeeds(req)], run: signOff },
};
