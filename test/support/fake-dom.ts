// A tiny stand-in for the browser's document, enough for the sidebar's view → DOM step in Node (jest runs without jsdom):
// elements keep attributes, properties, style, listeners and children; text nodes keep their text verbatim.
export interface FakeText { nodeType: 3; textContent: string }
export interface FakeElement {
  nodeType: 1; tagName: string; attributes: Record<string, string>; style: Record<string, string> & { setProperty(k: string, v: string): void };
  listeners: Record<string, unknown>; childNodes: FakeNode[]; value?: string; checked?: boolean; selected?: boolean;
  setAttribute(k: string, v: string): void; addEventListener(k: string, f: unknown): void; appendChild(c: FakeNode): FakeNode;
  replaceChildren(...c: FakeNode[]): void;
}
export type FakeNode = FakeText | FakeElement;

export function fakeDocument() {
  const created: FakeElement[] = [];
  const createElement = (tag: string): FakeElement => {
    const style = { setProperty(k: string, v: string) { (style as Record<string, unknown>)[k] = v; } } as FakeElement['style'];
    const el: FakeElement = {
      nodeType: 1, tagName: tag.toUpperCase(), attributes: {}, style, listeners: {}, childNodes: [],
      setAttribute(k, v) { el.attributes[k] = String(v); },
      addEventListener(k, f) { el.listeners[k] = f; },
      appendChild(c) { el.childNodes.push(c); return c; },
      replaceChildren(...c) { el.childNodes = c; },
    };
    created.push(el);
    return el;
  };
  return { created, createElement, createTextNode: (text: string): FakeText => ({ nodeType: 3, textContent: String(text) }) };
}

/** The text of a fake node, as textContent would give it. */
export function fakeText(n: FakeNode): string {
  return n.nodeType === 3 ? n.textContent : n.childNodes.map(fakeText).join('');
}
