import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Annotation } from '../model/annotation';
import {
  PAGE_COUNT,
  groupIntoPages,
  pageKey,
  pageOf,
  updatePage,
  type AnnotationPage,
} from './annotation-pages';
import { storedAnnotation } from './test-fixtures';

const annotation = storedAnnotation;

/** Any string of UTF-16 code units, lone surrogates included. */
const anyString = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
  .map((units) => String.fromCharCode(...units));

describe('pageOf', () => {
  it('is an integer in [0, PAGE_COUNT) for any string', () => {
    expect(PAGE_COUNT).toBe(32);
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), anyString, fc.uuid()),
        (id) => {
          const page = pageOf(id);
          expect(Number.isInteger(page)).toBe(true);
          expect(page).toBeGreaterThanOrEqual(0);
          expect(page).toBeLessThan(PAGE_COUNT);
        },
      ),
    );
  });

  it('is deterministic: the same id always gives the same page', () => {
    fc.assert(
      fc.property(anyString, (id) => {
        // A copy built anew, so no identity or caching can play a part.
        const copy = Array.from(id, (c) => c).join('');
        expect(pageOf(copy)).toBe(pageOf(id));
      }),
    );
  });

  it('spreads ids over every page', () => {
    const used = new Set(Array.from({ length: 2000 }, (_, i) => pageOf(`id-${i}`)));
    expect(used.size).toBe(PAGE_COUNT);
  });

  // Pinned: pages are part of the stored format. A database written by one
  // build is read by the next, which looks for each annotation in pageOf(id);
  // if these values change, every stored annotation is lost to the app unless
  // a migration moves them. Never update these numbers to make the test pass:
  // write that migration (db.ts) instead.
  it.each([
    ['', 5],
    ['a', 12],
    ['n1', 0],
    ['n2', 25],
    ['n3', 6],
    ['n4', 31],
    ['a1', 7],
    ['a2', 26],
    ['b1', 28],
    ['é', 4],
    ['😀', 24],
    ['annotation-1234', 15],
    ['0b6f6a0e-7c1a-4f5e-9d3c-2a8b4e6f1c90', 13],
  ])('pageOf(%j) is %i, as stored by earlier builds', (id, page) => {
    expect(pageOf(id)).toBe(page);
  });

  it('pageKey is the article id and the page of the annotation id', () => {
    expect(pageKey('article', 'n2')).toEqual(['article', 25]);
    expect(pageKey('', 'n4')).toEqual(['', 31]);
  });
});

describe('groupIntoPages', () => {
  it('gives no pages for no annotations', () => {
    expect(groupIntoPages([])).toEqual([]);
  });

  it('groups by article and page, keeping each annotation unchanged and in order', () => {
    // n1 and n29 share page 0; n4 is on page 31.
    expect(pageOf('n29')).toBe(0);
    const records = [
      annotation('n1', 'a', 'first'),
      annotation('n4', 'a'),
      annotation('n1', 'b'),
      annotation('n29', 'a', 'second'),
    ];
    const pages = groupIntoPages(records);
    const sorted = [...pages].sort(
      (x, y) => x.articleId.localeCompare(y.articleId) || x.page - y.page,
    );
    expect(sorted).toEqual([
      { articleId: 'a', page: 0, annotations: [records[0], records[3]] },
      { articleId: 'a', page: 31, annotations: [records[1]] },
      { articleId: 'b', page: 0, annotations: [records[2]] },
    ]);
    // The annotations are the ones passed in, not copies or rewrites.
    expect(sorted[0]!.annotations[0]).toBe(records[0]);
  });

  it('keeps articles apart even when their ids would collide if joined with a separator', () => {
    const pages = groupIntoPages([annotation('n1', 'a,0'), annotation('n1', 'a')]);
    expect(pages.map((p) => [p.articleId, p.page]).sort()).toEqual([
      ['a', 0],
      ['a,0', 0],
    ]);
  });

  it('puts every annotation exactly once, in the page of its id and article', () => {
    const records = fc.uniqueArray(
      fc.record({ id: fc.string({ maxLength: 6 }), articleId: fc.constantFrom('a', 'b', 'c') }),
      { selector: (r) => `${r.articleId}\u0000${r.id}`, maxLength: 80 },
    );
    fc.assert(
      fc.property(records, (rs) => {
        const input = rs.map((r) => annotation(r.id, r.articleId));
        const pages = groupIntoPages(input);
        const keys = pages.map((p) => JSON.stringify([p.articleId, p.page]));
        expect(new Set(keys).size).toBe(keys.length);
        for (const p of pages) {
          expect(p.annotations.length).toBeGreaterThan(0);
          for (const a of p.annotations) {
            expect(a.articleId).toBe(p.articleId);
            expect(pageOf(a.id)).toBe(p.page);
          }
        }
        expect(pages.flatMap((p) => p.annotations)).toHaveLength(input.length);
        expect(new Set(pages.flatMap((p) => p.annotations))).toEqual(new Set(input));
      }),
    );
  });
});

describe('updatePage', () => {
  const page = (...annotations: Annotation[]): AnnotationPage => ({
    articleId: 'a',
    page: 0,
    annotations,
  });

  it('puts new annotations, replaces existing ones by id, and deletes', () => {
    const before = page(annotation('n1', 'a', 'old'), annotation('n29', 'a'));
    const after = updatePage(before, [
      ['n1', annotation('n1', 'a', 'new')],
      ['n29', null],
      ['n72', annotation('n72', 'a')],
    ]);
    expect(after).toEqual(page(annotation('n1', 'a', 'new'), annotation('n72', 'a')));
  });

  it('applies writes in order: the last write of an id wins', () => {
    expect(
      updatePage(page(), [
        ['n1', annotation('n1', 'a', 'one')],
        ['n1', null],
        ['n29', annotation('n29', 'a', 'one')],
        ['n29', annotation('n29', 'a', 'two')],
      ]),
    ).toEqual(page(annotation('n29', 'a', 'two')));
  });

  it('deleting an id that is not in the page changes nothing', () => {
    expect(updatePage(page(annotation('n1', 'a')), [['missing', null]])).toEqual(
      page(annotation('n1', 'a')),
    );
  });

  it('returns null when nothing is left in the page', () => {
    expect(updatePage(page(annotation('n1', 'a')), [['n1', null]])).toBeNull();
    expect(updatePage(page(), [])).toBeNull();
    expect(updatePage(page(), [['n1', null]])).toBeNull();
  });

  it('does not change the page passed in, nor its annotations array', () => {
    const first = annotation('n1', 'a');
    const before = page(first, annotation('n29', 'a'));
    const copy = structuredClone(before);
    const annotations = before.annotations;
    const after = updatePage(before, [
      ['n1', null],
      ['n29', annotation('n29', 'a', 'edited')],
      ['n72', annotation('n72', 'a')],
    ]);
    expect(before).toEqual(copy);
    expect(before.annotations).toBe(annotations);
    expect(before.annotations[0]).toBe(first);
    expect(after).not.toBe(before);
    expect(after!.annotations).not.toBe(annotations);

    expect(
      updatePage(before, [
        ['n1', null],
        ['n29', null],
      ]),
    ).toBeNull();
    expect(before).toEqual(copy);
  });

  it('keeps the page key', () => {
    const after = updatePage({ articleId: 'x', page: 31, annotations: [] }, [
      ['n4', annotation('n4', 'x')],
    ]);
    expect(after).toEqual({ articleId: 'x', page: 31, annotations: [annotation('n4', 'x')] });
  });
});
