// The browser's side of the local workspace API (src/workspace/routes.ts): fetch helpers and the shapes returned.
import type { Card } from '../../contract/card-types';
import type { AddOnActionResponse } from '../../ui/render-actions';
import type { DocBlock } from '../../contract/doc-blocks';
import type { StoredMessage } from './google-events';

export interface PersonEntry { email: string; name: string; unit?: string; locale: string; kinds: string[]; persona?: string }
export interface SpaceEntry { name: string; displayName: string; kind: 'dm' | 'forum' | 'announcements' | 'other'; messages: number; threads: number; lastAt?: string }
export interface MailEntry { id: string; from?: string; subject: string; sentAt: string; snippet: string; attachments: { index: number; fileName: string; mimeType: string }[] }
export interface MailFull extends MailEntry { to: string; text: string; html?: string }
export interface JobEntry { name: string; label: string; action: string; schedule: string; handled: boolean }
export interface State {
  version: number; now: string; today: string; timeZone: string; me: PersonEntry;
  spaces: SpaceEntry[]; inbox: MailEntry[]; jobs: JobEntry[];
  docs: { id: string; title: string; role: DocRole }[]; files: { id: string; name: string; mimeType: string; folder: string }[];
}
export type DocRole = 'writer' | 'commenter' | 'reader';
export interface DocFull { id: string; title: string; role: DocRole; revisionId: string; blocks: DocBlock[] }
export type DocEdit = { block: number; text: string } | { block: number; row: number; col: number; text: string } | { block: number; addRow: true };
export interface ChatEffect { created: string[]; updated: string[]; dialog?: Card; closeDialog?: boolean; notification?: string }
export interface Issue { table: string; rowNumber?: number; field?: string; reason: string; value?: string }
export interface SheetPage {
  table: string; header: string[]; total: number; matching: number; offset: number; rows: { rowNumber: number; cells: string[] }[];
  issues: Issue[]; issueCount: number; fileProblems: { row?: number; message: string }[]; checkedAt?: string;
}
export interface JobResult { job: string; handled: boolean; reply: string; mails: number; messages: number; errors: string[] }

export class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const json = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new ApiError(res.status, json.error ?? res.statusText);
  return json as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new ApiError(res.status, json.error ?? res.statusText);
  return json as T;
}

export const api = {
  state: (me: string) => getJson<State>(`/api/state?as=${encodeURIComponent(me)}`),
  version: () => getJson<{ version: number }>('/api/version'),
  people: (q: string) => getJson<{ personas: PersonEntry[]; people: PersonEntry[] }>(`/api/people?q=${encodeURIComponent(q)}`),
  messages: (me: string, space: string) => getJson<{ messages: StoredMessage[] }>(`/api/chat/messages?as=${encodeURIComponent(me)}&space=${encodeURIComponent(space)}`),
  chatEvent: (event: unknown) => postJson<{ response: unknown; effect: ChatEffect }>('/api/chat/event', event),
  plainMessage: (body: { user: string; space: string; text: string; name: string; threadName?: string; displayName?: string }) => postJson<{ created: string[] }>('/api/chat/message', body),
  addon: (host: string, entry: string, user: string, event: unknown) => postJson<AddOnActionResponse>(`/api/addon/${host}/${entry}`, { user, event }),
  mail: (me: string, id: string) => getJson<MailFull>(`/api/mail/${id}?as=${encodeURIComponent(me)}`),
  doc: (me: string, id: string) => getJson<DocFull>(`/api/docs/${encodeURIComponent(id)}?as=${encodeURIComponent(me)}`),
  docEdit: (user: string, id: string, edit: DocEdit) => postJson<DocFull>(`/api/docs/${encodeURIComponent(id)}/edit`, { user, ...edit }),
  tables: () => getJson<{ tables: { name: string; issues: number }[]; checkedAt?: string }>('/api/sheets'),
  sheet: (table: string, offset: number, q: string) => getJson<SheetPage>(`/api/sheets/${encodeURIComponent(table)}?offset=${offset}&limit=200&q=${encodeURIComponent(q)}`),
  editCell: (table: string, row: number, column: number, value: string) => postJson<{ ok: true; issues: Issue[] }>(`/api/sheets/${encodeURIComponent(table)}/cells`, { row, column, value }),
  externalCertificate: (user: string) => postJson<{ id: string }>('/api/mail/external-certificate', { user }),
  job: (name: string) => postJson<JobResult>(`/api/jobs/${name}`, {}),
  clock: (body: { days?: number; hours?: number } | { to: string }) => postJson<{ now: string; today: string }>('/api/clock', body),
};
