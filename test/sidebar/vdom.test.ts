// The view trees: plain objects built in Node, turned into DOM nodes with text as text nodes and listeners wired — no
// HTML is ever parsed. A tiny fake document stands in for the browser's.
import { findAll, h, textOf, toDom } from '../../src/sidebar/vdom';
import { fakeDocument, fakeText, type FakeElement } from '../support/fake-dom';

describe('toDom', () => {
  it('builds text as text nodes and wires listeners (no HTML is ever parsed)', () => {
    const created: Record<string, unknown>[] = [];
    const doc = {
      createTextNode: (text: string) => ({ nodeType: 3, text }),
      createElement: (tag: string) => {
        const el = {
          tag, attrs: {} as Record<string, string>, kids: [] as unknown[], listeners: {} as Record<string, unknown>,
          style: { props: {} as Record<string, string>, setProperty(k: string, v: string) { this.props[k] = v; } },
          setAttribute(k: string, v: string) { this.attrs[k] = v; }, appendChild(c: unknown) { this.kids.push(c); }, addEventListener(k: string, f: unknown) { this.listeners[k] = f; } };
        created.push(el);
        return el;
      },
    } as unknown as Document;
    const onClick = () => undefined;
    const node = toDom(h('button', { type: 'button', onClick, style: { width: '40%' } }, '<img src=x onerror=alert(1)>'), doc) as unknown as Record<string, never>;
    expect(node).toMatchObject({ tag: 'button', attrs: { type: 'button' }, listeners: { click: onClick }, style: { props: { width: '40%' } } });
    expect(node.kids).toEqual([{ nodeType: 3, text: '<img src=x onerror=alert(1)>' }]);
  });
});

describe('h', () => {
  it('flattens nested children, drops false/null/undefined, turns numbers into text and defaults props', () => {
    const node = h('ul', null, [h('li', null, 'a'), [false, null, undefined, h('li', { class: 'x' }, 2)]], 0, '');
    expect(node).toEqual({ tag: 'ul', props: {}, children: [
      { tag: 'li', props: {}, children: ['a'] }, { tag: 'li', props: { class: 'x' }, children: ['2'] }, '0', '',
    ] });
  });
});

describe('textOf and findAll', () => {
  const tree = h('div', null, h('p', { class: 'a' }, '  Hei ', h('b', null, 'Kari')), h('p', { class: 'b' }, 'Nordmann\n'), 'slutt');
  it('gives the visible text with whitespace collapsed', () => {
    expect(textOf(tree)).toBe('Hei Kari Nordmann slutt');
    expect(textOf('bare tekst')).toBe('bare tekst');
  });
  it('finds every matching element depth first, the root included', () => {
    expect(findAll(tree, (n) => n.tag === 'p').map((n) => n.props.class)).toEqual(['a', 'b']);
    expect(findAll(tree, () => true).map((n) => n.tag)).toEqual(['div', 'p', 'b', 'p']);
    expect(findAll('tekst', () => true)).toEqual([]);
  });
});

describe('toDom on a fake document', () => {
  it('sets value, checked and selected as properties (and the flags as attributes), skips empty props, keeps hostile text as text', () => {
    const doc = fakeDocument();
    const onInput = () => undefined;
    const tree = h('form', { class: 'f', hidden: true, disabled: false, title: null, 'data-x': undefined, tabindex: 0 },
      h('input', { name: 'q', value: 'a"b', onInput }),
      h('input', { type: 'checkbox', checked: true }),
      h('select', null, h('option', { value: 'nb', selected: true }, 'Norsk'), h('option', { value: 'en', selected: false }, 'English')),
      '<script>alert(1)</script>');
    const form = toDom(tree, doc as unknown as Document) as unknown as FakeElement;
    expect(form.attributes).toEqual({ class: 'f', hidden: '', tabindex: '0' });
    const [text, check, select, script] = form.childNodes as FakeElement[];
    expect(text!.value).toBe('a"b');
    expect(text!.attributes).toEqual({ name: 'q' });
    expect(text!.listeners).toEqual({ input: onInput });
    expect([check!.checked, check!.attributes.checked]).toEqual([true, '']);
    const [nb, en] = select!.childNodes as FakeElement[];
    expect([nb!.selected, nb!.value, nb!.attributes]).toEqual([true, 'nb', { selected: '' }]);
    expect([en!.selected, en!.value, en!.attributes]).toEqual([undefined, 'en', {}]);
    expect(script).toEqual({ nodeType: 3, textContent: '<script>alert(1)</script>' });
    expect(fakeText(form)).toBe('NorskEnglish<script>alert(1)</script>');
    expect(doc.created.map((e) => e.tagName)).toEqual(['FORM', 'INPUT', 'INPUT', 'SELECT', 'OPTION', 'OPTION']);
  });
});
