// The Gmail add-on around one opened mail: the session the app's own mail is about (recognised by its session line, core/session-ref.ts), and
// "register this certificate" when the mail carries a PDF or an image — the file goes to the person's evidence folder
// and a pending certification waits for their leader (or HR). Only the message the add-on was opened on is read.
import { chatEffect, mailEffect, tryChatNow } from '../../common/effects';
import { chatOutbox } from '../../common/chat-outbox';
import { terms } from '../../../core/faq-search';
import type { Certification, Competence } from '../../../core/records/tables';
import { nearestLeaders } from '../../../store/appraisal-views';
import type { PersonView } from '../../../store/read-model';
import { insert, type Change } from '../../../store/records';
import { ACTIONS } from '../../../contract/actions';
import { unknownUserCard } from '../../../ui/cards/basic-cards';
import { gmailMessageCard, type CertificateOffer, type SessionMailModel } from '../../../ui/cards/course-gmail';
import { verifyChat, verifyMail, type VerifyFacts } from '../../../ui/cards/course-messages';
import type { GmailAttachment, GmailMessage } from '../../ports';
import { failReply, type ChangeEnv, type Env, type Handlers, type Prepared } from '../../pipeline/handler';
import { formDate, str, type Reply } from '../../../contract/request';
import { MAX_EVIDENCE_BYTES } from '../../../contract/sidebar';
import { EVIDENCE_TYPES, noEvidenceCompetences, prepareEvidence } from '../admin/evidence';
import { courseOf, ctxOf, dmSpace, seatOf, sessionModel } from './shared';
import { referencedSession } from '../../../core/session-ref';
import { gmailHome } from './home';
import { statusOf } from '../../common/status-model';
import { patchNeeds, personName, stagePersonChange } from '../../common/person-context';
import { leaderNeed } from '../status/verify';

function opened(env: Env, withContent = false): GmailMessage | undefined {
  const messageId = env.req.gmail?.messageId ?? str(env.req, 'messageId');
  const token = env.req.gmail?.accessToken;
  if (!env.ports.gmail || !messageId || !token) return undefined;
  return env.ports.gmail.currentMessage(messageId, token, { withContent });
}

function evidenceOf(m: GmailMessage): { index: number; a: GmailAttachment }[] {
  return m.attachments.map((a, index) => ({ index, a })).filter(({ a }) => EVIDENCE_TYPES.includes(a.mimeType.toLowerCase()));
}

/** Competences a certificate can prove: the one the mail names first, then the person's gaps, what expires soon, the rest. */
function certificateOffer(env: Env, me: PersonView, m: GmailMessage): CertificateOffer | undefined {
  const files = evidenceOf(m);
  if (files.length === 0) return undefined;
  const status = new Map(statusOf(env, me).items.map((i) => [i.competenceId, i.status]));
  const blocked = noEvidenceCompetences(env);
  const rank = (id: string) => {
    const s = status.get(id);
    return s === 'missing' || s === 'expired' || s === 'overdue' ? 0 : s === 'expiring' ? 1 : 2;
  };
  // The mail's own words (subject, file names) usually name the course: the best match comes first, chosen.
  const mailTerms = new Set(terms(`${m.subject} ${files.map((f) => f.a.name.replace(/\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ')).join(' ')}`));
  const match = (name: string) => terms(name).filter((t) => mailTerms.has(t)).length;
  const competences = env.views.cat().competences
    // A certificate proves a document or a course taken elsewhere; practical sign-offs are the leader's.
    .filter((c) => !blocked.has(c.competenceId) && (c.satisfiedBy ?? []).some((x) => x === 'document' || x === 'course'))
    .map((c) => ({ c, score: match(c.name) }))
    .sort((a, b) => b.score - a.score || rank(a.c.competenceId) - rank(b.c.competenceId) || a.c.name.localeCompare(b.c.name, 'nb'))
    .map(({ c, score }, i) => {
      const r = rank(c.competenceId);
      return {
        competenceId: c.competenceId, name: c.name, ...(i === 0 && score > 0 ? { selected: true } : {}),
        ...(r < 2 ? { hint: env.t(r === 0 ? 'courses.cert.hint.gap' : 'courses.cert.hint.expiring') } : {}),
      };
    });
  return {
    messageId: m.id, today: env.today, competences,
    attachments: files.map(({ index, a }) => ({ index, name: a.name, mimeType: a.mimeType, tooBig: a.size > MAX_EVIDENCE_BYTES })),
  };
}

function messageCard(env: Env): Reply {
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  if (!env.req.gmail?.messageId) return gmailHome(env);
  const m = opened(env);
  const nav = env.req.params.action ? 'update' : undefined;
  if (!m) return { kind: 'card', card: gmailMessageCard({ note: env.t('courses.gmail.cannotRead') }, ctxOf(env)), nav };
  const sessionId = referencedSession(m.body, m.subject);
  let session: SessionMailModel | undefined;
  let note: string | undefined;
  if (sessionId) {
    const seat = seatOf(env, sessionId);
    const course = seat && courseOf(env, seat.session.courseId);
    if (seat && course) session = { title: course.title, courseId: course.courseId, session: sessionModel(env, seat, env.me) };
    else note = env.t('courses.gmail.sessionGone');
  }
  const certificate = certificateOffer(env, env.me, m);
  if (!session && !certificate && !note) return gmailHome(env);
  return { kind: 'card', card: gmailMessageCard({ session, certificate, note }, ctxOf(env)), nav };
}

/** What "register this certificate" asks for, checked on the views at hand (before the lock, and again under it). */
interface Asked { me: PersonView; competence: Competence; achievedOn: string }

function asked(env: Env): Asked | Reply {
  const me = env.me;
  if (!me) return failReply(env, { kind: 'notFound' });
  const competenceId = str(env.req, 'competenceId');
  const competence = env.views.cat().competences.find((c) => c.competenceId === competenceId);
  if (!competence || noEvidenceCompetences(env).has(competence.competenceId)) return failReply(env, { text: env.t('courses.cert.pickCompetence') });
  const achievedOn = formDate(env.req, 'achievedOn');
  if (!achievedOn) return failReply(env, { kind: 'invalid', detail: env.t('courses.cert.date') });
  if (achievedOn > env.today) return failReply(env, { text: env.t('courses.cert.future') });
  return { me, competence, achievedOn };
}

/** A second click on the same mail finds the first registration (same competence, date and note): no second row or file. */
function registeredBefore(env: Env, a: Asked, note: string): Reply | undefined {
  const same = a.me.certifications.find((c) => c.row.competenceId === a.competence.competenceId && c.row.achievedOn === a.achievedOn
    && c.row.source === 'document' && c.row.state !== 'revoked' && c.row.note === note);
  return same ? failReply(env, { text: env.t('courses.cert.already', { competence: a.competence.name }) }) : undefined;
}

/** What was fetched and stored before the lock: the file, the note naming the mail, who verifies and where they are asked. */
interface Fetched { fileId: string; fileName: string; note: string; leaders: string[]; space?: string }

/**
 * Before the lock (DESIGN.md: no remote call but the records read and write while it is held): the opened mail with its
 * attachment (Gmail), the file in the person's evidence folder, shared with the leaders who verify it (Drive), and their
 * Chat DM (Chat). The file is trashed after the lock unless the certification naming it was committed.
 */
function prepareCertificate(env: Env): Reply | Prepared {
  const a = asked(env);
  if (!('me' in a)) return a;
  const m = opened(env, true);
  if (!m) return failReply(env, { text: env.t('courses.cert.noMessage') });
  const files = evidenceOf(m);
  const wanted = Number(str(env.req, 'attachment') || (files.length === 1 ? String(files[0]?.index) : 'NaN'));
  const file = files.find((f) => f.index === wanted)?.a;
  if (!file || file.size > MAX_EVIDENCE_BYTES || !file.base64) return failReply(env, { text: env.t('courses.cert.badFile', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }) });
  const note = env.t('courses.cert.note', { subject: m.subject.slice(0, 200), file: file.name });
  const before = registeredBefore(env, a, note);
  if (before) return before;
  const employee = a.me.employee.row;
  const stored = prepareEvidence(env, employee.employeeId, `${a.achievedOn} ${a.competence.name}`, file);
  const fileId = stored.value.fileId;
  const leaders = nearestLeaders(employee.unitId, employee.email, env.views.dir.units);
  // The leaders who verify it can open the file from their list (read only; the folder stays HR's and the app's).
  if (leaders.length) {
    try { env.ports.drive.share(fileId, leaders, []); } catch (err) { env.ports.log.error('evidence could not be shared with the leader', err instanceof Error ? err.message : err); }
  }
  const space = leaders[0] ? dmSpace(env, leaders[0]) : undefined;
  const fetched: Fetched = { fileId, fileName: file.name, note, leaders, ...(space ? { space } : {}) };
  return { value: fetched, undo: stored.undo };
}

/** Under the lock: the pending certification naming the file, the verify request (Notifications) and its Outbox effect. */
function registerCertificate(env: ChangeEnv): Reply {
  const fetched = env.prepared as Fetched | undefined;
  if (!fetched) throw new Error('registerCertificate without its prepared file');
  const a = asked(env);
  if (!('me' in a)) return a;
  const before = registeredBefore(env, a, fetched.note);
  if (before) return before;
  const { me, competence, achievedOn } = a;
  const employee = me.employee.row;
  const { fileId: evidenceFileId, note, space } = fetched;
  const row: Certification = {
    certificationId: env.newId('cert'), employeeId: employee.employeeId, competenceId: competence.competenceId, achievedOn,
    expiresOn: undefined, source: 'document', evidenceFileId, verifiedBy: undefined, state: 'pending', note,
  };
  const verifier = fetched.leaders[0];
  const recipient = verifier ?? env.setting('hrEmail', env.views.dir.adminEmails[0] ?? '');
  const channel: 'chat' | 'mail' = space ? 'chat' : 'mail';
  const changes = [insert('Certifications', row)];
  let notice: Change | undefined;
  const facts: VerifyFacts = {
    employeeName: employee.name, employeeEmail: employee.email, competence: competence.name, achievedOn,
    certificationId: row.certificationId, fileName: fetched.fileName,
  };
  const ctx = { t: env.t, locale: env.locale };
  if (recipient) {
    changes.push(insert('Notifications', {
      notificationId: env.newId('ntf'), kind: 'verify', recipientEmail: recipient, subjectKey: `verify:${row.certificationId}`, channel, sentAt: env.now,
    }));
    // No DM with the verifier: the request goes by mail from the Kompetent account (Outbox), never from the employee.
    if (channel === 'mail') changes.push(mailEffect(env, recipient, verifyMail(facts, ctx), `verify:${row.certificationId}`));
    else {
      // By Chat, as an Outbox effect of the same commit: posted after it, never lost when Chat is down at the click.
      const mail = verifyMail(facts, ctx);
      notice = chatEffect(env, { space, message: verifyChat(facts, ctx), requestId: `verify-${row.certificationId}`, mail: { subject: mail.subject, text: mail.text } },
        `verify:${row.certificationId}`, recipient);
      changes.push(notice);
    }
  }
  const res = env.commit(changes, 'registerCertificate');
  // Not committed: the pipeline trashes the file after the lock (it is not left behind without its record).
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  // An earlier request with this key registered it (with its own file): this request's copy is not kept.
  if (res.earlierRequest) return failReply(env, { text: env.t('courses.cert.already', { competence: competence.name }) });
  env.keepPrepared?.();
  const rowNumber = res.inserted.find((i) => i.table === 'Certifications')!.rowNumber;
  stagePersonChange(env, me, { ...me, certifications: [...me.certifications, { row, rowNumber }] }, { everyLeader: true });
  if (notice) tryChatNow(env, notice, chatOutbox(env.ports));
  const text = verifier ? env.t('courses.cert.done', { competence: competence.name, leader: personName(env, verifier) })
    : env.t('courses.cert.doneHr', { competence: competence.name });
  return { kind: 'notify', text };
}

const needs = () => [{ shard: 'cat' as const }, { shard: 'ses' as const }];

export const gmailHandlers: Handlers = {
  [ACTIONS.gmailMessage]: { kind: 'read', needs: (req) => [...needs(), ...leaderNeed(req)], run: messageCard },
  [ACTIONS.registerCertificate]: { kind: 'change', needs: (req) => [...needs(), ...patchNeeds(req)], prepare: prepareCertificate, run: registerCertificate },
};
