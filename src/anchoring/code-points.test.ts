import { describe as suite, expect, it } from 'vitest';
import fc from 'fast-check';
import { CodePointIndex, codePointLength } from './code-points';

// Strings mixing ASCII, accented letters, French punctuation and astral characters.
const mixedText = fc
  .array(fc.constantFrom('a', 'é', '«', '»', ' ', '\n', '😀', '𝄞', 'Z', '–'), { maxLength: 60 })
  .map((a) => a.join(''));

// Any UTF-16, lone surrogates included (a pasted or imported text may hold them).
const anyUtf16 = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\uD83D', '\uDE00', '😀'),
    ),
    { maxLength: 40 },
  )
  .map((a) => a.join(''));

suite('CodePointIndex', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect(new CodePointIndex('a😀b').length).toBe(3);
    expect('a😀b'.length).toBe(4);
  });

  it('agrees with Array.from on every offset', () => {
    fc.assert(
      fc.property(fc.oneof(mixedText, anyUtf16), (text) => {
        const index = new CodePointIndex(text);
        const cps = Array.from(text);
        expect(index.length).toBe(cps.length);
        let u = 0;
        for (let cp = 0; cp <= cps.length; cp++) {
          expect(index.toUtf16(cp)).toBe(u);
          expect(index.toCodePoint(u)).toBe(cp);
          if (cp < cps.length) u += cps[cp]!.length;
        }
      }),
    );
  });

  it('slices by code points', () => {
    fc.assert(
      fc.property(mixedText, fc.nat(), fc.nat(), (text, x, y) => {
        const cps = Array.from(text);
        const a = Math.min(x, y) % (cps.length + 1);
        const b = Math.max(a, Math.max(x, y) % (cps.length + 1));
        expect(new CodePointIndex(text).slice(a, b)).toBe(cps.slice(a, b).join(''));
      }),
    );
  });

  it('rounds an offset inside a surrogate pair down to the character start', () => {
    const index = new CodePointIndex('x😀y');
    expect(index.toCodePoint(2)).toBe(1);
  });
});
