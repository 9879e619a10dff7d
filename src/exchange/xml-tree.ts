/**
 * A small element tree from XML text, built with saxes (a strict XML 1.0
 * parser that needs no DOM), so that XML imports run in a worker, where
 * `DOMParser` does not exist, and under Trusted Types without a policy for
 * markup. Elements carry their namespace and local name, their attributes
 * by qualified name (in a Map: an attribute named `__proto__` is just a
 * name), and their children: elements and text (CDATA included).
 *
 * Never throws. A file that is not well-formed, declares a DTD, or nests
 * elements more than MAX_NESTING deep gives a problem with line and column.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { lineColumnAt, MAX_NESTING, xmlNestingFault } from './text-checks';

export interface XmlElement {
  /** The namespace URI; '' for none. */
  readonly uri: string;
  readonly local: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: (XmlElement | string)[];
}

export interface XmlTreeProblem {
  kind: 'malformed' | 'doctype' | 'too-deep';
  detail: string;
  line: number;
  column: number;
}

export type XmlTree = { ok: true; root: XmlElement } | { ok: false; problem: XmlTreeProblem };

/** Characters fed to the parser at a time (progress is reported between them). */
const CHUNK = 1 << 20;

/** Parses `text` into a tree; `onProgress(done, total)` after each chunk of characters. */
export function parseXmlTree(
  text: string,
  options: { onProgress?: (done: number, total: number) => void; maxDepth?: number } = {},
): XmlTree {
  const maxDepth = options.maxDepth ?? MAX_NESTING;
  // Before saxes, which slows down sharply with depth (100,000 levels: minutes).
  const deep = xmlNestingFault(text, maxDepth);
  if (deep >= 0) {
    const detail = `elements nested more than ${maxDepth} deep`;
    return { ok: false, problem: { kind: 'too-deep', detail, ...lineColumnAt(text, deep) } };
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let problem: XmlTreeProblem | null = null;
  const stop = (kind: XmlTreeProblem['kind'], detail: string) => {
    problem ??= { kind, detail, line: parser.line, column: parser.column + 1 };
  };
  parser.on('error', (error) => stop('malformed', error.message));
  parser.on('doctype', () => stop('doctype', 'DOCTYPE declarations are not accepted'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (problem) return;
    if (stack.length >= maxDepth)
      return stop('too-deep', `elements nested more than ${maxDepth} deep`);
    const attrs = new Map<string, string>();
    for (const [name, attr] of Object.entries(tag.attributes)) attrs.set(name, attr.value);
    const element: XmlElement = {
      uri: tag.uri ?? '',
      local: tag.local ?? tag.name,
      attrs,
      children: [],
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    if (!problem) stack.pop();
  });
  const onText = (data: string) => {
    if (!problem) stack[stack.length - 1]?.children.push(data);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    for (let i = 0; i < text.length && !problem;) {
      // Never split a surrogate pair across chunks.
      let end = Math.min(text.length, i + CHUNK);
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
      parser.write(text.slice(i, end));
      options.onProgress?.(end, text.length);
      i = end;
    }
    if (!problem) parser.close();
  } catch (error) {
    // saxes reports through 'error'; this is for anything it throws besides.
    stop('malformed', error instanceof Error ? error.message : String(error));
  }
  if (problem) return { ok: false, problem };
  if (!root)
    return {
      ok: false,
      problem: { kind: 'malformed', detail: 'no root element', line: 1, column: 1 },
    };
  return { ok: true, root };
}

/** The text of an element and everything in it, in document order. */
export function textOf(element: XmlElement): string {
  let out = '';
  // An explicit stack: elements may be nested up to MAX_NESTING deep.
  const todo: (XmlElement | string)[] = [element];
  while (todo.length > 0) {
    const node = todo.pop()!;
    if (typeof node === 'string') out += node;
    else for (let i = node.children.length - 1; i >= 0; i--) todo.push(node.children[i]!);
  }
  return out;
}
