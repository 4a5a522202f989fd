// The opened Gmail message through GmailApp, with the per-message access token of the contextual trigger (and of clicks
// inside its card): nothing but that one message is ever read. Scope gmail.addons.current.message.readonly.
import type { GmailMessage, GmailPort } from '../app/ports';

export function gmailApp(): GmailPort {
  return {
    currentMessage(messageId, accessToken, opts = {}): GmailMessage | undefined {
      try {
        // https://developers.google.com/apps-script/reference/gmail/gmail-app#setCurrentMessageAccessToken(String)
        GmailApp.setCurrentMessageAccessToken(accessToken);
        const m = GmailApp.getMessageById(messageId);
        if (!m) return undefined;
        return {
          id: messageId, subject: m.getSubject(), from: m.getFrom(), body: m.getPlainBody(),
          attachments: m.getAttachments({ includeInlineImages: false }).map((a) => ({
            name: a.getName(), mimeType: a.getContentType(), size: a.getSize(),
            base64: opts.withContent ? Utilities.base64Encode(a.getBytes()) : '',
          })),
        };
      } catch (err) {
        // An expired token or a message that is gone: the card says it could not read the mail.
        console.error('Gmail message could not be read', err instanceof Error ? err.message : err);
        return undefined;
      }
    },
  };
}
