/**
 * Two checks every imported file goes through before it is parsed, so that
 * what a tool or a person's disk left in it gets a clear report instead of
 * a crash or silent damage (issue 15, item 8):
 *
 * - `decodeFile`: the bytes are read as UTF-8 strictly (`TextDecoder` with
 *   `fatal: true`); when they are not valid UTF-8 they are read leniently
 *   (each bad sequence becomes U+FFFD) and the byte offset of the first bad
 *   sequence is returned, for a warning. Browsers' `Blob.text()` replaces
 *   silently.
 * - `jsonNestingFault` / `MAX_NESTING`: a file nested thousands of levels
 *   deep (`[[[[…]]]]`) is refused before anything walks it — the walkers
 *   (parsers, structured clone between the worker and the page) recurse,
 *   and a worker's stack gives out long before 100,000 levels ("Maximum
 *   call stack size exceeded"). No format Glossa reads nests beyond a dozen
 *   levels; XML parsers count the same limit (libxml2's default is 256 too).
 */

/** Arrays, objects or elements inside one another, at most. */
export const MAX_NESTING = 256;

/** Text decoded from a file's bytes, and where they stopped being UTF-8 (null: they are UTF-8). */
export interface DecodedFile {
  text: string;
  /** 0-based byte offset of the first sequence that is not UTF-8; null when there is none. */
  invalidAt: number | null;
}

/** Decodes UTF-8 bytes strictly, falling back to replacement characters with the offset of the first bad byte. */
export function decodeFile(bytes: ArrayBuffer | Uint8Array): DecodedFile {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(view), invalidAt: null };
  } catch {
    return { text: new TextDecoder('utf-8').decode(view), invalidAt: firstInvalidUtf8(view) };
  }
}

/** Reads a File or Blob as decodeFile() does. */
export async function readFileText(file: Blob): Promise<DecodedFile> {
  return decodeFile(await file.arrayBuffer());
}

/**
 * The offset of the first byte that does not begin or continue a
 * well-formed UTF-8 sequence (Unicode §3.9, table 3-7: no overlongs, no
 * surrogates, nothing past U+10FFFF); -1 when every byte does.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = 0; i < n;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Where JSON text first nests deeper than `max` arrays and objects: the
 * UTF-16 offset of the bracket that goes one level too deep, or -1. One
 * pass, no recursion; brackets inside strings do not count.
 */
export function jsonNestingFault(text: string, max = MAX_NESTING): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: on to its closing quote, the first one after an even run of
      // backslashes (none, or escaped backslashes). Found with indexOf rather
      // than a character at a time: most of a file is in its strings, and at
      // 95 MB this pass is one of the import worker's longest.
      for (;;) {
        const quote = text.indexOf('"', i + 1);
        if (quote === -1) return -1;
        let slash = quote - 1;
        while (text.charCodeAt(slash) === 0x5c) slash--;
        i = quote;
        if ((quote - 1 - slash) % 2 === 0) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: offset - lastBreak };
}

/**
 * Where XML text first nests elements deeper than `max`: the UTF-16 offset
 * of the `<` of the element one level too deep, or -1. A lexical pass (tags,
 * quoted attribute values, comments, CDATA, processing instructions), no
 * parser: it runs before one, which then never sees a file nested deeper
 * (saxes slows down sharply with depth, and a tree would have to be walked).
 */
export function xmlNestingFault(text: string, max = MAX_NESTING): number {
  let depth = 0;
  const n = text.length;
  const skipTo = (from: number, end: string) => {
    const at = text.indexOf(end, from);
    return at < 0 ? n : at + end.length;
  };
  for (let i = text.indexOf('<'); i !== -1 && i < n; i = text.indexOf('<', i)) {
    const next = text[i + 1];
    if (text.startsWith('<!--', i)) i = skipTo(i + 4, '-->');
    else if (text.startsWith('<![CDATA[', i)) i = skipTo(i + 9, ']]>');
    else if (next === '?') i = skipTo(i + 2, '?>');
    else if (next === '!') i = skipTo(i + 2, '>');
    else if (next === '/') {
      depth--;
      i = skipTo(i + 2, '>');
    } else {
      const start = i;
      // To the tag's end, past quoted attribute values (which may hold '>').
      let quote = '';
      for (i++; i < n; i++) {
        const c = text[i]!;
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      const selfClosing = text[i - 1] === '/';
      i++;
      if (!selfClosing && ++depth > max) return start;
    }
  }
  return -1;
}
