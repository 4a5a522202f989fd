// iCalendar invitations against RFC 5545 (content lines, folding, TEXT escaping, UTC DATE-TIME) and RFC 5546 (methods).
import { CRLF, escapeText, foldLine, icalInvite, icalMimeType, icalSequence, icalUtc, sessionUid, type IcalEvent } from '../../src/core/ical';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
/** RFC 5545 §3.1: unfolding removes every CRLF immediately followed by a single space or tab. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

const event = (over: Partial<IcalEvent> = {}): IcalEvent => ({
  uid: sessionUid('S-42'), sequence: icalSequence('2026-12-03T09:15:00Z'), dtstamp: '2026-12-03T09:15:00.123Z',
  start: '2027-01-14T08:00:00Z', end: '2027-01-14T11:30:00Z', summary: 'Førstehjelp og HLR',
  organizer: { email: 'kompetent@kommune.no', name: 'Kompetent' }, attendees: [{ email: 'kari@kommune.no', name: 'Kari Nordmann' }],
  ...over,
});

describe('TEXT escaping (RFC 5545 §3.3.11)', () => {
  it('escapes backslash, semicolon and comma, and writes every line break as \\n', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\ntwo\r\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
    // The backslash is escaped first, so an escape written by the user cannot pass as ours.
    expect(escapeText('\\n')).toBe('\\\\n');
  });

  it('drops control characters TEXT does not allow but keeps tab and ordinary text', () => {
    expect(escapeText('a\u0000b\u0007c\u001bd\u007fe\tf')).toBe('abcde\tf');
    expect(escapeText('Kurs: Brannvern – Sjøhuset "A"')).toBe('Kurs: Brannvern – Sjøhuset "A"');
  });
});

describe('folding (RFC 5545 §3.1)', () => {
  it('leaves a line of 75 octets alone and folds the 76th onto a continuation line starting with one space', () => {
    const exact = 'X'.repeat(75);
    expect(foldLine(exact)).toBe(exact);
    const folded = foldLine('X'.repeat(76));
    expect(folded).toBe(`${'X'.repeat(75)}${CRLF} X`);
  });

  it('keeps every physical line within 75 octets, the leading space included, and unfolds to the original', () => {
    const long = `DESCRIPTION:${'Ærlig talt, øving på brannøvelse i Åsane; '.repeat(12)}`;
    const folded = foldLine(long);
    for (const physical of folded.split(CRLF)) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(folded.split(CRLF).slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(long);
  });

  it('never splits a multi-octet UTF-8 character', () => {
    // 74 ASCII octets then "ø" (2 octets): 76 > 75, so "ø" moves whole to the next line.
    const line = `${'a'.repeat(74)}ø${'🙂'.repeat(30)}`;
    const physical = foldLine(line).split(CRLF);
    expect(physical[0]).toBe('a'.repeat(74));
    for (const p of physical) {
      expect(octets(p)).toBeLessThanOrEqual(75);
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p); // no lone surrogate or broken sequence
      expect(p).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
    expect(unfold(physical.join(CRLF))).toBe(line);
  });
});

describe('values', () => {
  it('writes DATE-TIME in UTC form #2 without milliseconds, and rejects what is no instant', () => {
    expect(icalUtc('2026-12-03T08:00:00Z')).toBe('20261203T080000Z');
    expect(icalUtc('2026-12-03T09:00:00.999+01:00')).toBe('20261203T080000Z');
    expect(() => icalUtc('not a date')).toThrow('Not an instant');
  });

  it('derives SEQUENCE from the clock so a later message always carries a higher number', () => {
    expect(icalSequence('2020-01-01T00:00:00Z')).toBe(0);
    expect(icalSequence('2019-06-01T00:00:00Z')).toBe(0);
    expect(icalSequence('2020-01-01T01:00:59Z')).toBe(60);
    expect(icalSequence('2026-12-03T09:16:00Z')).toBeGreaterThan(icalSequence('2026-12-03T09:15:00Z'));
  });

  it('names the UID after the session and repeats the method in the MIME type (RFC 6047 §2.4)', () => {
    expect(sessionUid('S-42')).toBe('S-42@kompetent');
    expect(icalMimeType('CANCEL')).toBe('text/calendar; charset=UTF-8; method=CANCEL');
  });
});

describe('icalInvite', () => {
  it('is one VCALENDAR with one VEVENT, CRLF line ends throughout and a final CRLF', () => {
    const ics = icalInvite('REQUEST', event());
    expect(ics.endsWith(CRLF)).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split(CRLF).slice(0, -1);
    expect(lines).toEqual([
      'BEGIN:VCALENDAR', 'PRODID:-//Kompetent//Kompetanse og kurs//NO', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:REQUEST',
      'BEGIN:VEVENT', 'UID:S-42@kompetent', `SEQUENCE:${icalSequence('2026-12-03T09:15:00Z')}`, 'DTSTAMP:20261203T091500Z',
      'DTSTART:20270114T080000Z', 'DTEND:20270114T113000Z', 'SUMMARY:Førstehjelp og HLR',
      'ORGANIZER;CN="Kompetent":mailto:kompetent@kommune.no',
      'ATTENDEE;CN="Kari Nordmann";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:kari@kommune.no',
      'STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT', 'END:VCALENDAR',
    ]);
  });

  it('cancels with STATUS:CANCELLED and the attendees back at NEEDS-ACTION (RFC 5546 §3.2.5)', () => {
    const lines = unfold(icalInvite('CANCEL', event())).split(CRLF);
    expect(lines).toContain('METHOD:CANCEL');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).toContain('PARTSTAT=NEEDS-ACTION');
  });

  it('keeps hostile record text inside its property: no injected line, property or parameter', () => {
    const ics = icalInvite('REQUEST', event({
      summary: 'Kurs\r\nATTENDEE:mailto:evil@x.no',
      description: 'Ta med: penn, papir; og \\ godt humør\nEND:VEVENT',
      location: 'Rom 1,\nMETHOD:CANCEL',
      url: 'https://kommune.no/kurs?a=1 "onclick"<x>\\',
      organizer: { email: 'kompetent@kommune.no' },
      attendees: [{ email: 'ola@kommune.no', name: 'Ola "Boss";ROLE=CHAIR\nX' }, { email: '<per@kommune.no>' }],
    }));
    const lines = unfold(ics).split(CRLF).slice(0, -1);
    expect(lines.filter((l) => l.startsWith('ATTENDEE'))).toEqual([
      'ATTENDEE;CN="Ola Boss;ROLE=CHAIRX";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:ola@kommune.no',
      'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:per@kommune.no',
    ]);
    expect(lines).toContain('SUMMARY:Kurs\\nATTENDEE:mailto:evil@x.no');
    expect(lines).toContain('DESCRIPTION:Ta med: penn\\, papir\\; og \\\\ godt humør\\nEND:VEVENT');
    expect(lines).toContain('LOCATION:Rom 1\\,\\nMETHOD:CANCEL');
    expect(lines).toContain('URL:https://kommune.no/kurs?a=1onclickx');
    expect(lines).toContain('ORGANIZER:mailto:kompetent@kommune.no');
    expect(lines.filter((l) => l === 'END:VEVENT' || l.startsWith('METHOD:'))).toEqual(['METHOD:REQUEST', 'END:VEVENT']);
  });

  it('leaves out the optional properties it was not given and folds long ones within 75 octets', () => {
    const bare = icalInvite('REQUEST', event());
    expect(bare).not.toMatch(/^(DESCRIPTION|LOCATION|URL):/m);
    const long = icalInvite('REQUEST', event({ description: 'Beskrivelse med æøå '.repeat(40), attendees: Array.from({ length: 3 }, (_, i) => ({ email: `p${i}@kommune.no`, name: 'Navn '.repeat(20) })) }));
    for (const physical of long.split(CRLF)) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(unfold(long)).toContain(`DESCRIPTION:${'Beskrivelse med æøå '.repeat(40)}`);
  });

  it('writes a fractional or negative sequence as a non-negative integer', () => {
    expect(icalInvite('REQUEST', event({ sequence: 7.9 }))).toContain(`${CRLF}SEQUENCE:7${CRLF}`);
    expect(icalInvite('REQUEST', event({ sequence: -3 }))).toContain(`${CRLF}SEQUENCE:0${CRLF}`);
  });
});
