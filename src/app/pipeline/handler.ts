// What a handler is and what it gets: the request, who is asking, their language, the views, and (for changes) commit.
import type { Actor, ActorKind } from '../../core/access';
import type { Locale, MessageKey, Params, Translate } from '../../core/i18n';
import type { Need, PersonView, ReadModel } from '../../store/read-model';
import type { Change, CommitFailure, CommitResult, Records, Snapshot } from '../../store/records';
import type { Views } from './load';
import type { FileMarks, Ports } from '../ports';
import type { Reply, Request } from '../../contract/request';

export interface Env {
  req: Request;
  actor: Actor;
  kinds: ActorKind[];
  /** The asker's own view (undefined for people not in the records). */
  me?: PersonView;
  locale: Locale;
  t: Translate;
  /** The request's instant (ISO, UTC) and the municipality's date today. */
  now: string;
  today: string;
  ports: Ports;
  views: Views;
  records: Records;
  rm: ReadModel;
  /** A setting from the Settings table (through the directory view), with a default. */
  setting(key: string, fallback: string): string;
  newId(prefix: string): string;
  /**
   * Runs an outward call (mail, calendar, Chat) after the reply is ready and the write lock released, so a change holds
   * the lock only for its reads and its write. Errors are logged, never shown: what was committed stands.
   */
  defer?(fn: () => void): void;
  /**
   * Commits a change set with audit rows (change handlers only: the lock is held). Patch the read model with
   * `rm.stage…` afterwards; the pipeline flushes it once.
   */
  commit(changes: Change[], action: string, prefetched?: Snapshot): EnvCommitResult;
  /**
   * The request's key was committed before (by an earlier arrival of the same action): see Records.committedBefore. For
   * a refusal the first arrival's own commit may have caused (the id it created exists now).
   */
  committedBefore?(snap?: Snapshot): boolean;
  /**
   * Runs `fn` once per request, whatever the number of attempts: an outward call a change needs before its commit (an
   * evidence file stored in Drive) is not made again when the attempt is repeated after a lost answer or a 429.
   */
  once?<T>(name: string, fn: () => T): T;
  /**
   * The pending marks for a file a `prepare` makes in Drive (set in the same Drive call): the heal job trashes a marked
   * file whose commit never came (src/app/pending-files.ts). `claim` 'key' for a file whose id no row records.
   */
  fileMarks?(claim?: 'id' | 'key'): FileMarks | undefined;
  /** What the handler's `prepare` made before the lock (change handlers with a prepare step only). */
  prepared?: unknown;
  /** The commit recorded the prepared work: it is not undone. */
  keepPrepared?(): void;
}

/**
 * A commit's result in a handler. `elsewhere`: the request key was committed by another execution of the same user
 * action (its answer was lost): nothing was written now, and what this execution prepared is not what was recorded.
 */
export type EnvCommitResult = CommitResult & { elsewhere?: boolean; earlierRequest?: boolean };

/** Outward work a change did before taking the lock (a Drive copy, a Docs read), and how to undo it if not kept. */
export interface Prepared {
  value: unknown;
  /** Called after the lock is given up when the handler did not call `keepPrepared` (refused, busy, replayed, a bug). */
  undo?(): void;
}

export interface Handler {
  /** `read`: served from the read model. `change`: runs under the write lock (views are loaded inside it). */
  kind: 'read' | 'change';
  /** Views beyond the directory and the asker's own person view. */
  needs?: (req: Request) => Need[];
  run(env: Env): Reply;
  /**
   * A change's outward work (Drive, Docs: never while the script lock is held, DESIGN.md Performance model): runs before
   * the lock on the same views and access check; a Reply ends the request there. Its value reaches `run` as
   * `env.prepared`; `run` calls `env.keepPrepared()` once the commit has recorded it, else `undo` runs after the lock.
   */
  prepare?(env: Env): Reply | Prepared;
}

export type Handlers = Record<string, Handler>;

/** Expected failures, shown to the user in their language. */
export type Failure =
  | { kind: 'notAllowed' }
  | { kind: 'notFound' }
  | { kind: 'invalid'; detail: string }
  | { kind: 'commit'; failure: CommitFailure };

export function failureText(t: Translate, f: Failure): string {
  switch (f.kind) {
    case 'notAllowed': return t('error.notAllowed');
    case 'notFound': return t('error.notFound');
    case 'invalid': return t('error.invalid', { detail: f.detail });
    case 'commit':
      switch (f.failure.reason) {
        case 'busy': return t('error.busy');
        case 'conflict': case 'stale': return t('error.conflict');
        case 'not_found': return t('error.notFound');
        case 'missing_column': return t('error.storage', { detail: `${f.failure.table}.${f.failure.field}` });
        case 'missing_table': return t('error.storage', { detail: f.failure.table });
      }
  }
}

/** A failure as a reply that suits where the user is (a message in Chat, a notification on a click, else a card). */
export function failReply(env: Pick<Env, 'req' | 't'>, f: Failure | { text: string }): Reply {
  const text = 'text' in f ? f.text : failureText(env.t, f);
  return replyText(env.req, text);
}

/** Plain text in the form the host expects for this kind of request. */
export function replyText(req: Request, text: string): Reply {
  if (req.host === 'chat') {
    if (req.chat?.isDialog) return { kind: 'close', notify: text };
    return { kind: 'message', message: { text } };
  }
  if (req.host === 'sidebar' || req.host === 'job') return { kind: 'notify', text };
  // Add-on hosts: a click gets a notification; a trigger (homepage, contextual) must get a card.
  if (req.params.action) return { kind: 'notify', text };
  return { kind: 'card', card: { sections: [{ widgets: [{ textParagraph: { text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;') } }] }] } };
}

export type { MessageKey, Params };
