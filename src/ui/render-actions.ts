// Host-neutral add-on replies in Google's documented HTTP add-on response JSON (RenderActions), for Gmail, Docs, Sheets.
// Shapes: developers.google.com/workspace/add-ons/guides/alternate-runtimes and …/add-ons/concepts/actions (RenderActions:
// { action: { navigations[], notification, link } } or { hostAppAction: … }); googleworkspace/add-ons-samples node/3p-resources
// returns { action: { navigations: [{ pushCard }] } } and { renderActions: { action: { navigations: [{ updateCard }] } } }.
// src/gas/card-service.ts builds the same thing with CardService; the local workspace renders this JSON directly.
import type { Card, OpenLink } from '../contract/card-types';

/**
 * One step of card navigation; steps run in order (e.g. popToRoot then updateCard).
 * Note the documented key for "pop one card" is `pop` (Navigation.pop, boolean), not `popCard` (that is the Apps Script
 * method name). `popToCard` is the `name` of a card on the stack (Card.name; CardService Navigation.popToNamedCard).
 */
export type Navigation =
  | { pushCard: Card }
  | { updateCard: Card }
  | { pop: true }
  | { popToRoot: true }
  | { popToCard: string };

export interface RenderAction {
  navigations?: Navigation[];
  /** A short toast at the bottom of the add-on panel. */
  notification?: { text: string };
  /** Opens a URL (must match addOns.common.openLinkUrlPrefixes in appsscript.json when external to Google). */
  link?: OpenLink;
}

/** The reply to a card action (button, chip, grid or decorated-text click) in an add-on host. */
export interface RenderActions {
  action: RenderAction;
}

/**
 * Docs/Sheets only: asks the user to grant drive.file for the open file (the "Grant access" flow). Documented as
 * renderActions.hostAppAction.editorAction.requestFileScopeForActiveDocument; Apps Script builds it with
 * CardService.newEditorFileScopeActionResponseBuilder().requestFileScopeForActiveDocument().
 */
export interface RequestFileScope {
  hostAppAction: { editorAction: { requestFileScopeForActiveDocument: Record<string, never> } };
}

/** What an add-on card-action handler may answer. */
export type AddOnActionResponse = RenderActions | RequestFileScope;

/** What a homepage, contextual or onFileScopeGranted trigger answers: one card, or several (shown as a list of headers). */
export type TriggerCards = Card | Card[];

export function isRequestFileScope(r: AddOnActionResponse): r is RequestFileScope {
  return 'hostAppAction' in r;
}
