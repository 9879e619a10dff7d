import { describe, expect, it } from 'vitest';
import type { Annotation } from './annotation';
import { timeline } from './timeline';

function event(id: string, dateValue?: string): Annotation {
  return {
    id,
    articleId: 'a',
    kind: 'event',
    start: 0,
    end: 1,
    exact: id,
    prefix: '',
    suffix: '',
    note: '',
    fields: {},
    created: '',
    modified: '',
    ...(dateValue ? { dateValue } : {}),
  };
}

describe('timeline', () => {
  it('orders by the first day a date can mean; the month before its days, ranges at their start', () => {
    const t = timeline([
      event('day', '2021-01-09'),
      event('range', '2021-01-05/2021-01-11'),
      event('year', '2020'),
      event('month', '2021-01'),
      event('uncertain', '2021-01-06?'),
      event('openStart', '../2020-06-30'),
      event('openEnd', '2021-01-09/..'),
    ]);
    expect(t.dated.map((e) => e.annotation.id)).toEqual([
      'year',
      'openStart',
      'month',
      'range',
      'uncertain',
      'day',
      'openEnd',
    ]);
    expect(t.dated[1]).toMatchObject({ first: null, last: '2020-06-30' });
    expect(t.undated).toEqual([]);
  });

  it('lists events without a readable date apart, in the order given', () => {
    const t = timeline([event('b'), event('x', '2021-02'), event('c', 'not a date'), event('a')]);
    expect(t.dated.map((e) => e.annotation.id)).toEqual(['x']);
    expect(t.undated.map((e) => e.id)).toEqual(['b', 'c', 'a']);
  });

  it('keeps the given order for the same dates', () => {
    const t = timeline([event('1', '2021'), event('2', '2021'), event('0', '2021')]);
    expect(t.dated.map((e) => e.annotation.id)).toEqual(['1', '2', '0']);
  });
});
