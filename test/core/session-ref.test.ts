// The session a course mail is about: the readable footer line in any language, the old marker of earlier mails, and no
// match on ordinary text.
import { referencedSession, sessionRef } from '../../src/core/session-ref';

describe('the session line in course mails', () => {
  it('is a readable line in the mail language', () => {
    expect(sessionRef('nb', 'S00034')).toBe('Kurs-ID: S00034');
    expect(sessionRef('en', 'S00034')).toBe('Course ID: S00034');
    expect(sessionRef('sv', 'S00034')).toBe('Kurs-ID: S00034');
  });

  it('is found again on a line of its own, in any language, with ids as the tenant makes them', () => {
    expect(referencedSession('Hei Kari!\n\nDu er påmeldt.\n\nKurs-ID: S00034')).toBe('S00034');
    expect(referencedSession('Hello!\r\n\r\nCourse ID: ses-0f3a9b2c4d5e6f70\r\n')).toBe('ses-0f3a9b2c4d5e6f70');
    expect(referencedSession('', 'Kurs-ID: S9')).toBe('S9');
  });

  it('still reads the marker of mails sent before (subject or body)', () => {
    expect(referencedSession('Påmeldt: D-HLR [kompetent:session=S00049]')).toBe('S00049');
    expect(referencedSession('Hei!', 'Hei\n\n[kompetent:session=S2]')).toBe('S2');
  });

  it('does not take a mention inside a sentence, or an id with foreign characters', () => {
    expect(referencedSession('Spør om Kurs-ID: S1 hvis du lurer.')).toBeUndefined();
    expect(referencedSession('Kurs-ID: <script>')).toBeUndefined();
    expect(referencedSession('Ingen kurs her.')).toBeUndefined();
  });
});
