import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareAnnotations, type Annotation } from './annotation';
import { SortedAnnotations, documentOrder } from './sorted-annotations';

function ann(id: string, start: number, end: number): Annotation {
  return {
    id,
    articleId: 'a',
    kind: 'claim',
    start,
    end,
    exact: '',
    prefix: '',
    suffix: '',
    note: '',
    fields: {},
    created: '',
    modified: '',
  };
}

const op = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  start: fc.nat(50),
  len: fc.integer({ min: 1, max: 20 }),
  del: fc.boolean(),
});

describe('SortedAnnotations', () => {
  it('stays equal to a full sort after any sequence of upserts and deletes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const byId = new Map<string, Annotation>();
        const sorted = new SortedAnnotations([]);
        for (const o of ops) {
          const value = o.del ? null : ann(o.id, o.start, o.start + o.len);
          sorted.update([[o.id, value]]);
          if (value) byId.set(o.id, value);
          else byId.delete(o.id);
        }
        expect(sorted.list.map((a) => a.id)).toEqual(
          [...byId.values()].sort(compareAnnotations).map((a) => a.id),
        );
      }),
    );
  });

  it('merges a big change (an import) as a full sort would, same objects and repeats included', () => {
    const big = fc.array(
      fc.record({
        id: fc.integer({ min: 0, max: 150 }).map(String),
        start: fc.nat(200),
        len: fc.integer({ min: 1, max: 20 }),
        del: fc.boolean(),
      }),
      { minLength: 65, maxLength: 300 },
    );
    fc.assert(
      fc.property(big, big, (first, second) => {
        const byId = new Map<string, Annotation>();
        const sorted = new SortedAnnotations([]);
        for (const ops of [first, second]) {
          const change = new Map<string, Annotation | null>();
          for (const o of ops) {
            // Now and then the object already filed, unchanged.
            const kept = byId.get(o.id);
            const value = o.del
              ? null
              : o.len <= 5 && kept
                ? kept
                : ann(o.id, o.start, o.start + o.len);
            change.set(o.id, value);
          }
          sorted.update(change);
          for (const [id, value] of change) {
            if (value) byId.set(id, value);
            else byId.delete(id);
          }
          expect(sorted.list).toEqual([...byId.values()].sort(compareAnnotations));
        }
      }),
    );
  });

  it('property: documentOrder sorts as compareAnnotations does, shared starts and odd starts included', () => {
    const entry = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      // Few distinct starts, so that runs sharing one are common; now and then not a whole number.
      start: fc.oneof(
        { arbitrary: fc.nat(40), weight: 60 },
        { arbitrary: fc.constantFrom(0.5, -1, 2 ** 33), weight: 1 },
      ),
      len: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 64, maxLength: 300 }), (list) => {
        const annotations = list.map((e) => ann(e.id, e.start, e.start + e.len));
        const expected = [...annotations].sort(compareAnnotations);
        const got = documentOrder([...annotations]);
        expect(got.length).toBe(expected.length);
        got.forEach((a, i) => expect(compareAnnotations(a, expected[i]!)).toBe(0));
        expect(new Set(got)).toEqual(new Set(annotations));
      }),
      { numRuns: 300 },
    );
  });

  it('property: a list made from annotations takes changes to them as a full sort would', () => {
    const start = fc.array(fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 20 })), {
      maxLength: 120,
    });
    fc.assert(
      fc.property(start, fc.array(op, { maxLength: 20 }), fc.boolean(), (first, ops, big) => {
        const byId = new Map(first.map(([s, len], i) => [`x${i}`, ann(`x${i}`, s, s + len)]));
        const sorted = new SortedAnnotations(byId.values());
        // Replace (a new object for the same id) or delete some of the first ones, and add others.
        const changes: [string, Annotation | null][] = ops.map((o, i) => {
          const id = i % 2 && byId.size ? [...byId.keys()][i % byId.size]! : o.id;
          return [id, o.del ? null : ann(id, o.start, o.start + o.len)];
        });
        if (big) sorted.update(changes);
        else for (const c of changes) sorted.update([c]);
        for (const [id, value] of changes) {
          if (value) byId.set(id, value);
          else byId.delete(id);
        }
        expect(sorted.list).toEqual([...byId.values()].sort(compareAnnotations));
      }),
      { numRuns: 200 },
    );
  });
});
