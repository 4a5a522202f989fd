// Attack suite: hand-edited records turned hostile. A looping unit tree widens nobody's access (and data health names
// the rows); markup and control/bidi characters in record texts stay inert in every card; CSV cells never run as formulas.
import { can, resolveActor, unitsInCycles } from '../../src/core/access';
import { neutraliseCell, hasUnsafe } from '../../src/core/safe-text';
import { toCsv } from '../../src/app/features/admin/shared';
import { guarded } from '../../src/app/pipeline/handle';
import { healthReport } from '../../src/store/health';
import { readAllTables } from '../../src/store/rebuild';
import { ACTIONS } from '../../src/contract/actions';
import { toChatResponse } from '../../src/ui/envelopes';
import { validateChatResponse } from '../support/discovery-validator';
import { fixtureData, fixtureWorkbook, PEOPLE } from '../support/fixture';
import { handlers, runChat, warm } from '../app/features/status/support';

describe('a looping unit tree', () => {
  // Hand edit: Haugen skole's parent set to Solbakken avdeling A, and Solbakken's to Haugen — a loop through two areas.
  const looped = () => {
    const d = fixtureData();
    d.Units = d.Units!.map((u) => (u.unitId === 'haugen' ? { ...u, parentUnitId: 'solbakken-a', leaderEmails: [PEOPLE.ola] }
      : u.unitId === 'solbakken' ? { ...u, parentUnitId: 'haugen' } : u));
    return d;
  };

  it('gives no leader a unit beyond what the tree without the loop gives them', () => {
    const d = looped();
    expect([...unitsInCycles(d.Units!)].sort()).toEqual(['haugen', 'solbakken', 'solbakken-a']);
    const dir = { units: d.Units!, employeeByEmail: () => undefined, guideByEmail: () => undefined, adminEmails: [] };
    const per = resolveActor(PEOPLE.per, dir);
    const ola = resolveActor(PEOPLE.ola, dir);
    expect([...per.ledUnitIds]).toEqual(['solbakken']);
    expect([...ola.ledUnitIds]).toEqual(['haugen']);
    expect(can(ola, { do: 'viewEmployee', employee: { employeeId: 'E1', unitId: 'solbakken-a', email: PEOPLE.kari } })).toBe(false);
    expect(can(per, { do: 'viewEmployee', employee: { employeeId: 'E4', unitId: 'haugen', email: PEOPLE.ola } })).toBe(false);
  });

  it('a unit hanging below the loop stays with its own leader only', () => {
    const d = looped();
    d.Units!.push({ unitId: 'haugen-sfo', name: 'SFO', area: 'Oppvekst', parentUnitId: 'haugen', leaderEmails: [] });
    const dir = { units: d.Units!, employeeByEmail: () => undefined, guideByEmail: () => undefined, adminEmails: [] };
    expect([...resolveActor(PEOPLE.ola, dir).ledUnitIds].sort()).toEqual(['haugen', 'haugen-sfo']);
    expect(resolveActor(PEOPLE.per, dir).ledUnitIds.has('haugen-sfo')).toBe(false);
  });

  it('data health names the rows of the loop', () => {
    const snap = readAllTables(fixtureWorkbook(looped()));
    const issues = healthReport(snap, '2026-11-22T09:00:00Z').issues.filter((i) => i.reason === 'unit_cycle');
    expect(issues.map((i) => i.rowNumber).sort()).toEqual([2 + 1, 2 + 2, 2 + 3].sort());
  });

  it('through the pipeline: the leader of the school does not see the ward', () => {
    const ports = warm(looped());
    const r = runChat(ports, PEOPLE.ola, { action: ACTIONS.unitPerson, params: { email: PEOPLE.kari } });
    expect(JSON.stringify(r.reply)).not.toContain('Legemiddelhåndtering');
  });
});

const LINK = '<a href="https://evil.example/x">klikk</a>';
/** Chat's own link syntax in a text message ("<url|text>", developers.google.com/workspace/chat/format-messages). */
const CHAT_LINK = '<https://evil.example/y|lenke>';
const HOSTILE = `${LINK}<font color="#ff0000">&amp;</font>\u202egnp.exe\u0007\u200b ${CHAT_LINK}`;

/**
 * The strings Google renders as formatted text in a Chat response: card fields that take simple HTML (discovery:
 * Section.header, Widget.textParagraph and DecoratedText.text "support simple (HTML) formatting"; decoratedText's
 * topLabel and bottomLabel likewise, format-messages#card-formatting), and a message's text, where "<url|text>" is a link.
 */
function renderedTexts(resp: unknown): { html: string[]; chatText: string[] } {
  const html: string[] = [];
  const chatText: string[] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (typeof v === 'string') {
      const [a, b, c] = path.slice(-3).reverse();
      if ((a === 'text' && b === 'textParagraph') || (b === 'decoratedText' && ['text', 'topLabel', 'bottomLabel'].includes(a!))
        || (a === 'header' && c === 'sections')) html.push(v);
      if (a === 'text' && b === 'message') chatText.push(v);
      return;
    }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(resp, []);
  return { html, chatText };
}

/** The fixture with every free-text field of every table carrying HOSTILE (ids, e-mails, enums and dates kept). */
function hostileRecords() {
  const d = fixtureData() as Record<string, Record<string, unknown>[]>;
  const keep = new Set(['unitId', 'employeeId', 'roleId', 'competenceId', 'courseId', 'sessionId', 'enrollmentId', 'certificationId',
    'faqId', 'questionId', 'email', 'leaderEmails', 'ownerEmail', 'key', 'value', 'status', 'category', 'format', 'level', 'state', 'source',
    'parentUnitId', 'unitIds', 'roleIds', 'competenceIds', 'targetRoleIds', 'satisfiedBy', 'renewFrom', 'locale', 'topics', 'askerEmail', 'guideEmail']);
  for (const rows of Object.values(d)) {
    for (const r of rows) for (const [k, v] of Object.entries(r)) if (typeof v === 'string' && !keep.has(k) && !/At$|On$|Date$|startsAt|endsAt|Deadline|since|dueBy/.test(k)) r[k] = `${v} ${HOSTILE}`;
  }
  return d as ReturnType<typeof fixtureData>;
}

describe('hostile text in every record field', () => {
  const hostileData = hostileRecords;

  const requests: [string, string, Parameters<typeof runChat>[2]][] = [
    ['status', PEOPLE.kari, { text: '/status' }],
    ['find courses', PEOPLE.kari, { text: '/kurs' }],
    ['course detail', PEOPLE.kari, { action: ACTIONS.courseDetail, params: { courseId: 'K1' } }],
    ['my courses', PEOPLE.kari, { text: 'minekurs' }],
    ['unit overview', PEOPLE.per, { text: 'enhet' }],
    ['a person of the unit', PEOPLE.per, { action: ACTIONS.unitPerson, params: { email: PEOPLE.kari } }],
    ['FAQ', PEOPLE.kari, { text: 'svar drive' }],
    ['help', PEOPLE.kari, { text: 'hjelp' }],
  ];

  it.each(requests)('%s: no live markup, no control or bidi character, valid against the discovery schema', (_n, who, opts) => {
    const ports = warm(hostileData());
    const out = runChat(ports, who, opts);
    const json = JSON.stringify(toChatResponse(out.reply, out.request!));
    // The fields Google renders as (limited) HTML: textParagraph.text and decoratedText's text, topLabel, bottomLabel.
    const html: string[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (typeof v === 'string') { if (['text', 'topLabel', 'bottomLabel'].includes(key)) html.push(v); return; }
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(JSON.parse(json));
    expect(html.length).toBeGreaterThan(0);
    expect(html.filter((h) => h.includes('<a href') || h.includes('<font'))).toEqual([]);
    expect(hasUnsafe(json)).toBe(false);
    expect(validateChatResponse(toChatResponse(out.reply, out.request!) as never)).toEqual([]);
  });

  it('the admin console answers without control characters too', () => {
    const ports = warm(hostileData());
    const out = guarded(ports, handlers, { commonEventObject: { hostApp: 'SHEETS', parameters: { action: ACTIONS.health } } },
      { host: 'sheets', action: 'home', userEmail: PEOPLE.guri });
    expect(hasUnsafe(JSON.stringify(out.reply))).toBe(false);
  });
});

describe('CSV exports', () => {
  it.each([
    ['=1+1'], ['+SUM(A1)'], ['-2+3'], ['@cmd'], [' =1+1'], ['\t=1'], ['\n=HYPERLINK("x")'], ['\r\n+1'], ['＝1+1'], ['　＝1'], ['＋1'], ['－1'], ['＠x'],
  ])('neutralises %j', (v) => {
    expect(neutraliseCell(v).startsWith("'")).toBe(true);
    expect(toCsv([[v]]).replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('leaves plain text and negative numbers alone', () => {
    expect(neutraliseCell('Kari Nordmann')).toBe('Kari Nordmann');
    expect(neutraliseCell('-12')).toBe('-12');
    expect(neutraliseCell('-1,5')).toBe('-1,5');
  });
});

describe('hostile text through every card', () => {
  // Every action a person can reach (not the jobs, not the console's calls, not Chat's own events), for staff, a leader,
  // a guide and an administrator, over records whose every free-text field carries markup and control/bidi characters.
  const skip = (a: string) => a.startsWith('job.') || a.startsWith('sidebar.') || a.startsWith('course.') || a.startsWith('chat.');
  const actions = Object.keys(handlers).filter((a) => !skip(a)).sort();
  const params = { courseId: 'K1', sessionId: 'S1', competenceId: 'cpr', email: PEOPLE.kari, unitId: 'solbakken', faqId: 'F1', page: '1', query: 'drive' };
  const people: [string, string][] = [['staff', PEOPLE.kari], ['leader', PEOPLE.per], ['guide', PEOPLE.ola], ['admin', PEOPLE.guri]];
  let data: ReturnType<typeof fixtureData>;
  beforeAll(() => {
    data = hostileRecords();
  });

  it.each(people)('as %s: no live link or font from a record, no control or bidi character, every answer schema-valid', (_role, who) => {
    const problems: string[] = [];
    let escapedSeen = 0;
    for (const action of actions) {
      const ports = warm(structuredClone(data));
      const out = runChat(ports, who, { action, params });
      const resp = toChatResponse(out.reply, out.request!);
      const json = JSON.stringify(resp);
      const { html, chatText } = renderedTexts(resp);
      if (html.some((h) => h.includes('<a href="https://evil.example') || h.includes('<font color="#ff0000">'))) problems.push(`${action}: live markup from a record`);
      if (chatText.some((t) => t.includes(CHAT_LINK))) problems.push(`${action}: a live Chat link from a record in the message text`);
      if (hasUnsafe(json)) problems.push(`${action}: control or bidi character`);
      const invalid = validateChatResponse(resp as never);
      if (invalid.length) problems.push(`${action}: ${invalid[0]}`);
      if (html.some((h) => h.includes('evil.example')) || chatText.some((t) => t.includes('evil.example'))) escapedSeen++;
    }
    expect(problems).toEqual([]);
    // The check is real only if hostile record text reached what is rendered (made inert): many answers show some.
    expect(escapedSeen).toBeGreaterThan(5);
  });
});
