import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Annotation } from './annotation';
import { searchKey, searchText } from './annotation-search';
import { createSearchIndex } from './search-index';

function annotation(id: string, exact: string, note = '', speaker?: string): Annotation {
  return {
    id,
    articleId: 'art',
    kind: 'claim',
    start: 0,
    end: exact.length,
    exact,
    prefix: '',
    suffix: '',
    note,
    fields: speaker === undefined ? {} : { speaker },
    created: '',
    modified: '',
  };
}

/** What the index must answer: the annotations whose search text holds the query. */
const naive = (list: readonly Annotation[], q: string) =>
  list.filter((a) => searchText(a).includes(q)).map((a) => a.id);
const ids = (list: readonly Annotation[]) => list.map((a) => a.id);

describe('search index', () => {
  const list = [
    annotation('a', 'Parler poursuit Amazon', 'déjà vu'),
    annotation('b', 'rupture de contrat', '', 'Amazon Web Services'),
    annotation('c', 'amazon amazon amazon'),
    annotation('d', 'rien'),
  ];

  it('finds every field, accents and case folded, in list order, each annotation once', () => {
    const index = createSearchIndex();
    index.setAnnotations(list);
    expect(ids(index.search('amazon'))).toEqual(['a', 'b', 'c']);
    expect(ids(index.search(searchKey('Déjà')))).toEqual(['a']);
    expect(ids(index.search('absent'))).toEqual([]);
  });

  it('never matches across two annotations, nor across the separator', () => {
    const index = createSearchIndex();
    index.setAnnotations([annotation('x', 'ab'), annotation('y', 'cd')]);
    expect(ids(index.search('bc'))).toEqual([]);
    expect(ids(index.search('b\u0000c'))).toEqual([]);
  });

  it('follows a changed list: new and changed annotations are found, removed ones are not', () => {
    const index = createSearchIndex();
    index.setAnnotations(list);
    expect(ids(index.search('rien'))).toEqual(['d']);
    const next = [list[0]!, annotation('d', 'plus rien ici'), annotation('e', 'rien de neuf')];
    index.setAnnotations(next);
    expect(ids(index.search('rien'))).toEqual(['d', 'e']);
    expect(ids(index.search('rupture'))).toEqual([]);
  });

  it('warms in slices until told there is no time left, then answers the same', () => {
    const many = Array.from({ length: 1000 }, (_, i) => annotation(`n${i}`, `mot ${i}`));
    const index = createSearchIndex();
    index.setAnnotations(many);
    expect(ids(index.search('mot 99'))).toEqual(naive(many, 'mot 99'));
    index.setAnnotations([...many]);
    // No time left: one slice (256 texts) per call.
    for (let i = 0; i < 3; i++) expect(index.warm(() => false)).toBe(false);
    expect(index.warm(() => false)).toBe(true);
    expect(index.warm(() => true)).toBe(true);
    expect(ids(index.search('mot 99'))).toEqual(naive(many, 'mot 99'));
    expect(ids(index.search('mot 99')).slice(0, 2)).toEqual(['n99', 'n990']);
  });

  it('answers as a scan of every annotation would, typing on or not (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', 'c'), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, word), { maxLength: 30 }),
        fc.array(fc.string({ minLength: 1, maxLength: 3 }).map(searchKey), { maxLength: 6 }),
        fc.array(fc.constantFrom('a', 'b', 'e', ' ', 'c'), { minLength: 1, maxLength: 4 }),
        (fields, queries, typed) => {
          const items = fields.map(([e, n], i) => annotation(`i${i}`, e, n));
          const index = createSearchIndex();
          index.setAnnotations(items);
          for (const q of queries.filter(Boolean))
            expect(ids(index.search(q))).toEqual(naive(items, q));
          // Typing on: each query extends the last.
          let q = '';
          for (const ch of typed) {
            q += ch;
            expect(ids(index.search(q))).toEqual(naive(items, q));
          }
        },
      ),
    );
  });
});
