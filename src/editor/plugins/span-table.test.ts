import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SpanTable } from './span-table';

describe('SpanTable', () => {
  it('property: behaves as a Map, and every earlier table stays as it was', () => {
    const id = fc.oneof(fc.uuid(), fc.string({ maxLength: 6 }));
    const op = fc.record({
      remove: fc.array(id, { maxLength: 4 }),
      set: fc.array(fc.tuple(id, fc.integer()), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, fc.integer()), { maxLength: 30 }),
        fc.array(op),
        (start, ops) => {
          let table = SpanTable.of(start);
          let model = new Map(start);
          const history: [SpanTable<number>, Map<string, number>][] = [[table, new Map(model)]];
          for (const { remove, set } of ops) {
            table = table.with(remove, set);
            model = new Map(model);
            for (const k of remove) model.delete(k);
            for (const [k, v] of set) model.set(k, v);
            history.push([table, new Map(model)]);
          }
          for (const [t, m] of history) {
            expect(t.size).toBe(m.size);
            expect(new Map([...t.keys()].map((k) => [k, t.get(k)]))).toEqual(m);
            expect([...t.values()].sort()).toEqual([...m.values()].sort());
            for (const k of m.keys()) expect(t.has(k)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
