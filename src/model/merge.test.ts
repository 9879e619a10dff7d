import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRecord, sameValue } from './merge';

const ANNOTATION = { atomic: [['start', 'end', 'exact']], latest: ['modified'] } as const;
const base = {
  id: 'a',
  start: 1,
  end: 5,
  exact: 'abcd',
  note: 'base note',
  fields: { speaker: 'Parler', claimant: 'AWS' },
  modified: '2026-01-01T00:00:00.000Z',
};

describe('mergeRecord', () => {
  it('writes mine as it is when the disk still holds the base', () => {
    const mine = { ...base, note: 'mine' };
    expect(mergeRecord(base, mine, { ...base })).toEqual({ value: mine, conflicts: [] });
  });

  it('keeps a note edited here and a claimant edited there', () => {
    const mine = { ...base, note: 'typed here', modified: '2026-01-01T00:00:02.000Z' };
    const theirs = {
      ...base,
      fields: { ...base.fields, claimant: 'Amazon Web Services' },
      modified: '2026-01-01T00:00:03.000Z',
    };
    const { value, conflicts } = mergeRecord(base, mine, theirs, ANNOTATION);
    expect(conflicts).toEqual([]);
    expect(value).toEqual({
      ...base,
      note: 'typed here',
      fields: { speaker: 'Parler', claimant: 'Amazon Web Services' },
      modified: '2026-01-01T00:00:03.000Z',
    });
  });

  it('keeps mine and reports theirs when both changed the same field', () => {
    const { value, conflicts } = mergeRecord(
      base,
      { ...base, note: 'AAAA' },
      { ...base, note: 'BBBB' },
      ANNOTATION,
    );
    expect(value?.note).toBe('AAAA');
    expect(conflicts).toEqual([{ path: 'note', mine: 'AAAA', theirs: 'BBBB' }]);
  });

  it('moves a span as one: offsets and quote are never half from each side', () => {
    const mine = { ...base, start: 2, end: 5, exact: 'bcd' };
    const theirs = { ...base, start: 1, end: 4, exact: 'abc' };
    const { value, conflicts } = mergeRecord(base, mine, theirs, ANNOTATION);
    expect([value?.start, value?.end, value?.exact]).toEqual([2, 5, 'bcd']);
    expect(conflicts).toEqual([
      { path: 'start+end+exact', mine: [2, 5, 'bcd'], theirs: [1, 4, 'abc'] },
    ]);
  });

  it('does not delete a record the other side edited, and says so', () => {
    const theirs = { ...base, note: 'saved there' };
    const { value, conflicts } = mergeRecord(base, null, theirs);
    expect(value).toEqual(theirs);
    expect(conflicts).toEqual([{ path: '', mine: undefined, theirs }]);
  });

  it('deletes when the other side did not change the record', () => {
    expect(mergeRecord(base, null, { ...base })).toEqual({ value: null, conflicts: [] });
  });

  it('keeps an edit made here to a record deleted there, and says so', () => {
    const mine = { ...base, note: 'typed here' };
    const { value, conflicts } = mergeRecord(base, mine, null);
    expect(value).toEqual(mine);
    expect(conflicts).toEqual([{ path: '', mine, theirs: undefined }]);
  });

  it('takes theirs when mine is the base (nothing of ours to write)', () => {
    const theirs = { ...base, note: 'newer' };
    expect(mergeRecord(base, { ...base }, theirs)).toEqual({ value: theirs, conflicts: [] });
  });

  it('loses no change of either side: every field equals mine, theirs, or, where both kept it, the base', () => {
    const record = fc.record({
      note: fc.constantFrom('n0', 'n1', 'n2'),
      fields: fc.record({
        speaker: fc.constantFrom('s0', 's1'),
        claimant: fc.constantFrom('c0', 'c1'),
      }),
    });
    fc.assert(
      fc.property(record, record, record, (b, m, t) => {
        const { value, conflicts } = mergeRecord(b, m, t);
        const v = value!;
        const check = (get: (r: typeof b) => string, path: string) => {
          const [bv, mv, tv, out] = [get(b), get(m), get(t), get(v)];
          if (mv !== bv && tv !== bv && mv !== tv) {
            // Both changed: mine kept, theirs reported.
            expect(out).toBe(mv);
            expect(conflicts).toContainEqual({ path, mine: mv, theirs: tv });
          } else if (mv !== bv) expect(out).toBe(mv);
          else expect(out).toBe(tv);
        };
        check((r) => r.note, 'note');
        check((r) => r.fields.speaker, 'fields.speaker');
        check((r) => r.fields.claimant, 'fields.claimant');
      }),
    );
  });
});

describe('sameValue', () => {
  it('compares structurally, ignoring undefined properties', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});
