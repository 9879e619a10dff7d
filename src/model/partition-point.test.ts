import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { partitionPoint } from './partition-point';

describe('partitionPoint', () => {
  it('finds where a true prefix ends, within [lo, hi)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(60), (lo, length, cut) => {
        const hi = lo + length;
        const asked: number[] = [];
        const found = partitionPoint(lo, hi, (i) => (asked.push(i), i < cut));
        expect(found).toBe(Math.min(Math.max(cut, lo), hi));
        expect(asked.every((i) => i >= lo && i < hi)).toBe(true);
        // A binary search: about log2 of the range's length, never a walk.
        expect(asked.length).toBeLessThanOrEqual(Math.ceil(Math.log2(length + 1)) + 1);
      }),
    );
  });
});
