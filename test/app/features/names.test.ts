// Messages show people's names, not their addresses, wherever the name is known (issue 15 §3): the leader a certificate
// waits for, the leader in the sign-off dialog, the leader who signed someone up, the course owner in the console, and the
// welcome for someone not in the records; the address only when no name is known.
import { guarded } from '../../../src/app/pipeline/handle';
import { chunkKeys, packOf } from '../../../src/store/packs';
import { ACTIONS } from '../../../src/contract/actions';
import { asUser, sendOutbox } from '../../support/effects';
import { COURSE_CALLS } from '../../../src/contract/course-admin';
import { sidebarEvent } from '../../../src/contract/sidebar';
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

test('the admin console names the course owner (from the directory), the address only as the tooltip', () => {
  const ports = warm();
  const out = asUser(ports, PEOPLE.guri, () => guarded(ports, handlers, sidebarEvent(COURSE_CALLS.list, '{}'),
    { host: 'sidebar', action: COURSE_CALLS.list, userEmail: PEOPLE.guri })).reply as { kind: string; data: { courses: { courseId: string; ownerName?: string }[] } };
  expect(out.kind).toBe('data');
  expect(out.data.courses.find((c) => c.courseId === 'K1')).toMatchObject({ ownerName: 'Guri Hansen' });
});

describe('someone not in the records', () => {
  const chatEvent = (displayName?: string) => ({
    commonEventObject: { hostApp: 'CHAT', userLocale: 'nb' },
    chat: { user: { name: 'users/9', email: PEOPLE.stranger, type: 'HUMAN', ...(displayName ? { displayName } : {}) },
      messagePayload: { space: { name: 'spaces/DM9', type: 'DM' }, message: { name: 'spaces/DM9/messages/1', text: 'status', argumentText: 'status' } } },
  });
  const run = (event: unknown, host: 'chat' | 'gmail') =>
    json(asUser(ports0, PEOPLE.stranger, () => guarded(ports0, handlers, event, { host, action: 'home', userEmail: PEOPLE.stranger })).reply);
  let ports0: ReturnType<typeof warm>;
  beforeEach(() => { ports0 = warm(); });

  it('is greeted in Chat by the name Google gives, never by their address, and told how to be added', () => {
    const text = run(chatEvent('Tilkalling Vikar'), 'chat');
    expect(text).toContain('Velkommen til Kompetent, Tilkalling Vikar');
    expect(text).toContain('Be lederen din eller HR om å legge deg inn');
    expect(text).not.toContain(PEOPLE.stranger);
  });

  it('in Gmail (no name from Google) gets the plain welcome, still without the address', () => {
    const text = run({ commonEventObject: { hostApp: 'GMAIL' } }, 'gmail');
    expect(text).toContain('Velkommen til Kompetent');
    expect(text).toContain('Vi fant deg ikke i personalregisteret.');
    expect(text).not.toContain(PEOPLE.stranger);
  });
});
