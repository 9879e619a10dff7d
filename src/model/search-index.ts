/**
 * The sidebar's search over every annotation of an article (issue 20: a
 * keystroke over 100,000 annotations within 50 ms).
 *
 * Each annotation's search text (annotation-search.ts `searchText`: every
 * field, accents and case folded) is computed once per annotation object and
 * kept while the object is unchanged, so a commit recomputes only what it
 * changed. The texts are joined into one string with a separator no query
 * holds, and a query is found with the engine's native `indexOf` over it,
 * jumping to the next annotation after each hit: one pass over a few
 * megabytes, rather than 100,000 calls. A query that extends the previous
 * one (typing on) looks only among the previous matches.
 *
 * Computing the texts (the costly part: Unicode normalisation) is meant to
 * run in idle time, in slices (`warm`), before anyone searches; a search
 * that comes first computes what is missing.
 *
 * A trigram index was the other candidate. It would answer long queries
 * with fewer comparisons, but 1- and 2-letter queries — the first
 * keystrokes, which match most annotations — get nothing from it, it takes
 * tens of megabytes at this size, and it must be maintained on every
 * commit; the native scan is already a few milliseconds at 100,000.
 */
import type { Annotation } from './annotation';
import { searchText } from './annotation-search';

/** Between two annotations' texts in the joined string; a query holding it scans per annotation. */
const SEPARATOR = '\u0000';

/** The last matches are narrowed when they are fewer than one annotation in this many. */
const NARROW_BELOW = 4;

export interface SearchIndex {
  /** The annotations searched, in the order results are given; texts of unchanged objects are kept. */
  setAnnotations(list: readonly Annotation[]): void;
  /**
   * Computes search texts while `hasTime()` says so (an idle deadline), at
   * least one slice. True once every text is known: nothing left to warm.
   */
  warm(hasTime: () => boolean): boolean;
  /**
   * The annotations whose search text holds `query` (already a `searchKey`,
   * not empty), in list order.
   */
  search(query: string): Annotation[];
}

export function createSearchIndex(): SearchIndex {
  /** Search texts by annotation object: a changed annotation is a new object. */
  const cache = new WeakMap<Annotation, string>();
  let list: readonly Annotation[] = [];
  /** Search texts by position in `list`; filled up to `known`. */
  let texts: string[] = [];
  let known = 0;
  /**
   * The texts of positions before `known`, each followed by SEPARATOR, and
   * where each begins; grown slice by slice as the texts are computed, so
   * that no one task joins them all.
   */
  let joined = '';
  let starts = new Int32Array(1);
  /** The last query and its matches (positions), for a query that extends it. */
  let last: { query: string; hits: number[] } | null = null;

  function textAt(i: number): string {
    const a = list[i]!;
    let text = cache.get(a);
    if (text === undefined) {
      text = searchText(a);
      cache.set(a, text);
    }
    return text;
  }

  function computeUntil(hasTime: () => boolean): void {
    // Checking the clock every 256 texts: a slice overruns its deadline by well under 1 ms.
    while (known < list.length) {
      const end = Math.min(list.length, known + 256);
      const parts: string[] = [];
      let at = joined.length;
      for (let i = known; i < end; i++) {
        const text = textAt(i);
        texts[i] = text;
        starts[i] = at;
        at += text.length + SEPARATOR.length;
        parts.push(text);
      }
      parts.push('');
      joined += parts.join(SEPARATOR);
      known = end;
      starts[known] = joined.length;
      if (!hasTime()) return;
    }
  }

  function join(): string {
    computeUntil(() => true);
    return joined;
  }

  function scan(query: string): number[] {
    const hits: number[] = [];
    if (query.includes(SEPARATOR)) {
      computeUntil(() => true);
      for (let i = 0; i < list.length; i++) if (texts[i]!.includes(query)) hits.push(i);
      return hits;
    }
    const all = join();
    let i = 0;
    let at = all.indexOf(query);
    while (at >= 0) {
      // The annotation holding the hit: hits come in order, so walk forward.
      while (starts[i + 1]! <= at) i++;
      hits.push(i);
      at = all.indexOf(query, starts[i + 1]!);
    }
    return hits;
  }

  return {
    setAnnotations(next) {
      if (next === list) return;
      list = next;
      texts = new Array<string>(next.length);
      known = 0;
      joined = '';
      starts = new Int32Array(next.length + 1);
      last = null;
    },
    warm(hasTime) {
      computeUntil(hasTime);
      return known === list.length;
    },
    search(query) {
      // Typing on narrows the last matches; when they are most annotations
      // (a first letter), one scan of the joined texts is cheaper.
      const hits =
        last && query.includes(last.query) && last.hits.length * NARROW_BELOW < list.length
          ? last.hits.filter((i) => textAt(i).includes(query))
          : scan(query);
      last = { query, hits };
      return hits.map((i) => list[i]!);
    },
  };
}
