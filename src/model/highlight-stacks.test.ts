import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  depthOver,
  drawableLimit,
  exceedsDrawable,
  layoutStacks,
  MAX_DRAWN_DEPTH,
  rangeKey,
} from './highlight-stacks';

const r = (id: string, from: number, to: number) => ({ id, from, to });

describe('layoutStacks', () => {
  it('draws 100,000 annotations on the same words as one stack, the last one on top', () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => r(`a${i}`, 10, 30));
    const layout = layoutStacks(spans);
    expect(layout.drawn).toHaveLength(1);
    expect(layout.folded).toHaveLength(0);
    expect(layout.drawn[0]!.members).toHaveLength(100_000);
    expect(layout.drawn[0]!.members.at(-1)!.id).toBe('a99999');
    expect(layout.depth).toBe(1);
  });

  it('keeps ordinary overlaps as separate elements, outer first', () => {
    const layout = layoutStacks([r('inner', 12, 15), r('outer', 10, 20), r('cross', 18, 25)]);
    expect(layout.drawn.map((s) => s.members[0]!.id)).toEqual(['outer', 'inner', 'cross']);
    expect(layout.depth).toBe(2);
  });

  it('folds nested ranges beyond the depth limit, keeping the outer ones', () => {
    // 50 distinct ranges, each inside the one before.
    const spans = Array.from({ length: 50 }, (_, i) => r(`n${i}`, 100 + i, 200 - i));
    const layout = layoutStacks(spans);
    expect(layout.drawn.map((s) => s.members[0]!.id)).toEqual(
      spans.slice(0, MAX_DRAWN_DEPTH).map((s) => s.id),
    );
    expect(layout.folded).toHaveLength(50 - MAX_DRAWN_DEPTH);
    expect(layout.depth).toBe(MAX_DRAWN_DEPTH);
  });

  it('ranges that only touch do not nest', () => {
    const spans = Array.from({ length: 40 }, (_, i) => r(`t${i}`, i * 5, i * 5 + 5));
    expect(layoutStacks(spans, 1).folded).toHaveLength(0);
  });

  it('property: depth bounded, every span drawn or folded once, a stack is one range', () => {
    const span = fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 20 }))
      .map(([from, len]) => ({ from, to: from + len }));
    fc.assert(
      fc.property(
        fc.array(span, { maxLength: 300 }),
        fc.integer({ min: 1, max: 6 }),
        (ranges, max) => {
          const spans = ranges.map((x, i) => r(`s${i}`, x.from, x.to));
          const layout = layoutStacks(spans, max);
          const all = [...layout.drawn, ...layout.folded].flatMap((s) => s.members);
          expect(all.map((s) => s.id).sort()).toEqual(spans.map((s) => s.id).sort());
          for (const st of [...layout.drawn, ...layout.folded])
            for (const m of st.members) expect(rangeKey(m)).toBe(rangeKey(st));
          // The drawn elements never nest deeper than max over any position.
          const drawnDepth = depthOver(layout.drawn, 0, 100);
          expect(drawnDepth).toBe(layout.depth);
          expect(drawnDepth).toBeLessThanOrEqual(max);
          // A folded stack is folded because drawing it would go over max.
          for (const st of layout.folded) expect(depthOver(layout.drawn, st.from, st.to)).toBe(max);
        },
      ),
    );
  });
});

describe('exceedsDrawable', () => {
  it('10,000 on one span are drawable (one stack); 50 nested ranges are not all', () => {
    const same = exceedsDrawable(Array.from({ length: 10_000 }, () => ({ from: 5, to: 9 })));
    expect(same).toEqual({
      annotations: 10_000,
      stacks: 1,
      largestStack: 10_000,
      folded: 0,
      exceeds: false,
    });
    const nested = exceedsDrawable(
      Array.from({ length: 50 }, (_, i) => ({ from: i, to: 100 - i })),
    );
    expect(nested.exceeds).toBe(true);
    expect(nested.folded).toBe(50 - drawableLimit());
  });
});
