// How a job tells a person, the one way: running as the Kompetent account and holding no lock while it sends, it posts into
// their DM with the app through the Chat outbox (Chat's one write a second per space), else mails within the day's quota
// less a reserve. A request never sends: it commits an Outbox effect with its change (effects.ts), which the outbox job sends
// through this same path (outbox-job.ts).
import type { ChatMessage } from '../../contract/card-types';
import type { JobEnv } from '../pipeline/handler';
import type { MailPort } from '../ports';
import { chatOutbox, type ChatOutbox } from './chat-outbox';

export type Channel = 'chat' | 'mail';
/** A mail without its recipient: subject, text, and what else MailPort.send takes (html, attachments). */
export type MailText = Omit<Parameters<MailPort['send']>[0], 'to'>;

/**
 * What became of one mail: sent; `quota` — the day's recipients are spent (or kept as the reserve): nothing was tried, the
 * caller keeps it for a later run; `failed` — MailApp refused it for another reason (logged): the caller counts a failure.
 */
export type MailResult = { status: 'sent' } | { status: 'quota' } | { status: 'failed'; error: string };

/** A job may wait for a space's Chat slot this long in all (it has minutes). */
const MAX_WAIT_MS = 60_000;

/**
 * MailApp past the day's recipients: "Service invoked too many times for one day: email." (Apps Script, Quotas for Google
 * Services: exceeding a quota throws and names the service; developers.google.com/apps-script/guides/services/quotas).
 * Another execution of the same account (a job, the outbox of another minute) may spend the quota after this one read it.
 */
const QUOTA_SPENT = /too many times for one day: email/i;

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}

export class Delivery {
  /** Chat as the app, one write a second per space (waits within MAX_WAIT_MS, else defers). */
  readonly chat: ChatOutbox;
  private left: number | undefined;

  /** Only a job makes one (`locked` is a JobEnv's alone): a request runs as the person who clicked. */
  constructor(private readonly env: Pick<JobEnv, 'ports' | 'locked'>, private readonly mailReserve = 0) {
    this.chat = chatOutbox(env.ports, MAX_WAIT_MS);
  }

  /**
   * Recipients this run may still mail: the day's quota (MailApp.getRemainingDailyQuota, read once, when first asked) less
   * the reserve kept for the outbox job. A quota that cannot be read counts as spent (logged): the mail waits, nothing throws.
   */
  get mailLeft(): number {
    if (this.left === undefined) {
      let quota = 0;
      try {
        quota = this.env.ports.mail.remainingQuota();
      } catch (err) {
        this.env.ports.log.error('Reading the mail quota failed', errorText(err));
      }
      this.left = Math.max(0, quota - this.mailReserve);
    }
    return this.left;
  }

  /**
   * A mail from the Kompetent account while the quota lasts. Every recipient counts against it (MailApp: "recipient: the
   * addresses of the recipients, separated by commas"). Never throws.
   */
  mail(to: string, mail: () => MailText): MailResult {
    const recipients = to.split(',').filter((x) => x.trim()).length || 1;
    if (this.mailLeft < recipients) return { status: 'quota' };
    try {
      this.env.ports.mail.send({ to, ...mail() });
      this.left = this.mailLeft - recipients;
      return { status: 'sent' };
    } catch (err) {
      const error = errorText(err);
      if (QUOTA_SPENT.test(error)) {
        // Spent behind this run's back: nothing more goes today from this run; the mail waits for the quota's next day.
        this.left = 0;
        this.env.ports.log.info(`Mail to ${to} waits: the day's mail quota is spent`, error);
        return { status: 'quota' };
      }
      this.env.ports.log.error(`Mail to ${to} failed`, error);
      return { status: 'failed', error };
    }
  }

  /**
   * Their DM with the app if it is installed for them, else mail. The requestId makes a retry after a crash return the
   * same Chat message instead of posting again. Undefined: neither went (logged; the job tries again next run).
   */
  send(to: string, chat: () => ChatMessage, mail: () => MailText, requestId: string): Channel | undefined {
    const space = this.chat.directMessage(to);
    if (space && this.chat.create(space, chat(), { requestId }).ok) return 'chat';
    return this.mail(to, mail).status === 'sent' ? 'mail' : undefined;
  }
}
