// How the console runs a server call: busy while it lasts, then the outcome in the status line (success text or error).
import { SidebarError, t } from './api';
import type { State } from './state';

/** The status line's text for a failed call: the server's own message, else the failure in words. */
export function failureMessage(err: unknown): string {
  return err instanceof SidebarError ? err.message : t('admin.failed', { message: err instanceof Error ? err.message : String(err) });
}

/**
 * Runs `work` with the console busy, and renders before and after. `done` is the status text on success (or a function
 * of the value); an earlier error leaves the status line when a new call starts, while a load that follows a save keeps
 * the save's message. A failure is shown, never thrown: the view gets `undefined`.
 */
export async function runWork<T>(
  state: Pick<State, 'busy' | 'status'>, render: () => void, work: () => Promise<T>, done?: string | ((value: T) => string | undefined),
): Promise<T | undefined> {
  state.busy = true;
  if (state.status?.error) state.status = undefined;
  render();
  try {
    const value = await work();
    const text = typeof done === 'function' ? done(value) : done;
    if (text) state.status = { text, error: false };
    return value;
  } catch (err) {
    state.status = { text: failureMessage(err), error: true };
    return undefined;
  } finally {
    state.busy = false;
    render();
  }
}
