// Text leaving the app: control and bidi characters removed, Chat's link and mention syntax inert, CSV cells never formulas.
import { chatText, deepPlain, hasUnsafe, neutraliseCell, plainText } from '../../src/core/safe-text';

describe('plainText and hasUnsafe', () => {
  it('removes C0/C1 controls and invisible reordering characters, keeps tab and newline, turns CR/CRLF into LF', () => {
    expect(plainText('a\u0000b\u0008c\u000bd\u001fe\u007ff\u0085g\u009fh')).toBe('abcdefgh');
    expect(plainText('fil\u202eexe.pdf\u200b\u200f\u2066x\u2069\ufeff\ufffb')).toBe('filexe.pdfx');
    expect(plainText('a\tb\r\nc\rd\ne')).toBe('a\tb\nc\nd\ne');
    expect(plainText('Kari Nordmann – «Åse» 🙂')).toBe('Kari Nordmann – «Åse» 🙂');
  });

  it('tells whether text holds what plainText removes, the same on every call (no regex state left behind)', () => {
    expect(hasUnsafe('navn\u202e')).toBe(true);
    expect(hasUnsafe('navn\u202e')).toBe(true);
    expect(hasUnsafe('a\r\nb\tc')).toBe(false);
    expect(hasUnsafe('')).toBe(false);
  });

  it('cleans every string of a JSON value, copying arrays and objects and leaving line breaks and other values alone', () => {
    const input = { a: 'x\u202ey', list: ['\u0000z', 1, true, null], nested: { b: 'line\r\nbreak\u200b' } };
    const out = deepPlain(input);
    expect(out).toEqual({ a: 'xy', list: ['z', 1, true, null], nested: { b: 'line\r\nbreak' } });
    expect(out).not.toBe(input);
    expect(input.a).toBe('x\u202ey');
  });
});

describe('chatText', () => {
  it('breaks Chat links and mentions with a visible space, and leaves a lone < alone', () => {
    expect(chatText('<https://evil.example|Klikk her> og <users/123>')).toBe('< https://evil.example|Klikk her> og < users/123>');
    expect(chatText('<users/all>')).toBe('< users/all>');
    expect(chatText('<HTTPS://x.no|Y> <1> <<a')).toBe('< HTTPS://x.no|Y> < 1> < < a');
    expect(chatText('3 < 4 og a<b')).toBe('3 < 4 og a< b');
  });
});

describe('neutraliseCell', () => {
  it('prefixes an apostrophe to anything a spreadsheet would run as a formula, after leading blanks too', () => {
    for (const v of ['=1+1', '+47 123', '-A1', '@SUM(A1)', ' =cmd', '\n=1', '\u3000=1', '＝1', '＋1', '－1', '＠x', '\tx', '\rx', '-']) {
      expect([v, neutraliseCell(v)]).toEqual([v, `'${v}`]);
    }
  });

  it('leaves plain text and plain (negative, decimal) numbers as they are', () => {
    for (const v of ['Kari Nordmann', '-12', '-3,5', '42.0', '', 'a=b', 'kari@k.no']) expect([v, neutraliseCell(v)]).toEqual([v, v]);
  });
});
