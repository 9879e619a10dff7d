import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeFile,
  firstInvalidUtf8,
  jsonNestingFault,
  lineColumnAt,
  MAX_NESTING,
  xmlNestingFault,
} from './text-checks';
import { parseJson } from './parse-json';
import { parseAnnotationFile } from './parse-file';
import { parseTmx } from './tmx';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeFile', () => {
  it('reads UTF-8 as it is, with no warning', () => {
    expect(decodeFile(new TextEncoder().encode('Élysée « 😀 »'))).toEqual({
      text: 'Élysée « 😀 »',
      invalidAt: null,
    });
  });

  it('reads bytes that are not UTF-8 with replacement characters, and says at which byte', () => {
    // "ab", then Latin-1 "é" (0xE9, not UTF-8), then "c".
    expect(decodeFile(bytes(0x61, 0x62, 0xe9, 0x63))).toEqual({ text: 'ab\uFFFDc', invalidAt: 2 });
    // A sequence cut short at the end of the file.
    expect(decodeFile(bytes(0x61, 0xe2, 0x82)).invalidAt).toBe(1);
    // An encoded surrogate, and an overlong "/".
    expect(firstInvalidUtf8(bytes(0x41, 0xed, 0xa0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(bytes(0xc0, 0xaf))).toBe(0);
  });

  it('finds the first bad byte exactly where a strict decoder stops (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        let strictOk = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          strictOk = false;
        }
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(strictOk);
        if (at >= 0) {
          // Everything before it is UTF-8.
          expect(() =>
            new TextDecoder('utf-8', { fatal: true }).decode(b.slice(0, at)),
          ).not.toThrow();
        }
      }),
    );
  });
});

describe('nesting', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('finds the bracket one level too deep, ignoring brackets inside strings', () => {
    expect(jsonNestingFault(deep(MAX_NESTING))).toBe(-1);
    expect(jsonNestingFault(deep(MAX_NESTING + 1))).toBe(MAX_NESTING);
    expect(jsonNestingFault(`["${'['.repeat(1000)}\\"["]`)).toBe(-1);
  });

  it('ends a string at a quote after an even run of backslashes, not an odd one', () => {
    // "a\\" ends after the escaped backslash: the brackets after it count.
    expect(jsonNestingFault(`["a\\\\", ${deep(MAX_NESTING)}]`, MAX_NESTING)).toBe(
      '["a\\\\", '.length + MAX_NESTING - 1,
    );
    // "a\\\"[[…" does not end at the escaped quote: the brackets are inside it.
    expect(jsonNestingFault(`["a\\\\\\"${'['.repeat(MAX_NESTING * 2)}"]`)).toBe(-1);
    // An unterminated string hides what follows (JSON.parse then says it is not JSON).
    expect(jsonNestingFault(`["${deep(MAX_NESTING * 2)}`)).toBe(-1);
  });

  it('agrees with a pass one character at a time on any text of brackets, quotes and backslashes', () => {
    const reference = (text: string, max: number): number => {
      let depth = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
          for (i++; i < text.length; i++) {
            if (text[i] === '\\') i++;
            else if (text[i] === '"') break;
          }
        } else if (c === '[' || c === '{') {
          if (++depth > max) return i;
        } else if (c === ']' || c === '}') depth--;
      }
      return -1;
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ' '), { maxLength: 60 }),
        fc.integer({ min: 0, max: 6 }),
        (chars, max) => {
          const text = chars.join('');
          expect(jsonNestingFault(text, max)).toBe(reference(text, max));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a file nested 100,000 levels deep is refused with where, not a stack overflow', () => {
    const text = `{"@context": "http://www.w3.org/ns/anno.jsonld",\n "target": ${deep(100_000)}}`;
    const parsed = parseAnnotationFile(text);
    expect(parsed.records).toEqual([]);
    expect(parsed.problems).toEqual([
      {
        code: 'too-deep',
        severity: 'error',
        detail: `nested more than ${MAX_NESTING} levels deep`,
        ...lineColumnAt(text, text.indexOf('[') + MAX_NESTING - 1),
      },
    ]);
    expect(parsed.problems[0]).toMatchObject({ line: 2, column: 12 + MAX_NESTING - 1 });
    const objects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const result = parseJson(objects);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problem).toMatchObject({
        code: 'too-deep',
        line: 1,
        column: 5 * MAX_NESTING + 1,
      });
  });
});

describe('xmlNestingFault', () => {
  it('counts elements, not self-closing tags, comments, CDATA or ">" in attribute values', () => {
    const open = (n: number) => '<a>'.repeat(n);
    expect(xmlNestingFault(`<?xml version="1.0"?>${open(MAX_NESTING)}`)).toBe(-1);
    expect(xmlNestingFault(open(MAX_NESTING + 1))).toBe(3 * MAX_NESTING);
    expect(xmlNestingFault(`${'<a/>'.repeat(1000)}<b x="a>b" y='/'>`)).toBe(-1);
    expect(xmlNestingFault(`<r><!--${open(1000)}--><![CDATA[${open(1000)}]]></r>`)).toBe(-1);
    expect(xmlNestingFault(`${'<a></a>'.repeat(1000)}`)).toBe(-1);
  });

  it('a TMX file nested 100,000 deep is refused with where', () => {
    const text = `<tmx version="1.4">\n<body>${'<tu>'.repeat(100_000)}`;
    const parsed = parseTmx(text);
    expect(parsed.fatal).toBe(true);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ code: 'too-deep', line: 2, column: 7 + 4 * (MAX_NESTING - 2) }),
    ]);
  });
});
