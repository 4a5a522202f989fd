// The Gmail add-on around one opened mail: the session the app's own mail is about (recognised by its marker), and
// "register this certificate" when the mail carries a PDF or an image — the file goes to the person's evidence folder
// and a pending certification waits for their leader (or HR). Only the message the add-on was opened on is read.
import { chatEffect, mailEffect, tryChatNow } from '../../effects';
import { ChatOutbox } from '../../chat-outbox';
import { terms } from '../../../core/faq-search';
import type { Certification } from '../../../core/records/tables';
import { nearestLeaders } from '../../../store/appraisal-views';
import type { PersonView } from '../../../store/read-model';
import { insert, type Change } from '../../../store/records';
import { ACTIONS } from '../../../contract/actions';
import { unknownUserCard } from '../../../ui/cards/basic-cards';
import { gmailMessageCard, type CertificateOffer, type SessionMailModel } from '../../../ui/cards/course-gmail';
import { verifyChat, verifyMail, type VerifyFacts } from '../../../ui/cards/course-messages';
import type { GmailAttachment, GmailMessage } from '../../ports';
import { failReply, type Env, type Handlers } from '../../pipeline/handler';
import { formDate, str, type Reply } from '../../../contract/request';
import { MAX_EVIDENCE_BYTES } from '../../../contract/sidebar';
import { EVIDENCE_TYPES, noEvidenceCompetences, storeEvidence } from '../admin/register';
import { courseOf, ctxOf, dmSpace, markedSession, seatOf, sessionModel } from './shared';
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
  const sessionId = markedSession(m.subject, m.body);
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

function registerCertificate(env: Env): Reply {
  const me = env.me;
  if (!me) return failReply(env, { kind: 'notFound' });
  const competenceId = str(env.req, 'competenceId');
  const competence = env.views.cat().competences.find((c) => c.competenceId === competenceId);
  if (!competence || noEvidenceCompetences(env).has(competence.competenceId)) return failReply(env, { text: env.t('courses.cert.pickCompetence') });
  const achievedOn = formDate(env.req, 'achievedOn');
  if (!achievedOn) return failReply(env, { kind: 'invalid', detail: env.t('courses.cert.date') });
  if (achievedOn > env.today) return failReply(env, { text: env.t('courses.cert.future') });
  const m = opened(env, true);
  if (!m) return failReply(env, { text: env.t('courses.cert.noMessage') });
  const files = evidenceOf(m);
  const wanted = Number(str(env.req, 'attachment') || (files.length === 1 ? String(files[0]?.index) : 'NaN'));
  const file = files.find((f) => f.index === wanted)?.a;
  if (!file || file.size > MAX_EVIDENCE_BYTES || !file.base64) return failReply(env, { text: env.t('courses.cert.badFile', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }) });

  const employee = me.employee.row;
  const note = env.t('courses.cert.note', { subject: m.subject.slice(0, 200), file: file.name });
  // A second click on the same mail finds the first registration (same competence, date and note): no second row or file.
  const same = me.certifications.find((c) => c.row.competenceId === competence.competenceId && c.row.achievedOn === achievedOn
    && c.row.source === 'document' && c.row.state !== 'revoked' && c.row.note === note);
  if (same) return failReply(env, { text: env.t('courses.cert.already', { competence: competence.name }) });

  // Stored once per request: a repeated attempt (after a lost answer) commits the file the first attempt stored.
  const store = () => storeEvidence(env, employee.employeeId, `${achievedOn} ${competence.name}`, file);
  const evidenceFileId = env.once ? env.once('evidence', store) : store();
  const trash = () => {
    try { env.ports.drive.trash(evidenceFileId); } catch (err) { env.ports.log.error('evidence could not be trashed', err instanceof Error ? err.message : err); }
  };
  const row: Certification = {
    certificationId: env.newId('cert'), employeeId: employee.employeeId, competenceId: competence.competenceId, achievedOn,
    expiresOn: undefined, source: 'document', evidenceFileId, verifiedBy: undefined, state: 'pending', note,
  };
  const leaders = nearestLeaders(employee.unitId, employee.email, env.views.dir.units);
  const verifier = leaders[0];
  // The leaders who verify it can open the file from their list (read only; the folder stays HR's and the app's).
  if (leaders.length) {
    try { env.ports.drive.share(evidenceFileId, leaders, []); } catch (err) { env.ports.log.error('evidence could not be shared with the leader', err instanceof Error ? err.message : err); }
  }
  const space = verifier ? dmSpace(env, verifier) : undefined;
  const recipient = verifier ?? env.setting('hrEmail', env.views.dir.adminEmails[0] ?? '');
  const channel: 'chat' | 'mail' = space ? 'chat' : 'mail';
  const changes = [insert('Certifications', row)];
  let notice: Change | undefined;
  const facts: VerifyFacts = {
    employeeName: employee.name, employeeEmail: employee.email, competence: competence.name, achievedOn,
    certificationId: row.certificationId, fileName: file.name,
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
  if (!res.ok) {
    // The file is not left behind without its record.
    trash();
    return failReply(env, { kind: 'commit', failure: res });
  }
  if (res.earlierRequest) {
    // An earlier request with this key registered it (with its own file): this request's copy is not kept.
    trash();
    return failReply(env, { text: env.t('courses.cert.already', { competence: competence.name }) });
  }
  const rowNumber = res.inserted.find((i) => i.table === 'Certifications')!.rowNumber;
  stagePersonChange(env, me, { ...me, certifications: [...me.certifications, { row, rowNumber }] }, { everyLeader: true });
  if (notice) tryChatNow(env, notice, new ChatOutbox(env.ports.chat, () => env.ports.clock.now().getTime(), env.ports.log, { sleep: env.ports.sleep }));
  const text = verifier ? env.t('courses.cert.done', { competence: competence.name, leader: personName(env, verifier) })
    : env.t('courses.cert.doneHr', { competence: competence.name });
  return { kind: 'notify', text };
}

const needs = () => [{ shard: 'cat' as const }, { shard: 'ses' as const }];

export const gmailHandlers: Handlers = {
  [ACTIONS.gmailMessage]: { kind: 'read', needs: (req) => [...needs(), ...leaderNeed(req)], run: messageCard },
  [ACTIONS.registerCertificate]: { kind: 'change', needs: (req) => [...needs(), ...patchNeeds(req)], run: registerCertificate },
};

