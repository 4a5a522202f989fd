// The add-on response shapes: telling a file-scope request (Docs/Sheets "grant access") from RenderActions.
import { isRequestFileScope, type AddOnActionResponse } from '../../src/ui/render-actions';
import { toAddonReply } from '../../src/ui/envelopes';

it('tells the file-scope request from every RenderActions reply', () => {
  expect(isRequestFileScope({ hostAppAction: { editorAction: { requestFileScopeForActiveDocument: {} } } })).toBe(true);
  expect(isRequestFileScope(toAddonReply({ kind: 'requestFileScope' }))).toBe(true);
  const others: AddOnActionResponse[] = [{ action: {} }, { action: { notification: { text: 'x' } } }, { action: { navigations: [{ pop: true }] } }, toAddonReply({ kind: 'none' })];
  for (const r of others) expect(isRequestFileScope(r)).toBe(false);
});
