// A tiny element builder: views return plain objects (testable in Node) that become DOM nodes; text is always a text node.
export type Handler = (e: Event) => void;
export type PropValue = string | number | boolean | undefined | null | Handler | Record<string, string>;
export type Props = Record<string, PropValue>;
export type Child = VNode | string | number | false | null | undefined | Child[];
export interface VNode { tag: string; props: Props; children: (VNode | string)[] }

function flatten(children: Child[], out: (VNode | string)[] = []): (VNode | string)[] {
  for (const c of children) {
    if (c === false || c === null || c === undefined) continue;
    if (Array.isArray(c)) flatten(c, out);
    else out.push(typeof c === 'number' ? String(c) : c);
  }
  return out;
}

export function h(tag: string, props: Props | null, ...children: Child[]): VNode {
  return { tag, props: props ?? {}, children: flatten(children) };
}

/** Builds DOM nodes. Attributes are set by name (never as HTML); `on…` props become listeners; `style` takes properties. */
export function toDom(node: VNode | string, doc: Document): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const el = doc.createElement(node.tag);
  for (const [k, v] of Object.entries(node.props)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'style' && typeof v === 'object') for (const [p, x] of Object.entries(v)) el.style.setProperty(p, x);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' || k === 'selected') { (el as unknown as Record<string, boolean>)[k] = true; el.setAttribute(k, ''); }
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of node.children) el.appendChild(toDom(c, doc));
  return el;
}

/** The visible text of a tree (tests; accessible names). */
export function textOf(node: VNode | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join(' ').replace(/\s+/g, ' ').trim();
}

/** Every element matching a test (tests). */
export function findAll(node: VNode | string, test: (n: VNode) => boolean, out: VNode[] = []): VNode[] {
  if (typeof node === 'string') return out;
  if (test(node)) out.push(node);
  for (const c of node.children) findAll(c, test, out);
  return out;
}
