// The one way the app's own mails and course events name their session: a readable footer line ("Kurs-ID: S00034") that
// the Gmail card finds again in the opened mail; the old "[kompetent:session=S00034]" marker of earlier mails still reads.
// No header is used: MailApp's sendEmail options have no custom headers (Apps Script reference, MailApp.sendEmail(message):
// to, cc, bcc, replyTo, name, noReply, subject, body, htmlBody, attachments, inlineImages), so the body is the only place.
import { LOCALES, rawMessage, t, type Locale } from './i18n';
import { RECORD_ID_PATTERN } from './ids';

const ID = `(${RECORD_ID_PATTERN})`;
/** Mails sent before the footer line: the marker in subject and body. */
const LEGACY = new RegExp(`\\[kompetent:session=${ID}\\]`);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The footer line in every language, each on a line of its own ("Kurs-ID: S00034", "Course ID: S00034"). */
const FOOTERS = [...new Set(LOCALES.map((l) => rawMessage(l, 'courses.mail.sessionRef')))]
  .map((m) => new RegExp(`^[ \\t]*${m.split('{id}').map(escapeRe).join(ID)}[ \\t]*$`, 'm'));

/** The readable line that names the session in a mail body or a course event's description. */
export function sessionRef(locale: Locale, sessionId: string): string {
  return t(locale, 'courses.mail.sessionRef', { id: sessionId });
}

/** The session a mail is about: the footer line in any language, or the old marker; undefined when there is none. */
export function referencedSession(...texts: string[]): string | undefined {
  for (const s of texts) {
    for (const re of [...FOOTERS, LEGACY]) {
      const m = re.exec(s);
      if (m) return m[1];
    }
  }
  return undefined;
}
