// Someone not in the records opens Kompetent in Chat (issue 15 §3): greeted by the name Google gives, never by their
// address, told how to be added, and offered the FAQ and a guide.
import { DEMO_PERSONAS } from '../../src/demo';
import { actAs, openSpace, openTab, openWorkspace, say, shot, type Opened } from './browser';

jest.setTimeout(90_000);

let ws: Opened;
beforeAll(async () => { ws = await openWorkspace(); }, 90_000);
afterAll(async () => { await ws?.close(); });

test('the welcome names the person and shows no e-mail address', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.unknown);
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  await say(page, '/status');
  const card = page.locator('.ws-msg.bot .kc-card').last();
  const text = (await card.textContent()) ?? '';
  expect(text).toContain('Velkommen til Kompetent, Tilkalling Vikar');
  expect(text).toContain('Be lederen din eller HR om å legge deg inn');
  expect(text).not.toContain('@');
  await shot(page, 'chat-unknown-user-welcome');
});
