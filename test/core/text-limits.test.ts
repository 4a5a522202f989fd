// Text limits: cleaning, cutting with a marker, escaping for cards and neutralising mentions in Chat text.
import { cardText, chatPlain, clean, cutText, CUT_MARKER, limitText, preview, utf8Bytes } from '../../src/core/text-limits';

it('cleans control characters and blank-line runs but keeps what people typed', () => {
  expect(clean('  Hei\r\n\r\n\r\n\r\nhvordan\u0000 går det?\u202e  ')).toBe('Hei\n\nhvordan går det?');
  expect(clean('=HYPERLINK("http://x","y")')).toBe('=HYPERLINK("http://x","y")');
  expect(clean(undefined)).toBe('');
});

it('cuts at the limit with a visible marker, at a word boundary when near, never inside a surrogate pair', () => {
  const long = 'ord '.repeat(600);
  const cut = cutText(long, 100);
  expect(cut.cut).toBe(true);
  expect(cut.text.length).toBeLessThanOrEqual(100);
  expect(cut.text.endsWith(CUT_MARKER)).toBe(true);
  expect(cut.text).not.toMatch(/or \[…\]$/);
  const emoji = cutText('😀'.repeat(100), 51);
  expect(() => encodeURIComponent(emoji.text)).not.toThrow();
  expect(cutText('kort', 100)).toEqual({ text: 'kort', cut: false });
  expect(limitText('  x  ', 10)).toEqual({ text: 'x', cut: false });
});

it('escapes for cards so markup stays text, and keeps line breaks', () => {
  expect(cardText('<img src=x onerror=alert(1)>\n"&')).toBe('&lt;img src=x onerror=alert(1)&gt;<br>&quot;&amp;');
});

it('breaks mentions of everyone and disguised links in Chat text without changing how it looks', () => {
  const out = chatPlain('Hei @all og @here, se <users/all> og <https://evil.example|banken>');
  expect(out).not.toContain('<users/all>');
  expect(out).not.toMatch(/@(all|here)\b/);
  expect(out).not.toContain('<https://');
  expect(out.replace(/\u200b/g, '')).toBe('Hei @all og @here, se <users/all> og <https://evil.example|banken>');
});

it('previews on one line and counts UTF-8 bytes', () => {
  expect(preview('a\n\nb   c', 10)).toBe('a b c');
  expect(utf8Bytes('æøå😀a')).toBe(2 + 2 + 2 + 4 + 1);
});
