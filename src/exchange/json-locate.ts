/**
 * Where a text stops being JSON. Recent V8 (Chromium, Node) says only
 * `Unexpected token '}', ..."cles": [ }" is not valid JSON`, without a
 * position, so the import report could not say where a file is broken.
 * This scanner follows RFC 8259's grammar and returns the UTF-16 offset of
 * the first character that cannot be JSON (the text's length when it ends
 * too early). It runs only after JSON.parse has failed, in one pass, with
 * an explicit stack (a deeply nested file cannot overflow the call stack).
 */

/** The offset of the first character that makes `text` not JSON, or -1 when it is JSON. */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const stack: number[] = []; // char codes of '{' and '['
  const skip = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    }
  };
  /** Reads a string at i (which is '"'); false when it is not one (i at the fault). */
  const string = (): boolean => {
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === undefined) return false;
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) return false;
          }
        } else if (!'"\\/bfnrt'.includes(e)) return false;
      }
    }
    return false;
  };
  const digit = () => i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39;
  /** Reads a number at i; false when it is not one (i at the fault). */
  const number = (): boolean => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (digit()) while (digit()) i++;
    else return false;
    if (text[i] === '.') {
      i++;
      if (!digit()) return false;
      while (digit()) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digit()) return false;
      while (digit()) i++;
    }
    return true;
  };
  type Mode = 'value' | 'key' | 'after';
  let mode: Mode = 'value';
  for (;;) {
    skip();
    if (mode === 'after' && stack.length === 0) return i < n ? i : -1;
    if (i >= n) return n;
    const c = text[i]!;
    if (mode === 'key') {
      if (c !== '"' || !string()) return i;
      skip();
      if (text[i] !== ':') return i;
      i++;
      mode = 'value';
      continue;
    }
    if (mode === 'after') {
      const top = stack[stack.length - 1];
      if (c === ',') {
        i++;
        mode = top === 0x7b ? 'key' : 'value';
      } else if ((c === '}' && top === 0x7b) || (c === ']' && top === 0x5b)) {
        i++;
        stack.pop();
      } else return i;
      continue;
    }
    // A value.
    if (c === '{' || c === '[') {
      i++;
      skip();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        mode = 'after';
      } else {
        stack.push(c.charCodeAt(0));
        mode = c === '{' ? 'key' : 'value';
      }
      continue;
    }
    if (c === '"') {
      if (!string()) return Math.min(i, n);
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      if (!number()) return i;
    } else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (!word) return i;
      i += word.length;
    }
    mode = 'after';
  }
}
