// Posts and updates Chat messages as the app while keeping Chat's limit of one write a second per space: waits when it
// may (a port's sleep, within a budget), otherwise defers the write so a later job run does it. Failures are logged, never thrown.
import type { ChatMessage } from '../../contract/card-types';
import type { ChatCreateOptions, ChatPort, LogPort, Ports } from '../ports';

/** Chat accepts at most one write per second per space from all apps together. */
export const SPACE_WRITE_GAP_MS = 1000;

export type OutboxResult =
  | { ok: true; name: string; threadName?: string }
  | { ok: false; reason: 'deferred' | 'failed'; error?: string };

export interface OutboxOptions {
  /** Waiting allowed in total (a card must answer within 30 s; a job has minutes). Without `sleep` nothing waits. */
  maxWaitMs?: number;
  sleep?: (ms: number) => void;
}

/** The space of a space, message or thread name (`spaces/AAA/messages/…` → `spaces/AAA`). */
export function spaceOf(name: string): string {
  return name.split('/').slice(0, 2).join('/');
}

export class ChatOutbox {
  private readonly lastWrite = new Map<string, number>();
  private waited = 0;
  readonly written: { space: string; at: number; kind: 'create' | 'update' }[] = [];
  deferred = 0;

  constructor(
    private readonly chat: ChatPort,
    private readonly nowMs: () => number,
    private readonly log: LogPort,
    private readonly opts: OutboxOptions = {},
  ) {}

  /** Whether a write to `space` can go now (or after a wait this outbox may still spend). */
  private slot(space: string): boolean {
    const last = this.lastWrite.get(space);
    if (last === undefined) return true;
    const wait = last + SPACE_WRITE_GAP_MS - this.nowMs();
    if (wait <= 0) return true;
    if (!this.opts.sleep || this.waited + wait > (this.opts.maxWaitMs ?? 0)) return false;
    this.opts.sleep(wait);
    this.waited += wait;
    return true;
  }

  private mark(space: string, kind: 'create' | 'update'): void {
    const at = this.nowMs();
    this.lastWrite.set(space, at);
    this.written.push({ space, at, kind });
  }

  create(space: string, message: ChatMessage, opts: ChatCreateOptions = {}): OutboxResult {
    if (!space) return { ok: false, reason: 'failed', error: 'no space' };
    if (!this.slot(space)) { this.deferred++; return { ok: false, reason: 'deferred' }; }
    try {
      const res = this.chat.createMessage(space, message, opts);
      this.mark(space, 'create');
      return { ok: true, name: res.name, threadName: res.threadName };
    } catch (err) {
      this.mark(space, 'create');
      const error = err instanceof Error ? err.message : String(err);
      this.log.error(`Chat post to ${space} failed`, error);
      // 429 (quota) and 5xx are worth another try later; the caller keeps what it meant to post.
      return { ok: false, reason: /HTTP (429|5\d\d)/.test(error) ? 'deferred' : 'failed', error };
    }
  }

  update(messageName: string, message: ChatMessage): OutboxResult {
    const space = spaceOf(messageName);
    if (!this.slot(space)) { this.deferred++; return { ok: false, reason: 'deferred' }; }
    try {
      this.chat.updateMessage(messageName, message);
      this.mark(space, 'update');
      return { ok: true, name: messageName };
    } catch (err) {
      this.mark(space, 'update');
      const error = err instanceof Error ? err.message : String(err);
      this.log.error(`Chat update of ${messageName} failed`, error);
      return { ok: false, reason: 'failed', error };
    }
  }

  /** The app's DM with a person, if the app is installed for them (errors count as "no DM"). */
  directMessage(email: string): string | undefined {
    if (!email) return undefined;
    try {
      return this.chat.findDirectMessage(email);
    } catch (err) {
      this.log.error(`findDirectMessage failed for ${email}`, err instanceof Error ? err.message : err);
      return undefined;
    }
  }
}

/**
 * The Chat outbox over the ports it uses, the one way to make one: `maxWaitMs` is the waiting for a space's slot it may
 * spend in all (0: none, it defers; a card has seconds, a job minutes).
 */
export function chatOutbox(ports: Pick<Ports, 'chat' | 'clock' | 'log' | 'sleep'>, maxWaitMs = 0): ChatOutbox {
  return new ChatOutbox(ports.chat, () => ports.clock.now().getTime(), ports.log, { sleep: ports.sleep, maxWaitMs });
}
