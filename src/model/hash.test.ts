import { describe, expect, it } from 'vitest';
import { fnv1a } from './hash';

describe('fnv1a', () => {
  it('is 32-bit FNV-1a (the published test values for ASCII strings)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-16 code units, unsigned', () => {
    // One unit 0xe9 ("é"), then the two surrogates of U+1F600.
    const step = (h: number, unit: number) => Math.imul(h ^ unit, 0x01000193) >>> 0;
    expect(fnv1a('é')).toBe(step(0x811c9dc5, 0xe9));
    expect(fnv1a('😀')).toBe(step(step(0x811c9dc5, 0xd83d), 0xde00));
    for (const s of ['', 'x', 'urn:uuid:1', '😀é']) expect(fnv1a(s)).toBeGreaterThanOrEqual(0);
  });
});
