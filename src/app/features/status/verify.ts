// Certificates that wait for a leader: the leader's list for the units they lead (from their overview in the read model),
// approve, and reject with a reason. The person is told by mail from the Kompetent account (an Outbox row in the same
// commit as the decision, so exactly once); a double click or a decision someone else made first changes nothing.
import { can } from '../../../core/access';
import { translator } from '../../../core/i18n';
import type { Certification } from '../../../core/records/tables';
import { clean } from '../../../core/text-limits';
import { unitChain } from '../../../core/unit-aggregates';
import type { PersonView } from '../../../store/read-model';
import { update } from '../../../store/records';
import { leaderKey, pendingOf, type LeaderView, type PendingEntry } from '../../../store/unit-views';
import { ACTIONS } from '../../../contract/actions';
import { cardMessage } from '../../../ui/envelopes';
import { decisionMail, pendingListCard, rejectCard, type PendingCardEntry } from '../../../ui/cards/pending-cards';
import { mailEffect } from '../../common/effects';
import { failReply, replyText, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { formString, str, type Reply, type Request } from '../../../contract/request';
import { done, personNeeds } from './signoff';
import { competenceNamer, decidedNeed, markDecided, patchNeeds, preparing, stagePersonChange } from '../../common/person-context';
import { DECIDED_KEY, decidedSet } from '../../../store/pending-decided';

/** A reason longer than this is refused with its length (never cut: the employee must read what the leader wrote). */
export const MAX_REASON = 500;

/** Where Drive shows a file to someone it is shared with (the verifier is given read access when it is registered). */
export function evidenceUrl(fileId: string): string {
  return `https://drive.google.com/file/d/${encodeURIComponent(fileId)}/view`;
}

/**
 * What waits for this leader: every pending certificate in the units they lead (their own excepted: a leader does not
 * verify themselves), less those decided since their overview was built (by them, another leader or HR).
 * `replace`: one person's entries as they stand after this request's change.
 */
export function leaderPending(env: Env, replace?: { employeeId: string; entries: PendingEntry[] }): { entries: PendingEntry[]; count: number } | undefined {
  const mine = env.views.view<LeaderView>(leaderKey(env.actor.email));
  if (!mine) return undefined;
  const decided = decidedSet(env.views.view<unknown>(DECIDED_KEY), env.now);
  const seen = new Set<string>();
  const entries: PendingEntry[] = [];
  let hidden = 0;
  let count = 0;
  for (const u of mine.units) {
    if (!can(env.actor, { do: 'viewUnit', unitId: u.unit.unitId })) continue;
    const list = u.pending ?? [];
    count += Math.max(u.pendingCount ?? 0, list.length);
    for (const e of list) {
      if (seen.has(e.certificationId)) continue;
      seen.add(e.certificationId);
      if (decided.has(e.certificationId) || (replace && e.employeeId === replace.employeeId)) { hidden++; continue; }
      if (!can(env.actor, { do: 'signOffFor', employee: e })) { hidden++; continue; }
      entries.push(e);
    }
  }
  if (replace) for (const e of replace.entries) if (can(env.actor, { do: 'signOffFor', employee: e }) && !seen.has(e.certificationId)) entries.push(e);
  entries.sort((a, b) => a.achievedOn.localeCompare(b.achievedOn) || a.name.localeCompare(b.name, 'nb'));
  return { entries, count: Math.max(entries.length, count - hidden + (replace?.entries.length ?? 0)) };
}

/** How many certificates wait for this leader (0 for everyone else); the handler must need `leaderNeed`. */
export function pendingCount(env: Env): number {
  return env.actor.ledUnitIds.size > 0 ? leaderPending(env)?.count ?? 0 : 0;
}

/** The asker's own leader overview (where their pending list is) and what was decided since: one getAll. */
export function leaderNeed(req: Request): { view: string }[] {
  return req.userEmail ? [{ view: leaderKey(req.userEmail) }, decidedNeed()] : [];
}

function cardEntries(env: Env, list: PendingEntry[]): PendingCardEntry[] {
  const name = competenceNamer(env);
  return list.map((e) => ({
    certificationId: e.certificationId, name: e.name, email: e.email, competence: name(e.competenceId), achievedOn: e.achievedOn,
    chain: unitChain(e.unitId, env.views.dir.units), ...(e.evidenceFileId ? { evidenceUrl: evidenceUrl(e.evidenceFileId) } : {}),
  }));
}

function nav(env: Env): 'push' | 'update' | undefined {
  if (!env.req.params.action) return undefined;
  return env.req.host === 'chat' || env.req.params.from === 'list' ? 'update' : 'push';
}

function listReply(env: Env, replace?: { employeeId: string; entries: PendingEntry[] }, notify?: string): Reply {
  if (env.actor.ledUnitIds.size === 0) return replyText(env.req, env.t('pending.notLeader'));
  const got = leaderPending(env, replace);
  if (!got) return preparing(env);
  const card = pendingListCard({ entries: cardEntries(env, got.entries), count: got.count }, { t: env.t, locale: env.locale });
  if (env.req.host === 'chat' && env.req.chat?.isDialog) return { kind: 'close', ...(notify ? { notify } : {}), message: cardMessage(card, notify) };
  return { kind: 'card', card, nav: nav(env), ...(notify ? { notify, text: notify } : {}) };
}

function pendingList(env: Env): Reply {
  return listReply(env);
}

/** The certification a decision is about, and whether the asker may decide it (their leader, or HR). */
function target(env: Env): { person: PersonView; cert: PersonView['certifications'][number]; competence: string } | Reply {
  const person = env.views.person(str(env.req, 'email'));
  if (!person) return failReply(env, { kind: 'notFound' });
  if (!can(env.actor, { do: 'signOffFor', employee: person.employee.row })) return failReply(env, { kind: 'notAllowed' });
  const cert = person.certifications.find((c) => c.row.certificationId === str(env.req, 'certificationId'));
  if (!cert) return failReply(env, { kind: 'notFound' });
  return { person, cert, competence: competenceNamer(env)(cert.row.competenceId) };
}

/** After a decision (or finding it made already): the list again when the click came from it, else the person's card. */
function after(env: Env, person: PersonView, text: string): Reply {
  if (env.req.params.from === 'list') return listReply(env, { employeeId: person.employee.row.employeeId, entries: pendingOf(person) }, text);
  return done(env, person, text);
}

/** The name the employee knows the leader by (HR without an Employees row: their address). */
function leaderName(env: Env): string {
  return env.me?.employee.row.name ?? env.actor.email;
}

function decide(env: ChangeEnv, decision: { reason?: string }): Reply {
  const got = target(env);
  if ('kind' in got) return got;
  const { person, cert, competence } = got;
  const employee = person.employee.row;
  const names = { competence, name: employee.name };
  if (cert.row.state === 'valid') return after(env, person, decision.reason === undefined ? env.t('verify.already', { competence }) : env.t('pending.alreadyDecided', names));
  if (cert.row.state === 'revoked') {
    return decision.reason === undefined ? failReply(env, { kind: 'invalid', detail: env.t('verify.revoked') }) : after(env, person, env.t('pending.alreadyRejected', names));
  }
  const row: Certification = decision.reason === undefined
    ? { ...cert.row, state: 'valid', verifiedBy: env.actor.email }
    : {
      ...cert.row, state: 'revoked', verifiedBy: env.actor.email,
      note: [cert.row.note, env.t('verify.rejectNote', { date: env.today, leader: leaderName(env), reason: decision.reason })].filter(Boolean).join('\n'),
    };
  const mail = decisionMail({ name: employee.name, competence, achievedOn: cert.row.achievedOn, leader: leaderName(env), reason: decision.reason },
    { t: translator(employee.locale ?? 'nb'), locale: employee.locale ?? 'nb' });
  const kind = decision.reason === undefined ? 'verified' : 'rejected';
  const res = env.commit([
    update('Certifications', cert.rowNumber, cert.row, row),
    mailEffect(env, employee.email, mail, `${kind}:${cert.row.certificationId}`),
  ], decision.reason === undefined ? 'verifyCertification' : 'rejectCertification');
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  const next: PersonView = { ...person, certifications: person.certifications.map((c) => (c === cert ? { row, rowNumber: c.rowNumber } : c)) };
  stagePersonChange(env, person, next);
  markDecided(env, cert.row.certificationId);
  return after(env, next, decision.reason === undefined ? env.t('pending.approved', names) : env.t('pending.rejected', names));
}

function verify(env: ChangeEnv): Reply {
  return decide(env, {});
}

function rejectOpen(env: Env): Reply {
  const got = target(env);
  if ('kind' in got) return got;
  const { person, cert, competence } = got;
  if (cert.row.state !== 'pending') return replyText(env.req, env.t('pending.alreadyDecided', { competence, name: person.employee.row.name }));
  const e = person.employee.row;
  return {
    kind: 'dialog',
    card: rejectCard({
      entry: {
        certificationId: cert.row.certificationId, name: e.name, email: e.email, competence, achievedOn: cert.row.achievedOn,
        chain: unitChain(e.unitId, env.views.dir.units),
      },
    }, { t: env.t, locale: env.locale }),
  };
}

function reject(env: ChangeEnv): Reply {
  const reason = clean(formString(env.req, 'reason'));
  if (!reason) return failReply(env, { kind: 'invalid', detail: env.t('reject.needReason') });
  if (reason.length > MAX_REASON) return failReply(env, { kind: 'invalid', detail: env.t('reject.tooLong', { max: MAX_REASON, length: reason.length }) });
  return decide(env, { reason });
}

/** The list reads the leader's own overview; a decision reads the person, and patches the unit views and the overview. */
const listNeeds = (req: Request) => [{ shard: 'cat' as const }, ...leaderNeed(req)];
const decisionNeeds = (req: Request) => [...personNeeds(str(req, 'email')), ...patchNeeds(req), decidedNeed()];

export const verifyHandlers: Handlers = {
  [ACTIONS.pendingList]: { kind: 'read', needs: listNeeds, run: pendingList },
  [ACTIONS.verifyCertification]: { kind: 'change', needs: decisionNeeds, run: verify },
  [ACTIONS.rejectOpen]: { kind: 'read', needs: (req) => personNeeds(str(req, 'email')), run: rejectOpen },
  [ACTIONS.rejectCertification]: { kind: 'change', needs: decisionNeeds, run: reject },
};
