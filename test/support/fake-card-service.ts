// A strict recording fake of the CardService builder API (only what src/gas/card-service.ts uses), for jest and vm tests.
// Every builder records its calls; plain() turns a built card or response into an inspectable plain object. Methods,
// arities, argument types and enum members are checked, so a wrong call fails the test instead of passing silently.
// Install it as the global `CardService` (globalThis in jest, or the context object of a Node `vm` running the bundle).

type ArgSpec = 'string' | 'number' | 'boolean' | 'record' | { kinds: readonly string[] } | { enum: string };
interface BuilderSpec { methods: Record<string, readonly ArgSpec[]>; build?: string; sequence?: boolean }

const S = 'string', N = 'number', B = 'boolean';
const kind = (...kinds: string[]): ArgSpec => ({ kinds });
const en = (name: string): ArgSpec => ({ enum: name });

const COLUMN_WIDGETS = ['TextParagraph', 'DecoratedText', 'ButtonSet', 'TextInput', 'SelectionInput', 'DatePicker', 'DateTimePicker', 'TimePicker', 'ChipList'];
const WIDGETS = [...COLUMN_WIDGETS, 'Divider', 'Grid', 'Columns'];
const clickable = { setOnClickAction: [kind('Action')], setOpenLink: [kind('OpenLink')] };

const SPECS: Record<string, BuilderSpec> = {
  CardBuilder: { build: 'Card', methods: { setName: [S], setHeader: [kind('CardHeader')], addSection: [kind('CardSection')], setFixedFooter: [kind('FixedFooter')] } },
  CardHeader: { methods: { setTitle: [S], setSubtitle: [S], setImageUrl: [S], setImageStyle: [en('ImageStyle')], setImageAltText: [S] } },
  CardSection: { methods: { setHeader: [S], setCollapsible: [B], setNumUncollapsibleWidgets: [N], addWidget: [kind(...WIDGETS)] } },
  TextParagraph: { methods: { setText: [S], setMaxLines: [N] } },
  DecoratedText: { methods: { setText: [S], setTopLabel: [S], setBottomLabel: [S], setWrapText: [B], setStartIcon: [kind('IconImage')], setButton: [kind('TextButton')], ...clickable } },
  ButtonSet: { methods: { addButton: [kind('TextButton')] } },
  TextButton: {
    methods: {
      setText: [S], setTextButtonStyle: [en('TextButtonStyle')], setBackgroundColor: [S], setDisabled: [B], setAltText: [S],
      setIcon: [en('Icon')], setMaterialIcon: [kind('MaterialIcon')], ...clickable,
    },
  },
  IconImage: { methods: { setIcon: [en('Icon')], setMaterialIcon: [kind('MaterialIcon')], setAltText: [S] } },
  MaterialIcon: { methods: { setName: [S], setFill: [B] } },
  Action: { methods: { setFunctionName: [S], setParameters: ['record'], setLoadIndicator: [en('LoadIndicator')], setPersistValues: [B] } },
  OpenLink: { methods: { setUrl: [S], setOpenAs: [en('OpenAs')], setOnClose: [en('OnClose')] } },
  TextInput: { methods: { setFieldName: [S], setTitle: [S], setHint: [S], setValue: [S], setMultiline: [B] } },
  SelectionInput: { methods: { setFieldName: [S], setTitle: [S], setType: [en('SelectionInputType')], addItem: [S, S, B], addMultiSelectItem: [S, S, B, S, S] } },
  DatePicker: { methods: { setFieldName: [S], setTitle: [S], setValueInMsSinceEpoch: [N] } },
  DateTimePicker: { methods: { setFieldName: [S], setTitle: [S], setValueInMsSinceEpoch: [N] } },
  TimePicker: { methods: { setFieldName: [S], setTitle: [S], setHours: [N], setMinutes: [N] } },
  Divider: { methods: {} },
  Grid: { methods: { setTitle: [S], setNumColumns: [N], addItem: [kind('GridItem')], ...clickable } },
  GridItem: { methods: { setIdentifier: [S], setTitle: [S], setSubtitle: [S] } },
  Columns: { methods: { addColumn: [kind('Column')] } },
  Column: {
    methods: {
      setHorizontalSizeStyle: [en('HorizontalSizeStyle')], setHorizontalAlignment: [en('HorizontalAlignment')],
      setVerticalAlignment: [en('VerticalAlignment')], addWidget: [kind(...COLUMN_WIDGETS)],
    },
  },
  ChipList: { methods: { setLayout: [en('ChipListLayout')], addChip: [kind('Chip')] } },
  Chip: { methods: { setLabel: [S], setIcon: [kind('IconImage')], setDisabled: [B], setAltText: [S], ...clickable } },
  FixedFooter: { methods: { setPrimaryButton: [kind('TextButton')], setSecondaryButton: [kind('TextButton')] } },
  Navigation: { sequence: true, methods: { pushCard: [kind('Card')], updateCard: [kind('Card')], popCard: [], popToRoot: [], popToNamedCard: [S] } },
  Notification: { methods: { setText: [S] } },
  ActionResponseBuilder: { build: 'ActionResponse', methods: { setNavigation: [kind('Navigation')], setNotification: [kind('Notification')], setOpenLink: [kind('OpenLink')] } },
  EditorFileScopeActionResponseBuilder: { build: 'EditorFileScopeActionResponse', methods: { requestFileScopeForActiveDocument: [] } },
};

/** Enum members as in developers.google.com/apps-script/reference/card-service (Icon as in @types/google-apps-script). */
const ENUMS: Record<string, readonly string[]> = {
  ImageStyle: ['SQUARE', 'CIRCLE'],
  TextButtonStyle: ['OUTLINED', 'TEXT', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'],
  SelectionInputType: ['CHECK_BOX', 'RADIO_BUTTON', 'DROPDOWN', 'SWITCH', 'MULTI_SELECT'],
  LoadIndicator: ['SPINNER', 'NONE'],
  OpenAs: ['FULL_SIZE', 'OVERLAY'],
  OnClose: ['NOTHING', 'RELOAD', 'RELOAD_ADD_ON'],
  HorizontalAlignment: ['START', 'CENTER', 'END'],
  HorizontalSizeStyle: ['FILL_AVAILABLE_SPACE', 'FILL_MINIMUM_SPACE'],
  VerticalAlignment: ['CENTER', 'TOP', 'BOTTOM'],
  ChipListLayout: ['WRAPPED', 'HORIZONTAL_SCROLLABLE'],
  Icon: ['NONE', 'AIRPLANE', 'BOOKMARK', 'BUS', 'CAR', 'CLOCK', 'CONFIRMATION_NUMBER_ICON', 'DOLLAR', 'DESCRIPTION', 'EMAIL',
    'EVENT_PERFORMER', 'EVENT_SEAT', 'FLIGHT_ARRIVAL', 'FLIGHT_DEPARTURE', 'HOTEL', 'HOTEL_ROOM_TYPE', 'INVITE', 'MAP_PIN',
    'MEMBERSHIP', 'MULTIPLE_PEOPLE', 'OFFER', 'PERSON', 'PHONE', 'RESTAURANT_ICON', 'SHOPPING_CART', 'STAR', 'STORE',
    'TICKET', 'TRAIN', 'VIDEO_CAMERA', 'VIDEO_PLAY'],
};

export interface Call { method: string; args: unknown[] }
interface Record_ { type: string; calls: Call[]; spec: BuilderSpec }
const RECORD = Symbol('fakeCardService');

/** Anything the fake created: a builder, or what a builder's build() returned. */
export interface Recorded { readonly $type: string }

function recordOf(x: unknown): Record_ | undefined {
  return typeof x === 'object' && x !== null ? (x as { [RECORD]?: Record_ })[RECORD] : undefined;
}

export function isRecorded(x: unknown): x is Recorded {
  return recordOf(x) !== undefined;
}

/** The raw calls made on a fake object, in order. */
export function callsOf(x: unknown): Call[] {
  const r = recordOf(x);
  if (!r) throw new TypeError('callsOf: not a fake CardService object');
  return r.calls.map((c) => ({ method: c.method, args: [...c.args] }));
}

function show(v: unknown): string {
  if (isRecorded(v)) return `a ${recordOf(v)!.type}`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function check(where: string, spec: ArgSpec, v: unknown): void {
  const bad = (expected: string) => { throw new TypeError(`Fake CardService: ${where} expected ${expected}, got ${show(v)}`); };
  if (spec === 'string' || spec === 'number' || spec === 'boolean') {
    if (typeof v !== spec || (spec === 'number' && !Number.isFinite(v))) bad(spec);
  } else if (spec === 'record') {
    if (typeof v !== 'object' || v === null || isRecorded(v) || Object.values(v).some((x) => typeof x !== 'string')) bad('an object of string values');
  } else if ('kinds' in spec) {
    const r = recordOf(v);
    if (!r || !spec.kinds.includes(r.type)) bad(spec.kinds.join(' | '));
  } else {
    const members = ENUMS[spec.enum] ?? [];
    if (typeof v !== 'string' || !members.some((m) => `${spec.enum}.${m}` === v)) bad(`CardService.${spec.enum}.*`);
  }
}

function make(type: string, spec: BuilderSpec, calls: Call[]): Recorded {
  const obj: Record<string | symbol, unknown> = { $type: type };
  Object.defineProperty(obj, RECORD, { value: { type, calls, spec } satisfies Record_, enumerable: false });
  return obj as unknown as Recorded;
}

function builder(type: string): Recorded {
  const spec = SPECS[type];
  const calls: Call[] = [];
  const obj = make(type, spec!, calls) as unknown as Record<string, unknown>;
  for (const [method, argSpecs] of Object.entries(spec!.methods)) {
    obj[method] = (...args: unknown[]) => {
      const where = `${type}.${method}`;
      if (args.length !== argSpecs.length) throw new TypeError(`Fake CardService: ${where} takes ${argSpecs.length} argument(s), got ${args.length}`);
      argSpecs.forEach((s, i) => check(`${where} argument ${i + 1}`, s, args[i]));
      calls.push({ method, args });
      return obj;
    };
  }
  if (spec!.build) {
    const built = spec!.build;
    obj.build = () => {
      const result = make(built, spec!, calls.map((c) => ({ ...c }))) as unknown as Record<string, unknown>;
      result.printJson = () => JSON.stringify(plain(result));
      return result;
    };
  }
  if (spec!.sequence) obj.printJson = () => JSON.stringify(plain(obj));
  return obj as unknown as Recorded;
}

/**
 * An inspectable view: { $type, setX: value, addY: [values…] } (one key per method; add* collect in order;
 * a call with several arguments gives an array; a call without arguments gives true). Navigation keeps the order of its
 * steps: { $type: 'Navigation', $steps: [{ popToRoot: true }, { pushCard: {…} }] }.
 */
export function plain(x: unknown): unknown {
  const r = recordOf(x);
  if (r) {
    const out: Record<string, unknown> = { $type: r.type };
    const fold = (args: unknown[]) => (args.length === 0 ? true : args.length === 1 ? plain(args[0]) : args.map(plain));
    if (r.spec.sequence) {
      out.$steps = r.calls.map((c) => ({ [c.method]: fold(c.args) }));
      return out;
    }
    for (const c of r.calls) {
      if (c.method.startsWith('add')) ((out[c.method] ??= []) as unknown[]).push(fold(c.args));
      else out[c.method] = fold(c.args);
    }
    return out;
  }
  if (Array.isArray(x)) return x.map(plain);
  if (typeof x === 'object' && x !== null) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
}

export type FakeCardService = Record<string, unknown>;

/** A fresh fake `CardService` global: new<Type>() factories for every builder above, plus the enums. */
export function createFakeCardService(): FakeCardService {
  const service: FakeCardService = {};
  for (const type of Object.keys(SPECS)) service[`new${type}`] = () => builder(type);
  for (const [name, members] of Object.entries(ENUMS)) {
    service[name] = Object.freeze(Object.fromEntries(members.map((m) => [m, `${name}.${m}`])));
  }
  return Object.freeze(service);
}
