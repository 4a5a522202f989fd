// A guide answers in the question's thread in a real browser (issue 15 §2 "Forum"): the thread card says how; a reply
// that @mentions Kompetent is offered back to the guide alone with "Send svaret", and one click brings it to the asker.
import { DEMO_PERSONAS } from '../../src/demo';
import { ACTIONS } from '../../src/contract/actions';
import { actAs, clickCard, openSpace, openTab, openWorkspace, say, shot, type Opened } from './browser';

jest.setTimeout(90_000);

const QUESTION = 'Hvordan legger jeg til en felles kalender for vaktlisten?';
const ANSWER = 'Åpne Kalender, velg «Andre kalendere» → «Abonner», og lim inn adressen fra vaktlisten.';

let ws: Opened;
beforeAll(async () => { ws = await openWorkspace(); }, 90_000);
afterAll(async () => { await ws?.close(); });

const button = (action: string) => `button[data-action*='"value":"${action}"']`;

test('a reply in the thread that mentions Kompetent reaches the asker after one click', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await say(page, `/spør ${QUESTION}`);
  await clickCard(page, page.locator(button(ACTIONS.askPost)).last());

  await actAs(page, DEMO_PERSONAS.guide);
  await openSpace(page, 'spaces/GUIDES');
  const thread = page.locator('.ws-thread', { hasText: QUESTION });
  await thread.waitFor();
  await expect(thread.textContent()).resolves.toContain('nevn @Kompetent');
  await thread.locator('[data-reply]').first().click();
  await say(page, `@Kompetent ${ANSWER}`);
  const confirm = thread.locator('.ws-msg.bot', { hasText: 'Vil du sende dette som svar' }).last();
  await confirm.waitFor();
  await shot(page, 'chat-forum-thread-mention');
  await clickCard(page, confirm.locator(button(ACTIONS.answerSubmit)));
  await page.locator('.ws-msg.bot', { hasText: 'Svaret er sendt til den som spurte' }).first().waitFor();
  await shot(page, 'chat-forum-thread-mention-sent');

  await actAs(page, DEMO_PERSONAS.staff);
  await openSpace(page, 'dm');
  await page.waitForFunction((a) => document.querySelector('#messages')?.textContent?.includes(a), ANSWER.slice(0, 30));
  await shot(page, 'chat-dm-answer-from-thread');
});
