// What a handler is and what it gets: the request, who is asking, their language, the views; a change also gets its locked
// read and commit, a job its batched commits. Only those can write records: no handler is given the records themselves.
import { can, type Actor, type ActorKind } from '../../core/access';
import type { Locale, MessageKey, Params, Translate } from '../../core/i18n';
import type { Row, TableName } from '../../core/records/tables';
import type { RowRange, WorkbookPort } from '../../store/ports';
import type { Need, PersonView, ReadModel } from '../../store/read-model';
import type { Change, CommitFailure, CommitResult, Snapshot } from '../../store/records';
import type { Views } from './load';
import type { FileMarks, Ports } from '../ports';
import type { Reply, Request } from '../../contract/request';

/** The workbook as a read or change handler has it: reads only (writes go through a change's commit or a job's). */
export type WorkbookReader = Pick<WorkbookPort, 'meter' | 'read' | 'tables'>;
/** The ports a read or change handler gets: every outward port, and the records only to read. */
export type HandlerPorts = Omit<Ports, 'workbook'> & { workbook: WorkbookReader };

/**
 * What every handler sees. No records and no commit: a read handler cannot write them (`tsc` refuses it; see the probes in
 * test/lint/runtimes.test.ts). A change gets `ChangeEnv`, a job `JobEnv`.
 */
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
  ports: HandlerPorts;
  views: Views;
  rm: ReadModel;
  /**
   * Reads records (one remote call; it cannot write): in a change under the write lock (the rows it touches, headers,
   * the Audit tail); in a read handler a bounded second tier; in a job outside any lock (a batch's rows, a table whole).
   */
  read: ReadRecords;
  /** A setting from the Settings table (through the directory view), with a default. */
  setting(key: string, fallback: string): string;
  newId(prefix: string): string;
  /**
   * Runs an outward call (mail, calendar, Chat) after the reply is ready and the write lock released, so a change holds
   * the lock only for its reads and its write. Errors are logged, never shown: what was committed stands.
   */
  defer?(fn: () => void): void;
  /**
   * Runs `fn` once per request, whatever the number of attempts: an outward call a change needs before its commit (an
   * evidence file stored in Drive) is not made again when the attempt is repeated after a lost answer or a 429.
   */
  once?<T>(name: string, fn: () => T): T;
  /**
   * The pending marks for a file a `prepare` makes in Drive (set in the same Drive call): the heal job trashes a marked
   * file whose commit never came (src/app/common/pending-files.ts). `claim` 'key' for a file whose id no row records.
   */
  fileMarks?(claim?: 'id' | 'key'): FileMarks | undefined;
  /** What the handler's `prepare` made before the lock (change handlers with a prepare step only). */
  prepared?: unknown;
  /** The commit recorded the prepared work: it is not undone. */
  keepPrepared?(): void;
}

/** Reads records as the service account: tables whole, or only these row ranges (`[]`: the header only), in one call. */
export type ReadRecords = (tables: TableName[], ranges?: Partial<Record<TableName, RowRange[]>>) => Snapshot;

/** What a change handler sees: it runs under the write lock, so it may commit (once, with its request key). */
export interface ChangeEnv extends Env {
  /**
   * Commits a change set with audit rows (change handlers only: the lock is held). Patch the read model with
   * `rm.stage…` afterwards; the pipeline flushes it once.
   */
  commit(changes: Change[], action: string, prefetched?: Snapshot): EnvCommitResult;
  /**
   * The request's key was committed before (by an earlier arrival of the same action): see Records.committedBefore. For
   * a refusal the first arrival's own commit may have caused (the id it created exists now).
   */
  committedBefore(snap?: Snapshot): boolean;
  /** Appends one Audit row that goes with no change of the records (an access export: who exported whom, when). */
  note(entry: Row<'Audit'>): void;
}

/** How a job's batch is recorded: by the app (`kompetent`) unless an administrator's own run names them. */
export interface JobCommitOptions {
  /** Rows read under this same hold of the lock (`locked`): then the commit reads nothing again. */
  prefetched?: Snapshot;
  actorEmail?: string;
  /** The audit rows' action (default: the job's). */
  action?: string;
  /** The audit rows' time (default: the clock now). */
  at?: string;
}

/** A job's commit: `auditEnd` is where the Audit tab ends after it (the cache's mark, for those who keep it). */
export type JobCommitResult = CommitResult & { auditEnd?: number };

/**
 * What a job sees. The pipeline holds the job's lease for the whole run (src/app/pipeline/job-lease.ts), so a trigger run
 * and "run now" never overlap; the script lock — shared with every person's change — is taken per batch only, by
 * `commit` (or `locked`), never while the job reads a table whole or sends a message. Holding it for a multi-minute run
 * would make every sign-up wait past its 10-second lock timeout and answer "busy" (DESIGN.md Performance model: no
 * remote call but the records read and write while the lock is held). A job sends its messages itself (it runs as the
 * app) and records each send in the batch that follows, re-checking what was sent before each send (DESIGN.md
 * Reliability); effects of people's changes go through the Outbox and the outbox job.
 */
export interface JobEnv extends Env {
  /** A job writes what no request may: the durable read model, the archives (the whole workbook port). */
  ports: Ports;
  /** One batch: the script lock for this commit only (one read of the touched rows unless prefetched, one write). */
  commit(changes: Change[], opts?: JobCommitOptions): JobCommitResult;
  /** Reads and a commit under one hold of the script lock (read-then-write that must not interleave with a change). */
  locked<T>(fn: () => T): T | { ok: false; reason: 'busy' };
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

interface HandlerBase {
  /** Views beyond the directory and the asker's own person view. */
  needs?: (req: Request) => Need[];
}

/** Served from the read model (and bounded reads through `ports.workbook`); writes nothing but the cache. */
export interface ReadHandler extends HandlerBase {
  kind: 'read';
  // A property, not a method: methods' parameters are bivariant, and a run that needs a ChangeEnv would pass as a read.
  run: (env: Env) => Reply;
}

/** Runs under the write lock (views are loaded inside it), with one commit and the request's idempotency key. */
export interface ChangeHandler extends HandlerBase {
  kind: 'change';
  run: (env: ChangeEnv) => Reply;
  /**
   * A change's outward work (Drive, Docs: never while the script lock is held, DESIGN.md Performance model): runs before
   * the lock on the same views and access check; a Reply ends the request there. Its value reaches `run` as
   * `env.prepared`; `run` calls `env.keepPrepared()` once the commit has recorded it, else `undo` runs after the lock.
   */
  prepare?: (env: Env) => Reply | Prepared;
}

/** A time-driven job (or an administrator's run of one): the lease for the whole run, batched commits (see JobEnv). */
export interface JobHandler extends HandlerBase {
  kind: 'job';
  /** Whose lease the run holds (default: its own action), e.g. the console's refresh holds the rebuild's. */
  lease?: string;
  /** The answer when another run holds the lease (default: "the job is already running"). */
  busy?: (env: Env) => Reply;
  run: (env: JobEnv) => Reply;
}

export type Handler = ReadHandler | ChangeHandler | JobHandler;
export type Handlers = Record<string, Handler>;

/** Who may run a job: its trigger (no user), or an administrator; anyone else gets "not allowed" (undefined: may run). */
export function refuseJobRun(env: Pick<Env, 'req' | 't' | 'actor'>): Reply | undefined {
  return env.req.host !== 'job' && !can(env.actor, { do: 'administer' }) ? failReply(env, { kind: 'notAllowed' }) : undefined;
}

/**
 * The one job wrapper: from its trigger (no user) or an administrator; logs the run's summary (when `quiet` does not say
 * there is nothing to tell) and answers a trigger with nothing, an administrator with the summary.
 */
export function jobHandler<S>(run: (env: JobEnv) => S, opts: { needs?: (req: Request) => Need[]; quiet?: (summary: S) => boolean } = {}): JobHandler {
  return {
    kind: 'job',
    ...(opts.needs ? { needs: opts.needs } : {}),
    run: (env) => {
      const refused = refuseJobRun(env);
      if (refused) return refused;
      const summary = run(env);
      if (!opts.quiet?.(summary)) env.ports.log.info(`${env.req.action} finished`, summary);
      return env.req.host === 'job' ? { kind: 'none' } : { kind: 'data', data: summary };
    },
  };
}

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
