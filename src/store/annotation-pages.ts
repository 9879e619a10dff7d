/**
 * How annotations are laid out in IndexedDB (since database version 3): in
 * pages, each holding the annotations of one article whose ids hash to the
 * same page number.
 *
 * Why pages: reading 10,000 annotations as 10,000 records takes IndexedDB
 * about 150 ms, one value at a time; the same annotations as 32 values take
 * about 30 ms (bench/README.md). Writing one annotation rewrites its page,
 * about 1/32 of the article's annotations, which stays well under a
 * millisecond of cloning at 10,000.
 *
 * The page of an id depends on the id alone, so a write finds its page
 * without a lookup. PAGE_COUNT and pageOf are part of the stored format:
 * changing either needs a database migration.
 *
 * This module imports nothing at run time but the pure hash of
 * model/hash.ts, so the e2e tests can use it to seed databases the way the
 * app lays them out.
 */
import type { Annotation } from '../model/annotation';
import { fnv1a } from '../model/hash';

/** Pages per article. */
export const PAGE_COUNT = 32;

/** A page as stored: its key is [articleId, page]. */
export interface AnnotationPage {
  articleId: string;
  page: number;
  annotations: Annotation[];
}

export type PageKey = [articleId: string, page: number];

/** The page an annotation id belongs to: FNV-1a (32-bit) of its UTF-16 code units, mod PAGE_COUNT. */
export function pageOf(id: string): number {
  return fnv1a(id) % PAGE_COUNT;
}

export function pageKey(articleId: string, id: string): PageKey {
  return [articleId, pageOf(id)];
}

/** Items gathered by page, one at a time (`add`), pages in first-seen order (`pages`). */
export class PageGroups<T> {
  /** Per article, its pages' entries by page number (no key strings to make per item). */
  private readonly byArticle = new Map<string, ([PageKey, T[]] | undefined)[]>();
  private readonly order: [PageKey, T[]][] = [];

  add(key: PageKey, item: T): void {
    let pages = this.byArticle.get(key[0]);
    if (!pages) this.byArticle.set(key[0], (pages = []));
    const entry = pages[key[1]];
    if (entry) entry[1].push(item);
    else this.order.push((pages[key[1]] = [key, [item]]));
  }

  get pages(): [PageKey, T[]][] {
    return this.order.slice();
  }
}

/** Items grouped by the page `place` puts each in, pages in first-seen order. */
export function groupByPage<T>(items: Iterable<T>, place: (item: T) => PageKey): [PageKey, T[]][] {
  const groups = new PageGroups<T>();
  for (const item of items) groups.add(place(item), item);
  return groups.pages;
}

/** Annotations grouped into the pages they are stored in (only non-empty pages). */
export function groupIntoPages(annotations: Iterable<Annotation>): AnnotationPage[] {
  return groupByPage(annotations, (a) => pageKey(a.articleId, a.id)).map(
    ([[articleId, page], list]) => ({ articleId, page, annotations: list }),
  );
}

/**
 * A page with some annotations put (by id) or deleted (null), or null when
 * nothing is left in it. The page passed in is not changed.
 */
export function updatePage(
  page: AnnotationPage,
  writes: Iterable<[id: string, value: Annotation | null]>,
): AnnotationPage | null {
  // Entries that are not annotations (written by another tool or version)
  // are set aside on reading, and kept as they are on writing.
  const unreadable: unknown[] = [];
  const byId = new Map<string, Annotation>();
  for (const a of page.annotations as unknown[]) {
    if (typeof a === 'object' && a !== null && typeof (a as Annotation).id === 'string')
      byId.set((a as Annotation).id, a as Annotation);
    else unreadable.push(a);
  }
  for (const [id, value] of writes) {
    if (value === null) byId.delete(id);
    else byId.set(id, value);
  }
  if (byId.size === 0 && unreadable.length === 0) return null;
  return { ...page, annotations: [...(unreadable as Annotation[]), ...byId.values()] };
}
