// Drive for the CLI: find-or-create folders, the spreadsheet and template documents; permissions and who may see them.
import type { drive_v3 } from 'googleapis';
import { driveLiteral as lit } from '../adapters/google/drive-rest';
import { CliError, msg } from './errors';
import type { Google } from './google';
import type { MessageKey, Params } from '../core/i18n';
import type { Said } from './sheet-setup';
import { earlierNames } from '../core/drive-names';

export const FOLDER = 'application/vnd.google-apps.folder';
export const SPREADSHEET = 'application/vnd.google-apps.spreadsheet';
export const DOCUMENT = 'application/vnd.google-apps.document';

/** Works in My Drive and in shared drives (recommended: a service account has no My Drive storage of its own). */
const ALL_DRIVES = { supportsAllDrives: true } as const;

export interface Principal { type: 'user' | 'group'; email: string }

/** `group:hr@x` is a group, anything else a person. */
export function parsePrincipal(s: string): Principal {
  const [, type, email] = /^(group|user):(.+)$/i.exec(s.trim()) ?? [];
  return type && email ? { type: type.toLowerCase() as Principal['type'], email: email.trim().toLowerCase() } : { type: 'user', email: s.trim().toLowerCase() };
}
export function showPrincipal(p: Principal): string {
  return p.type === 'group' ? `group:${p.email}` : p.email;
}

/** `renamedFrom`: the earlier name the file had (src/core/drive-names.ts) before this run gave it today's. */
export type Found = { id: string; created: boolean; renamedFrom?: string };

export async function fileExists(g: Google, id: string | undefined, mimeType: string): Promise<boolean> {
  return (await liveName(g, id, mimeType)) !== undefined;
}

/** The file's name, if it exists, is not trashed and has this type. */
async function liveName(g: Google, id: string | undefined, mimeType: string): Promise<string | undefined> {
  if (!id) return undefined;
  try {
    const res = await g.call('drive.get', msg('cli.what.lookUp', { id }), () =>
      g.drive.files.get({ fileId: id, fields: 'id,name,mimeType,trashed', ...ALL_DRIVES }));
    return res.data.trashed !== true && res.data.mimeType === mimeType ? res.data.name ?? '' : undefined;
  } catch (e) {
    if (e instanceof CliError && e.status === 404) return undefined;
    throw e;
  }
}

export async function findChild(g: Google, parent: string, name: string, mimeType: string): Promise<string | undefined> {
  const q = `name = ${lit(name)} and ${lit(parent)} in parents and mimeType = ${lit(mimeType)} and trashed = false`;
  const res = await g.call('drive.list', msg('cli.what.findChild', { name }), () =>
    g.drive.files.list({ q, fields: 'files(id,name)', pageSize: 10, includeItemsFromAllDrives: true, ...ALL_DRIVES }));
  return res.data.files?.[0]?.id ?? undefined;
}

/** Gives a file that still has an earlier English name (src/core/drive-names.ts) today's name; files.update, name only. */
async function renamed(g: Google, id: string, from: string, name: string): Promise<Found> {
  await g.call('drive.update', msg('cli.what.rename', { from, name }), () =>
    g.drive.files.update({ fileId: id, requestBody: { name }, fields: 'id', ...ALL_DRIVES }));
  return { id, created: false, renamedFrom: from };
}

/** The known id if it still exists, else the child of that name (or of an earlier name, renamed), else a new one. */
export async function ensureChild(g: Google, known: string | undefined, parent: string, name: string, mimeType: string,
  content?: { mimeType: string; body: string }): Promise<Found> {
  const earlier = earlierNames(name);
  const knownName = await liveName(g, known, mimeType);
  if (knownName !== undefined) return earlier.includes(knownName) ? renamed(g, known!, knownName, name) : { id: known!, created: false };
  for (const n of [name, ...earlier]) {
    const found = await findChild(g, parent, n, mimeType);
    if (found) return n === name ? { id: found, created: false } : renamed(g, found, n, name);
  }
  const requestBody: drive_v3.Schema$File = { name, mimeType, parents: [parent] };
  // googleapis builds the upload URL from the method's own options only (drive/v3.js: mediaUrl from options.rootUrl).
  const options = g.rootUrl ? { rootUrl: g.rootUrl } : {};
  const res = await g.call('drive.create', msg('cli.what.create', { name }), () =>
    g.drive.files.create({ requestBody, fields: 'id', ...(content ? { media: content } : {}), ...ALL_DRIVES }, options));
  if (!res.data.id) throw new Error(`Drive created "${name}" without an id`);
  return { id: res.data.id, created: true };
}

export interface Permission { id: string; type: string; role: string; email?: string; domain?: string }

export async function permissionsOf(g: Google, fileId: string): Promise<Permission[]> {
  const res = await g.call('drive.permissions', msg('cli.what.permissions', { id: fileId }), () =>
    g.drive.permissions.list({ fileId, fields: 'permissions(id,type,role,emailAddress,domain)', ...ALL_DRIVES }));
  return (res.data.permissions ?? []).map((p) => ({
    id: p.id ?? '', type: p.type ?? '', role: p.role ?? '',
    ...(p.emailAddress ? { email: p.emailAddress.toLowerCase() } : {}), ...(p.domain ? { domain: p.domain } : {}),
  }));
}

const CAN_WRITE = new Set(['owner', 'organizer', 'fileOrganizer', 'writer']);

/** Grants `writer` to each principal that cannot write yet (no notification mail). Returns who was added. */
export async function ensureWriters(g: Google, fileId: string, principals: Principal[]): Promise<Principal[]> {
  const have = await permissionsOf(g, fileId);
  const added: Principal[] = [];
  for (const p of principals) {
    if (have.some((h) => h.email === p.email && CAN_WRITE.has(h.role))) continue;
    // One call per missing grant: a fresh set-up has two or three; a re-run has none.
    await g.call('drive.share', msg('cli.what.share', { id: fileId, email: p.email }), () =>
      g.drive.permissions.create({ fileId, sendNotificationEmail: false, requestBody: { type: p.type, role: 'writer', emailAddress: p.email }, ...ALL_DRIVES }));
    added.push(p);
  }
  return added;
}

/** Why a grant is too wide, in the admin's language where it is printed (src/core/i18n/cli-setup.ts). */
export interface SharingProblem { fileId: string; label: string; permission: Permission; why: Said }

/** Permissions beyond the allowed people and groups: link sharing, a whole domain, anyone else. */
export function sharingProblems(fileId: string, label: string, perms: Permission[], allowed: Set<string>): SharingProblem[] {
  const out: SharingProblem[] = [];
  const why = (key: MessageKey, params: Params = {}): Said => ({ key, params });
  for (const p of perms) {
    if (p.type === 'anyone') out.push({ fileId, label, permission: p, why: why('cli.share.anyone') });
    else if (p.type === 'domain') out.push({ fileId, label, permission: p, why: p.domain ? why('cli.share.domain', { domain: p.domain }) : why('cli.share.wholeDomain') });
    else if (!p.email || !allowed.has(p.email)) {
      // The role as Drive's API names it (reader, commenter, writer…); sharingLine puts it in the admin's words.
      const params = { type: p.type, email: p.email ?? p.domain ?? p.id, role: p.role };
      out.push({ fileId, label, permission: p, why: why(p.type === 'user' ? 'cli.share.user' : p.type === 'group' ? 'cli.share.group' : 'cli.share.other', params) });
    }
  }
  return out;
}

const DRIVE_ROLES = ['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'] as const;

/** A sharing problem as a line in the admin's language, with Drive's role in the words Drive's own screens use. */
export function sharingLine(tr: (key: MessageKey, params?: Params) => string, p: SharingProblem): string {
  const role = String(p.why.params.role ?? '');
  const word = (DRIVE_ROLES as readonly string[]).includes(role) ? tr(`cli.role.${role as typeof DRIVE_ROLES[number]}`) : role;
  return tr(p.why.key, { ...p.why.params, role: word });
}

export async function whoAmI(g: Google): Promise<string | undefined> {
  const res = await g.call('drive.about', msg('cli.what.whoAmI'), () => g.drive.about.get({ fields: 'user(emailAddress)' }));
  return res.data.user?.emailAddress?.toLowerCase() ?? undefined;
}
