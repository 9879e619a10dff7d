import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as app from '../src/store/annotation-pages';
// @ts-expect-error: a plain JavaScript module of the benchmark, without types.
import * as bench from './annotation-pages.mjs';

const benchPages = bench as {
  PAGE_COUNT: number;
  pageOf(id: string): number;
  groupIntoPages(annotations: { id: string; articleId: string }[]): app.AnnotationPage[];
};

describe("the benchmark's copy of the page layout", () => {
  it('has the same page count and places every id on the same page as the app', () => {
    expect(benchPages.PAGE_COUNT).toBe(app.PAGE_COUNT);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (id) => benchPages.pageOf(id) === app.pageOf(id)),
    );
    fc.assert(fc.property(fc.uuid(), (id) => benchPages.pageOf(id) === app.pageOf(id)));
  });

  it('groups annotations into the same page records', () => {
    const ids = fc.array(fc.record({ id: fc.string(), articleId: fc.constantFrom('a', 'b') }), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(ids, (annotations) => {
        const records = annotations as unknown as Parameters<typeof app.groupIntoPages>[0];
        expect(benchPages.groupIntoPages(annotations)).toEqual(app.groupIntoPages(records));
      }),
    );
  });
});
