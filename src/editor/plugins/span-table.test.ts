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

  it('property: a lazy table is the table of its values, whichever method is called first', () => {
    const id = fc.oneof(fc.uuid(), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ id, n: fc.integer() }), { maxLength: 40 }),
        fc.constantFrom('size', 'get', 'has', 'with', 'entries', 'values', 'keys'),
        (values, first) => {
          const given = [...values];
          const table = SpanTable.lazy(given, (v) => v.id);
          // The caller's list changing afterwards does not change the table.
          given.length = 0;
          const model = new Map(values.map((v) => [v.id, v]));
          const probe = values[0]?.id ?? 'none';
          if (first === 'size') expect(table.size).toBe(model.size);
          if (first === 'get') expect(table.get(probe)).toBe(model.get(probe));
          if (first === 'has') expect(table.has(probe)).toBe(model.has(probe));
          if (first === 'with') {
            const next = table.with([probe], []);
            expect(next.size).toBe(model.size - (model.has(probe) ? 1 : 0));
            expect(next.has(probe)).toBe(false);
          }
          if (first === 'entries') expect(new Map(table.entries())).toEqual(model);
          if (first === 'values') expect([...table.values()].length).toBe(model.size);
          if (first === 'keys') expect(new Set(table.keys())).toEqual(new Set(model.keys()));
          expect(table.size).toBe(model.size);
          expect(new Map(table.entries())).toEqual(model);
          for (const [k, v] of model) expect(table.get(k)).toBe(v);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('grows past its rebuilds (an import in slices) as a Map would, the tables before kept as they were', () => {
    let table = SpanTable.of<number>([]);
    const tables: SpanTable<number>[] = [];
    for (let slice = 0; slice < 40; slice++) {
      tables.push(table);
      table = table.with(
        [`id${slice * 1000 - 1}`],
        Array.from({ length: 1000 }, (_, i): [string, number] => [`id${slice * 1000 + i}`, slice]),
      );
    }
    expect(table.size).toBe(40_000 - 39);
    expect(table.get('id39999')).toBe(39);
    expect(table.has('id999')).toBe(false);
    expect(table.get('id1000')).toBe(1);
    expect([...table.keys()]).toHaveLength(table.size);
    tables.forEach((t, slice) => {
      expect(t.size).toBe(slice === 0 ? 0 : slice * 1000 - (slice - 1));
      expect(t.has(`id${slice * 1000}`)).toBe(false);
    });
  });
});
