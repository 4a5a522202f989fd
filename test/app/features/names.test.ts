// Messages show people's names, not their addresses, wherever the name is known (issue 15 §3): the leader a certificate
// waits for, the leader in the sign-off dialog, the leader who signed someone up; the address only when no name is known.
import { guarded } from '../../../src/app/handle';
import { chunkKeys, packOf } from '../../../src/store/packs';
import { ACTIONS } from '../../../src/contract/actions';
import { sendOutbox } from '../../support/effects';
import { PEOPLE } from '../../support/fixture';
import { handlers, runChat, warm } from './status/support';

const json = (x: unknown) => JSON.stringify(x);

test('a certificate registered from Gmail waits for the leader by name', () => {
  const ports = warm();
  const pdf = Buffer.from('%PDF-1.4 kursbevis').toString('base64');
  const id = ports.services.gmail.deliver({
    to: PEOPLE.kari, from: 'kurs@leverandor.example', subject: 'Kursbevis D-HLR', text: 'Vedlagt.',
    attachments: [{ fileName: 'kursbevis.pdf', mimeType: 'application/pdf', content: pdf, encoding: 'base64' }],
  });
  const event = {
    commonEventObject: { hostApp: 'GMAIL', parameters: { action: ACTIONS.registerCertificate, messageId: id, attachment: '0' },
      formInputs: { competenceId: { stringInputs: { value: ['cpr'] } }, achievedOn: { dateInput: { msSinceEpoch: Date.parse('2026-11-20T00:00:00Z') } } } },
    gmail: { messageId: id, threadId: 'thread-f:1', accessToken: 'token' },
  };
  const text = json(guarded(ports, handlers, event, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari }).reply);
  expect(text).toContain('venter på godkjenning fra Per Leder');
  expect(text).not.toContain(PEOPLE.per);
});

test('the sign-off dialog names the leader, not their address', () => {
  const ports = warm();
  const out = runChat(ports, PEOPLE.per, { action: 'status.signOffOpen', params: { email: PEOPLE.kari, competenceId: 'fire' }, dialog: true });
  expect(json(out.reply)).toContain('med deg (Per Leder) som godkjenner');
  expect(json(out.reply)).not.toContain(PEOPLE.per);
});

test('the mail to someone a leader signed up says who did it by name', () => {
  const ports = warm();
  runChat(ports, PEOPLE.per, { action: ACTIONS.signUpOther, params: { sessionId: 'S1', email: PEOPLE.kari }, dialog: true });
  sendOutbox(ports);
  const mail = ports.services.mail.sent.find((m) => m.to === PEOPLE.kari)!;
  expect(mail.text).toContain('Per Leder har meldt deg på.');
  expect(mail.text).not.toContain(PEOPLE.per);
});

test('with the directory refilled from its tables (no names until the next rebuild), the address is shown rather than nothing', () => {
  const ports = warm();
  ports.services.rawCache.removeAll(chunkKeys(packOf('dir')));
  const pdf = Buffer.from('%PDF-1.4').toString('base64');
  const id = ports.services.gmail.deliver({
    to: PEOPLE.kari, from: 'kurs@leverandor.example', subject: 'Kursbevis', text: '.',
    attachments: [{ fileName: 'k.pdf', mimeType: 'application/pdf', content: pdf, encoding: 'base64' }],
  });
  const event = {
    commonEventObject: { hostApp: 'GMAIL', parameters: { action: ACTIONS.registerCertificate, messageId: id, attachment: '0' },
      formInputs: { competenceId: { stringInputs: { value: ['cpr'] } }, achievedOn: { dateInput: { msSinceEpoch: Date.parse('2026-11-20T00:00:00Z') } } } },
    gmail: { messageId: id, threadId: 'thread-f:1', accessToken: 'token' },
  };
  expect(json(guarded(ports, handlers, event, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari }).reply)).toContain(`fra ${PEOPLE.per}`);
});
