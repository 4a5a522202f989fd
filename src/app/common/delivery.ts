// How a job tells a person, the one way: running as the Kompetent account and holding no lock while it sends, it posts into
// their DM with the app through the Chat outbox (Chat's one write a second per space), else mails within the day's quota
// less a reserve. A request never sends: it commits an Outbox effect with its change (effects.ts), which the outbox job sends.
import type { ChatMessage } from '../../contract/card-types';
import type { JobEnv } from '../pipeline/handler';
import { ChatOutbox } from './chat-outbox';

export type Channel = 'chat' | 'mail';
export interface MailText { subject: string; text: string }

/** A job may wait for a space's Chat slot this long in all (it has minutes; the outbox job allows the same). */
const MAX_WAIT_MS = 60_000;

export class Delivery {
  /** Chat as the app, one write a second per space (waits within MAX_WAIT_MS, else defers). */
  readonly chat: ChatOutbox;
  private left: number | undefined;

  /** Only a job makes one (`locked` is a JobEnv's alone): a request runs as the person who clicked. */
  constructor(private readonly env: Pick<JobEnv, 'ports' | 'locked'>, private readonly mailReserve = 0) {
    const { ports } = env;
    this.chat = new ChatOutbox(ports.chat, () => ports.clock.now().getTime(), ports.log, { sleep: ports.sleep, maxWaitMs: MAX_WAIT_MS });
  }

  /** Mails this run may still send: the day's quota (read when first asked) less the reserve kept for the outbox job. */
  get mailLeft(): number {
    this.left ??= Math.max(0, this.env.ports.mail.remainingQuota() - this.mailReserve);
    return this.left;
  }

  /** A mail from the Kompetent account while the quota lasts; false when none is left or it failed (logged). */
  mail(to: string, mail: () => MailText): boolean {
    if (this.mailLeft <= 0) return false;
    try {
      this.env.ports.mail.send({ to, ...mail() });
      this.left = this.mailLeft - 1;
      return true;
    } catch (err) {
      this.env.ports.log.error(`Mail to ${to} failed`, err instanceof Error ? err.message : err);
      return false;
    }
  }

  /**
   * Their DM with the app if it is installed for them, else mail. The requestId makes a retry after a crash return the
   * same Chat message instead of posting again. Undefined: neither went (logged).
   */
  send(to: string, chat: () => ChatMessage, mail: () => MailText, requestId: string): Channel | undefined {
    const space = this.chat.directMessage(to);
    if (space && this.chat.create(space, chat(), { requestId }).ok) return 'chat';
    return this.mail(to, mail) ? 'mail' : undefined;
  }
}
