import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Annotation } from './annotation';
import { nameKey, RELATION_TYPES, type Relation } from './factcheck';
import { edtfBounds } from './edtf-date';
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

  it('finds what a plain filter of every annotation finds, for any query sequence', () => {
    // The index walks the smallest list a filter offers and reuses the hits of
    // the text one letter shorter: it must agree with checking every annotation.
    const words = ['plainte', 'parler', 'juge', 'émeute'];
    const people = ['Camille', 'Léa'];
    const annotation = fc.record({
      article: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('claim' as const, 'quote' as const, 'event' as const),
      exact: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }),
      creator: fc.option(fc.constantFrom(...people), { nil: undefined }),
      rating: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
      month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      entity: fc.option(fc.constantFrom('e1', 'e2'), { nil: undefined }),
      relation: fc.option(fc.constantFrom(...RELATION_TYPES), { nil: undefined }),
    });
    const query = fc.record(
      {
        text: fc.constantFrom('p', 'pl', 'pla', 'ju', 'emeu', 'x'),
        kinds: fc.subarray(['claim', 'quote', 'event'] as const, { minLength: 1 }),
        entityId: fc.constantFrom('e1', 'e2'),
        relation: fc.constantFrom(...RELATION_TYPES),
        verdict: fc.constantFrom('true', 'false'),
        from: fc.constantFrom('2021-03-01', '2021-06-15'),
        to: fc.constantFrom('2021-05-31', '2021-09-30'),
        creator: fc.constantFrom('camille', 'Léa'),
        articleId: fc.constantFrom('x0', 'x1'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(annotation, { maxLength: 30 }),
        fc.array(query, { minLength: 1, maxLength: 6 }),
        (specs, queries) => {
          const all = specs.map((s, i) =>
            ann(`x${s.article}`, i * 10, {
              kind: s.kind,
              exact: s.exact.join(' '),
              ...(s.creator ? { creator: s.creator } : {}),
              ...(s.rating ? { verdict: { rating: s.rating, explanation: '', reviewed: '' } } : {}),
              ...(s.month ? { dateValue: `2021-${String(s.month).padStart(2, '0')}` } : {}),
              ...(s.entity ? { entityIds: [s.entity] } : {}),
            }),
          );
          const rels: Relation[] = specs.flatMap((s, i) =>
            s.relation
              ? [
                  {
                    id: `r${i}`,
                    type: s.relation,
                    from: { annotationId: all[i]!.id, articleId: all[i]!.articleId },
                    to: { entityId: 'e9' },
                    created: '',
                  },
                ]
              : [],
          );
          const articles = [0, 1, 2].map((n) => ({
            id: `x${n}`,
            title: `X${n}`,
            annotations: all.filter((a) => a.articleId === `x${n}`),
          }));
          const idx = new LibrarySearchIndex(articles, rels);
          const ordered = articles.flatMap((a) => a.annotations);
          for (const q of queries) {
            const expected = ordered.filter((a, i) => {
              const spec = specs[all.indexOf(a)]!;
              const bounds = a.dateValue ? edtfBounds(a.dateValue) : null;
              return (
                (!q.text || nameKey(a.exact).includes(nameKey(q.text))) &&
                (!q.kinds || q.kinds.includes(a.kind)) &&
                (!q.entityId || a.entityIds?.includes(q.entityId)) &&
                (!q.relation || spec.relation === q.relation) &&
                (!q.verdict || a.verdict?.rating === q.verdict) &&
                (!q.creator || nameKey(a.creator ?? '') === nameKey(q.creator)) &&
                (!q.articleId || a.articleId === q.articleId) &&
                (!(q.from || q.to) ||
                  (!!bounds &&
                    (!q.to || bounds.first! <= q.to) &&
                    (!q.from || bounds.last! >= q.from))) &&
                i >= 0
              );
            });
            const got = idx.search(q, 5);
            expect(got.total).toBe(expected.length);
            expect(got.groups.flatMap((g) => g.hits.map((h) => h.id))).toEqual(
              expected.slice(0, 5).map((a) => a.id),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
