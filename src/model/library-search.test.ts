import { describe, expect, it } from 'vitest';
import type { Annotation } from './annotation';
import type { Relation } from './factcheck';
import { LibrarySearchIndex } from './library-search';

let serial = 0;
function ann(articleId: string, start: number, extra: Partial<Annotation> = {}): Annotation {
  return {
    id: `n${++serial}`,
    articleId,
    kind: 'claim',
    start,
    end: start + 5,
    exact: 'texte',
    prefix: '',
    suffix: '',
    note: '',
    fields: {},
    created: '',
    modified: '',
    ...extra,
  };
}

const q1 = ann('a', 10, { kind: 'quote', exact: 'Parler a porté plainte', creator: 'Camille' });
const c1 = ann('a', 2, {
  exact: 'AWS savait',
  verdict: { rating: 'false', explanation: 'Démenti', reviewed: '' },
});
const e1 = ann('a', 30, {
  kind: 'event',
  exact: 'les émeutes',
  fields: { date: '6 janvier 2021' },
  dateValue: '2021-01-06',
});
const e2 = ann('b', 0, { kind: 'event', exact: 'la plainte', dateValue: '2021-03' });
const q2 = ann('b', 8, {
  kind: 'quote',
  exact: 'Nous répondrons',
  entityIds: ['amazon'],
  modifier: 'Léa',
});
const relations: Relation[] = [
  {
    id: 'r1',
    type: 'saidBy',
    from: { annotationId: q1.id, articleId: 'a' },
    to: { entityId: 'parler' },
    created: '',
  },
  {
    id: 'r2',
    type: 'about',
    from: { annotationId: c1.id, articleId: 'a' },
    to: { annotationId: e2.id, articleId: 'b' },
    created: '',
  },
];
const index = new LibrarySearchIndex(
  [
    { id: 'a', title: 'Article A', annotations: [q1, c1, e1] },
    { id: 'b', title: 'Article B', annotations: [q2, e2] },
  ],
  relations,
);
const ids = (r: ReturnType<LibrarySearchIndex['search']>) =>
  r.groups.map((g) => [g.articleId, g.hits.map((h) => h.id)]);

describe('LibrarySearchIndex', () => {
  it('groups hits by article, in the library order, each in document order', () => {
    expect(ids(index.search({}))).toEqual([
      ['a', [c1.id, q1.id, e1.id]],
      ['b', [e2.id, q2.id]],
    ]);
    expect(index.search({}).groups[1]!.title).toBe('Article B');
  });

  it('finds text in the span, the note and the fields, without accents or case; narrows as one types', () => {
    expect(ids(index.search({ text: 'plain' }))).toEqual([
      ['a', [q1.id]],
      ['b', [e2.id]],
    ]);
    expect(ids(index.search({ text: 'plainte' }))).toEqual([
      ['a', [q1.id]],
      ['b', [e2.id]],
    ]);
    expect(ids(index.search({ text: 'EMEUTES' }))).toEqual([['a', [e1.id]]]);
    expect(ids(index.search({ text: 'janvier' }))).toEqual([['a', [e1.id]]]);
    expect(ids(index.search({ text: 'dementi' }))).toEqual([['a', [c1.id]]]);
    // A shorter query after a longer one searches everything again.
    expect(index.search({ text: 'p' }).total).toBe(3);
  });

  it('filters by kind, entity, relation, verdict, creator and date range', () => {
    expect(ids(index.search({ kinds: ['quote'] }))).toEqual([
      ['a', [q1.id]],
      ['b', [q2.id]],
    ]);
    expect(ids(index.search({ entityId: 'parler' }))).toEqual([['a', [q1.id]]]);
    expect(ids(index.search({ entityId: 'amazon' }))).toEqual([['b', [q2.id]]]);
    expect(ids(index.search({ relation: 'about' }))).toEqual([
      ['a', [c1.id]],
      ['b', [e2.id]],
    ]);
    expect(ids(index.search({ verdict: 'false' }))).toEqual([['a', [c1.id]]]);
    expect(ids(index.search({ creator: 'camille' }))).toEqual([['a', [q1.id]]]);
    expect(ids(index.search({ creator: 'lea' }))).toEqual([['b', [q2.id]]]);
    expect(ids(index.search({ from: '2021-01-01', to: '2021-01-31' }))).toEqual([['a', [e1.id]]]);
    expect(ids(index.search({ from: '2021-03-15' }))).toEqual([['b', [e2.id]]]);
    expect(ids(index.search({ to: '2020-12-31' }))).toEqual([]);
    expect(ids(index.search({ kinds: ['quote'], text: 'nous' }))).toEqual([['b', [q2.id]]]);
  });

  it('caps the hits returned but counts them all', () => {
    const r = index.search({}, 2);
    expect(r.total).toBe(5);
    expect(r.groups.flatMap((g) => g.hits)).toHaveLength(2);
  });
});
