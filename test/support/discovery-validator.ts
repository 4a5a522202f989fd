// Checks JSON against the Chat API discovery schemas (Card v2, Message, …) and the Chat add-on response envelopes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { googleRefDir } from './google-ref';

export { googleRefDir };

/** A discovery-document schema node, plus three checks of our own (`required`, `exactlyOne`, `atMostOne`). */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  readOnly?: boolean;
  deprecated?: boolean;
  description?: string;
  required?: string[];
  exactlyOne?: string[];
  atMostOne?: string[];
}

export interface ValidateOptions {
  /** Output-only fields (`readOnly`) are errors in what the app sends; events from Google carry them. Default false. */
  rejectOutputOnly?: boolean;
  /** Deprecated fields (Message.cards, DecoratedText.icon, Chip.enabled) are errors. Default false. */
  rejectDeprecated?: boolean;
}

let discovery: Record<string, SchemaNode> | undefined;

/** The discovery document's `schemas`, read once; a property documented as "Required." becomes required. */
export function discoverySchemas(): Record<string, SchemaNode> {
  if (discovery) return discovery;
  const doc = JSON.parse(readFileSync(join(googleRefDir(), 'chat-v1-discovery.json'), 'utf8')) as { schemas: Record<string, SchemaNode> };
  for (const schema of Object.values(doc.schemas)) {
    const required = Object.entries(schema.properties ?? {}).filter(([, p]) => /^Required\./.test(p.description ?? '')).map(([k]) => k);
    if (required.length) schema.required = required;
  }
  // Proto oneofs the JSON cannot express: a widget is exactly one kind of widget, an onClick does exactly one thing.
  const oneOf = (name: string, except: string[] = []) => {
    const s = doc.schemas[name];
    if (s?.properties) s.exactlyOne = Object.keys(s.properties).filter((k) => !except.includes(k));
  };
  oneOf('GoogleAppsCardV1Widget', ['horizontalAlignment']);
  oneOf('GoogleAppsCardV1Widgets');
  oneOf('GoogleAppsCardV1NestedWidget');
  oneOf('GoogleAppsCardV1OnClick');
  discovery = doc.schemas;
  return discovery;
}

// ---- the walker

interface Ctx { schemas: Record<string, SchemaNode>; opts: ValidateOptions; errors: string[] }

const IDENT = /^[A-Za-z_$][\w$]*$/;
const at = (path: string) => path || '(root)';
const child = (path: string, key: string) => (IDENT.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`);
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

function suggest(key: string, known: string[]): string {
  const best = known.map((k) => [k, distance(key, k)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= Math.max(1, Math.floor(key.length / 3)) ? ` (did you mean '${best[0]}'?)` : '';
}

const INT32 = 2 ** 31;

function walk(node: SchemaNode, value: unknown, path: string, ctx: Ctx): void {
  if (node.$ref) {
    const target = ctx.schemas[node.$ref];
    if (!target) ctx.errors.push(`${at(path)}: schema '${node.$ref}' is not defined`);
    else walk(target, value, path, ctx);
    return;
  }
  const err = (msg: string) => ctx.errors.push(`${at(path)}: ${msg}`);
  switch (node.type) {
    case undefined:
    case 'any':
      return;
    case 'object':
      return walkObject(node, value, path, ctx);
    case 'array':
      if (!Array.isArray(value)) return void err(`expected array, got ${kindOf(value)}`);
      if (node.items) value.forEach((v, i) => walk(node.items!, v, `${path}[${i}]`, ctx));
      return;
    case 'string':
      if (typeof value !== 'string') {
        const hint = node.format === 'int64' && typeof value === 'number' ? ' (int64 values are JSON strings, e.g. "1746057600000")' : '';
        return void err(`expected string, got ${kindOf(value)}${hint}`);
      }
      if (node.enum && !node.enum.includes(value)) return void err(`'${value}' is not one of ${node.enum.join(', ')}`);
      if (node.format === 'int64' && !/^-?\d{1,19}$/.test(value)) return void err(`'${value}' is not an int64 (a string of digits)`);
      if (node.format === 'google-datetime' && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value)))) {
        return void err(`'${value}' is not an RFC 3339 timestamp`);
      }
      if (node.format === 'byte' && !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) return void err('is not base64');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return void err(`expected integer, got ${typeof value === 'number' ? value : kindOf(value)}`);
      if (node.format === 'int32' && (value < -INT32 || value >= INT32)) return void err(`${value} is out of int32 range`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return void err(`expected number, got ${kindOf(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') return void err(`expected boolean, got ${kindOf(value)}`);
      return;
    default:
      return void err(`schema type '${node.type}' is not supported by the validator`);
  }
}

function walkObject(node: SchemaNode, value: unknown, path: string, ctx: Ctx): void {
  const err = (msg: string) => ctx.errors.push(`${at(path)}: ${msg}`);
  if (!isObj(value)) return void err(`expected object, got ${kindOf(value)}`);
  const props = node.properties ?? {};
  const extra = node.additionalProperties;
  let unknown = 0;
  for (const [key, v] of Object.entries(value)) {
    const prop = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
    if (prop) {
      if (prop.readOnly && ctx.opts.rejectOutputOnly) err(`'${key}' is output only`);
      if (prop.deprecated && ctx.opts.rejectDeprecated) err(`'${key}' is deprecated`);
      walk(prop, v, child(path, key), ctx);
    } else if (isObj(extra)) {
      walk(extra, v, child(path, key), ctx);
    } else if (extra !== true) {
      unknown++;
      err(`unknown property '${key}'${suggest(key, Object.keys(props))}`);
    }
  }
  for (const key of node.required ?? []) if (!(key in value)) err(`missing required property '${key}'`);
  const present = (keys: string[]) => keys.filter((k) => k in value);
  if (node.exactlyOne) {
    const got = present(node.exactlyOne);
    // An object holding only unknown keys has already been reported; "expected one of …" would be noise.
    if (got.length !== 1 && !(got.length === 0 && unknown > 0)) {
      err(`expected exactly one of ${node.exactlyOne.join(', ')}${got.length ? ` (got ${got.join(', ')})` : ''}`);
    }
  }
  if (node.atMostOne) {
    const got = present(node.atMostOne);
    if (got.length > 1) err(`expected at most one of ${node.atMostOne.join(', ')} (got ${got.join(', ')})`);
  }
}

/**
 * Errors of `value` against discovery schema `schemaName` (empty = valid): unknown properties, types (int64 as
 * strings), enums, items, additionalProperties, "Required." fields and widget/onClick oneofs, each with its path,
 * e.g. `card.sections[0].widgets[2].buttonList.buttons[0]: unknown property 'foo'`.
 */
export function validateAgainstDiscovery(schemaName: string, value: unknown, opts: ValidateOptions = {}): string[] {
  const schemas = discoverySchemas();
  if (!schemas[schemaName]) throw new Error(`No schema '${schemaName}' in the Chat API discovery document`);
  return validateWith({ $ref: schemaName }, value, schemas, opts);
}

function validateWith(node: SchemaNode, value: unknown, schemas: Record<string, SchemaNode>, opts: ValidateOptions): string[] {
  const ctx: Ctx = { schemas, opts, errors: [] };
  walk(node, value, '', ctx);
  return ctx.errors;
}

// ---- Chat add-on responses (shared/google/chat-responses.md), written as schemas over the discovery ones.

const obj = (properties: Record<string, SchemaNode>, extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'object', properties, ...extra });
const arrayOf = (items: SchemaNode): SchemaNode => ({ type: 'array', items });
const ref = ($ref: string): SchemaNode => ({ $ref });

const ENVELOPES: Record<string, SchemaNode> = {
  ChatResponse: obj(
    { hostAppDataAction: ref('HostAppDataAction'), action: ref('RenderActionsAction'), basic_authorization_prompt: ref('BasicAuthorizationPrompt') },
    { atMostOne: ['hostAppDataAction', 'action', 'basic_authorization_prompt'] },
  ),
  HostAppDataAction: obj({ chatDataAction: ref('ChatDataAction') }, { required: ['chatDataAction'] }),
  ChatDataAction: obj(
    {
      createMessageAction: obj({ message: ref('Message') }, { required: ['message'] }),
      // chat-responses.md §2: the `message` wrapper is authoritative (the preview-link sample omits it).
      updateMessageAction: obj({ message: ref('Message') }, { required: ['message'] }),
      updateInlinePreviewAction: obj({ cardsV2: arrayOf(ref('CardWithId')) }, { required: ['cardsV2'] }),
    },
    { exactlyOne: ['createMessageAction', 'updateMessageAction', 'updateInlinePreviewAction'] },
  ),
  RenderActionsAction: obj({
    navigations: arrayOf(ref('Navigation')),
    notification: obj({ text: { type: 'string' } }, { required: ['text'] }),
    modifyOperations: arrayOf(ref('ModifyOperation')),
  }),
  Navigation: obj(
    {
      pushCard: ref('GoogleAppsCardV1Card'),
      updateCard: ref('GoogleAppsCardV1Card'),
      // chat-responses.md §5: the object form; the bare string of the convert page's table is not accepted.
      endNavigation: obj({ action: { type: 'string', enum: ['CLOSE_DIALOG', 'CLOSE_DIALOG_AND_EXECUTE'] } }, { required: ['action'] }),
    },
    { exactlyOne: ['pushCard', 'updateCard', 'endNavigation'] },
  ),
  ModifyOperation: obj({
    updateWidget: obj({
      widgetId: { type: 'string' },
      selectionInputWidgetSuggestions: obj({ suggestions: arrayOf(ref('GoogleAppsCardV1SelectionItem')) }, { required: ['suggestions'] }),
    }, { required: ['selectionInputWidgetSuggestions'] }),
  }, { required: ['updateWidget'] }),
  BasicAuthorizationPrompt: obj({ authorization_url: { type: 'string' }, resource: { type: 'string' } }, { required: ['authorization_url', 'resource'] }),
};

/** Rules the schema cannot say (GoogleAppsCardV1CardFixedFooter's description). */
function footerRules(resp: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const data = (resp.hostAppDataAction as Record<string, unknown> | undefined)?.chatDataAction as Record<string, unknown> | undefined;
  for (const kind of ['createMessageAction', 'updateMessageAction']) {
    const cards = ((data?.[kind] as Record<string, unknown> | undefined)?.message as Record<string, unknown> | undefined)?.cardsV2;
    if (!Array.isArray(cards)) continue;
    cards.forEach((c, i) => {
      if (isObj(c) && isObj(c.card) && 'fixedFooter' in c.card) {
        errors.push(`hostAppDataAction.chatDataAction.${kind}.message.cardsV2[${i}].card: fixedFooter is only allowed in dialogs, not card messages`);
      }
    });
  }
  const walkCards = (card: unknown, path: string) => {
    if (isObj(card) && isObj(card.fixedFooter) && !card.fixedFooter.primaryButton && !card.fixedFooter.secondaryButton) {
      errors.push(`${path}.fixedFooter: needs a primaryButton or a secondaryButton`);
    }
  };
  const navs = (resp.action as Record<string, unknown> | undefined)?.navigations;
  if (Array.isArray(navs)) navs.forEach((n, i) => isObj(n) && walkCards(n.pushCard ?? n.updateCard, `action.navigations[${i}].${'pushCard' in n ? 'pushCard' : 'updateCard'}`));
  return errors;
}

/**
 * Errors of a Chat add-on response (empty = valid): one of `{}`, hostAppDataAction.chatDataAction
 * {createMessageAction|updateMessageAction: {message}} | updateInlinePreviewAction, or action {navigations
 * [pushCard|updateCard|endNavigation], notification, modifyOperations}. Messages are what the app sends, so output-only
 * and deprecated fields are errors here.
 */
export function validateChatResponse(resp: unknown): string[] {
  const schemas = { ...discoverySchemas(), ...ENVELOPES };
  const errors = validateWith(ref('ChatResponse'), resp, schemas, { rejectOutputOnly: true, rejectDeprecated: true });
  return isObj(resp) ? [...errors, ...footerRules(resp)] : errors;
}
