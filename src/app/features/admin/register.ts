// HR registers a certification by hand (a paper certificate, an external course), with the evidence uploaded to the
// employee's own Drive folder before the write lock. An expiry before the achievement date or an unknown competence is
// refused with what to fix.
import { parseDate } from '../../../core/records/cells';
import type { Certification, Competence } from '../../../core/records/tables';
import { insert, insertedRow, update } from '../../../store/records';
import type { PersonView } from '../../../store/read-model';
import type { ChangeEnv, Env, Handlers, Prepared } from '../../pipeline/handler';
import type { Reply } from '../../../contract/request';
import { MAX_EVIDENCE_BYTES, SIDEBAR_CALLS, sidebarPayload, type SavedData, type SidebarPayload } from '../../../contract/sidebar';
import { EVIDENCE_TYPES, noEvidenceCompetences, prepareEvidence, type StoredEvidence } from './evidence';
import { adminOnly, commitFailed, data, invalid, notify, parse, sidebarT } from './shared';
import { decidedNeed, markDecided, patchNeeds, stagePersonChange } from '../../common/person-context';

function base64Bytes(b64: string): number {
  const s = b64.replace(/\s/g, '');
  return Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
}

/** What "register by hand" asks for, checked on the views at hand (before the lock, and again under it). */
interface Asked { person: PersonView; competence: Competence; achievedOn: string; expiresOn?: string; v: SidebarPayload<typeof SIDEBAR_CALLS.registerCertification> }

function asked(env: Env): Asked | Reply {
  const p = parse(env, SIDEBAR_CALLS.registerCertification);
  if (!p.ok) return p.reply;
  const v = p.value;
  const t = sidebarT(env);
  const person = env.views.person(v.email);
  if (!person) return invalid(env, 'admin.invalid.unknownEmployee', { email: v.email || '–' });
  const competence = env.views.cat().competences.find((c) => c.competenceId === v.competenceId.trim());
  if (!competence) return invalid(env, 'admin.invalid.unknownCompetence', { id: v.competenceId || '–' });
  const achievedOn = parseDate(v.achievedOn.trim());
  if (!achievedOn) return invalid(env, 'admin.invalid.date', { field: 'achievedOn', value: v.achievedOn });
  if (achievedOn > env.today) return invalid(env, 'admin.invalid.future', { field: 'achievedOn' });
  const expiresOn = v.expiresOn?.trim() ? parseDate(v.expiresOn.trim()) : undefined;
  if (v.expiresOn?.trim() && !expiresOn) return invalid(env, 'admin.invalid.date', { field: 'expiresOn', value: v.expiresOn });
  if (expiresOn && expiresOn < achievedOn) return invalid(env, 'admin.invalid.expiresBeforeAchieved', { expires: expiresOn, achieved: achievedOn });
  if (v.evidence) {
    if (noEvidenceCompetences(env).has(competence.competenceId)) return invalid(env, 'admin.invalid.noEvidence', { competence: competence.name });
    if (!EVIDENCE_TYPES.includes(v.evidence.mimeType)) return invalid(env, 'admin.invalid.evidenceType', { type: v.evidence.mimeType });
    if (base64Bytes(v.evidence.base64) > MAX_EVIDENCE_BYTES) return invalid(env, 'admin.invalid.evidenceSize', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
  }
  const employee = person.employee.row;
  // A double click finds the first registration in the patched person view (or, under the lock, in views read again
  // after the first one's commit): no second row, and the second file is trashed.
  const same = person.certifications.find((c) => c.row.competenceId === competence.competenceId && c.row.achievedOn === achievedOn
    && c.row.source === 'document' && c.row.state !== 'revoked');
  if (same) return data({ saved: true, message: t('admin.saved.already', { competence: competence.name, name: employee.name }) } satisfies SavedData);
  return { person, competence, achievedOn, expiresOn, v };
}

/** Before the lock (DESIGN.md: no remote call but the records read and write while it is held): the evidence file. */
function prepareRegister(env: Env): Reply | Prepared {
  const a = asked(env);
  if (!('person' in a)) return a;
  if (!a.v.evidence) return { value: undefined };
  return prepareEvidence(env, a.person.employee.row.employeeId, `${a.achievedOn} ${a.competence.name}`, a.v.evidence);
}

/** Under the lock: the Certifications row naming the file stored before it. */
function register(env: ChangeEnv): Reply {
  const a = asked(env);
  if (!('person' in a)) return a;
  const { person, competence, achievedOn, expiresOn, v } = a;
  const t = sidebarT(env);
  const employee = person.employee.row;
  const stored = env.prepared as StoredEvidence | undefined;
  if (v.evidence && !stored) throw new Error('registerCertification with evidence but no stored file');
  const evidenceFileId = stored?.fileId;
  const row: Certification = {
    certificationId: env.newId('cert'), employeeId: employee.employeeId, competenceId: competence.competenceId, achievedOn, expiresOn,
    source: 'document', evidenceFileId, verifiedBy: env.actor.email, state: 'valid', note: v.note?.trim() || undefined,
  };
  const res = env.commit([insert('Certifications', row)], 'registerCertification');
  // Not committed: the pipeline trashes the file after the lock.
  if (!res.ok) return commitFailed(env, res);
  if (res.elsewhere) return data({ saved: true, message: t('admin.saved.already', { competence: competence.name, name: employee.name }) } satisfies SavedData);
  env.keepPrepared?.();
  const after: PersonView = { ...person, certifications: [...person.certifications, { row, rowNumber: insertedRow(res) }] };
  stagePersonChange(env, person, after);
  if (patchNeeds(env.req).length <= 1) env.ports.scheduleRebuild?.();
  return data({ saved: true, message: t('admin.saved.certification', { competence: competence.name, name: employee.name }) } satisfies SavedData);
}

/** HR verifies a pending certification (a certificate someone registered from Gmail) with one click on the person page. */
function verifyPending(env: ChangeEnv): Reply {
  const p = parse(env, SIDEBAR_CALLS.verifyCertification);
  if (!p.ok) return p.reply;
  const t = sidebarT(env);
  const person = env.views.person(p.value.email);
  if (!person) return invalid(env, 'admin.invalid.unknownEmployee', { email: p.value.email || '–' });
  const cert = person.certifications.find((c) => c.row.certificationId === p.value.certificationId);
  if (!cert) return notify(t('error.notFound'));
  const name = env.views.cat().competences.find((c) => c.competenceId === cert.row.competenceId)?.name ?? cert.row.competenceId;
  if (cert.row.state === 'valid') return data({ saved: true, message: t('admin.verified.already', { competence: name }) } satisfies SavedData);
  if (cert.row.state === 'revoked') return notify(t('admin.verified.revoked'));
  const row: Certification = { ...cert.row, state: 'valid', verifiedBy: env.actor.email };
  const res = env.commit([update('Certifications', cert.rowNumber, cert.row, row)], 'verifyCertification');
  if (!res.ok) return commitFailed(env, res);
  stagePersonChange(env, person, { ...person, certifications: person.certifications.map((c) => (c === cert ? { row, rowNumber: c.rowNumber } : c)) });
  markDecided(env, cert.row.certificationId);
  return data({ saved: true, message: t('admin.verified.done', { competence: name, name: person.employee.row.name }) } satisfies SavedData);
}

export const registerHandlers: Handlers = {
  [SIDEBAR_CALLS.verifyCertification]: {
    kind: 'change',
    needs: (req) => {
      const p = sidebarPayload(req, SIDEBAR_CALLS.verifyCertification);
      return p.ok ? [{ shard: 'cat' }, { person: p.value.email || '-' }, ...patchNeeds(req), decidedNeed()] : [];
    },
    run: adminOnly(verifyPending),
  },
  [SIDEBAR_CALLS.registerCertification]: {
    kind: 'change',
    needs: (req) => {
      const p = sidebarPayload(req, SIDEBAR_CALLS.registerCertification);
      return p.ok ? [{ shard: 'cat' }, { person: p.value.email || '-' }, ...patchNeeds(req)] : [];
    },
    prepare: adminOnly(prepareRegister),
    run: adminOnly(register),
  },
};
