// The console's way of running a server call: busy flag, renders, the status line on success and on failure.
import { SidebarError, setStrings } from '../../src/sidebar/api';
import { failureMessage, runWork } from '../../src/sidebar/run-work';

beforeAll(() => setStrings({ 'admin.failed': 'Det gikk ikke: {message}' }));

function console_(status?: { text: string; error: boolean }) {
  const state: { busy: boolean; status?: { text: string; error: boolean } } = { busy: false, status };
  const seen: { busy: boolean; status?: string }[] = [];
  const render = () => { seen.push({ busy: state.busy, status: state.status?.text }); };
  return { state, seen, render };
}

it('is busy while the work runs, renders before and after, and shows the success text', async () => {
  const c = console_();
  const v = await runWork(c.state, c.render, async () => 7, (n) => `Lagret ${n}`);
  expect(v).toBe(7);
  expect(c.seen).toEqual([{ busy: true, status: undefined }, { busy: false, status: 'Lagret 7' }]);
  expect(c.state.status).toEqual({ text: 'Lagret 7', error: false });
});

it('keeps an earlier save\'s message through a load that has no text of its own, but clears an earlier error', async () => {
  const saved = console_({ text: 'Lagret', error: false });
  await runWork(saved.state, saved.render, async () => undefined);
  expect(saved.state.status).toEqual({ text: 'Lagret', error: false });
  const failed = console_({ text: 'Feil', error: true });
  await runWork(failed.state, failed.render, async () => undefined);
  expect(failed.state.status).toBeUndefined();
});

it('shows a failure instead of throwing: the server\'s own message as it is, anything else in words', async () => {
  const c = console_();
  expect(await runWork(c.state, c.render, () => Promise.reject(new SidebarError('Du har ikke tilgang.')), 'Lagret')).toBeUndefined();
  expect(c.state).toEqual({ busy: false, status: { text: 'Du har ikke tilgang.', error: true } });
  expect(failureMessage(new Error('timeout'))).toBe('Det gikk ikke: timeout');
  expect(failureMessage('x')).toBe('Det gikk ikke: x');
});
