/**
 * Annotations kept in document order, updated in place: a change costs a
 * binary search and a splice, not a sort of everything. A big change (an
 * import of 100,000) is merged instead: one splice each would move the
 * whole list once per annotation.
 */
import { compareAnnotations, type Annotation } from './annotation';

/** Changes larger than this are merged rather than spliced in one by one. */
const MERGE_FROM = 64;

/** Lists shorter than this are sorted with the comparator alone. */
const KEYED_FROM = 64;
/** Indices fit below it in a sort key (start × INDEX + index, exact below 2^53 for starts below 2^32). */
const INDEX = 2 ** 21;

/**
 * `list` sorted by compareAnnotations, in place. An opening sorts all of an
 * article's annotations (read in the pages' hash order) before the first
 * frame: sorted by start as numbers in a Float64Array (no comparator call
 * per comparison), then only the runs that share a start by the comparator.
 * Starts that are not whole numbers below 2^32 fall back to the comparator.
 */
export function documentOrder(list: Annotation[]): Annotation[] {
  const n = list.length;
  if (n < KEYED_FROM || n >= INDEX) return list.sort(compareAnnotations);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = list[i]!.start;
    if (!Number.isInteger(start) || start < 0 || start >= 2 ** 32)
      return list.sort(compareAnnotations);
    keys[i] = start * INDEX + i;
  }
  keys.sort();
  const byStart = Array.from(keys, (k) => list[k % INDEX]!);
  for (let i = 0; i < n;) {
    const start = byStart[i]!.start;
    let j = i + 1;
    while (j < n && byStart[j]!.start === start) j++;
    if (j - i > 1) {
      const run = byStart.slice(i, j).sort(compareAnnotations);
      for (let k = 0; k < run.length; k++) byStart[i + k] = run[k]!;
    }
    i = j;
  }
  for (let i = 0; i < n; i++) list[i] = byStart[i]!;
  return list;
}

export class SortedAnnotations {
  private items: Annotation[];
  /**
   * The value each id is filed under, to find it again after the caller's
   * copy changed. Built from the list on first use (or by `prepare`), not in
   * the constructor, which an opening runs before the first frame: every
   * change reads it before it changes the list, so the list it is built
   * from is still the constructor's.
   */
  private filed: Map<string, Annotation> | null = null;

  constructor(annotations: Iterable<Annotation>) {
    this.items = documentOrder([...annotations]);
  }

  private get byId(): Map<string, Annotation> {
    if (this.filed) return this.filed;
    const byId = new Map<string, Annotation>();
    for (const a of this.items) byId.set(a.id, a);
    this.filed = byId;
    return byId;
  }

  /** Builds the id map now (idle time after the first frame), rather than on the first change. */
  prepare(): void {
    void this.byId;
  }

  get list(): readonly Annotation[] {
    return this.items;
  }

  /** Replaces, adds or removes (value null) the annotations of a change. */
  update(changes: Iterable<[string, Annotation | null]>): void {
    const list = [...changes];
    if (list.length > MERGE_FROM) {
      this.merge(list);
      return;
    }
    // Copy on write: the list handed out before stays as it was.
    const items = this.items.slice();
    for (const [id, value] of list) {
      const old = this.byId.get(id);
      if (old) items.splice(this.indexOf(items, old), 1);
      this.byId.delete(id);
      if (value) {
        items.splice(lowerBound(items, value), 0, value);
        this.byId.set(id, value);
      }
    }
    this.items = items;
  }

  /**
   * The change's annotations sorted, and merged with the others: O(m log n)
   * comparisons and one copy of the list. The kept annotations are copied in
   * runs between the insertion points, found by binary search, with no
   * comparison or lookup per kept annotation: an import's slices of 1,000 into
   * 100,000 compared and looked up every annotation once per slice (1.9 s of
   * its profile, issue 20).
   */
  private merge(changes: [string, Annotation | null][]): void {
    const added = new Map<string, Annotation>();
    /** The filed values the change replaces or removes: left out of the copy. */
    const dropped = new Set<Annotation>();
    for (const [id, value] of changes) {
      const old = this.byId.get(id);
      if (old) {
        dropped.add(old);
        this.byId.delete(id);
      }
      if (value) added.set(id, value);
      else added.delete(id);
    }
    const incoming = [...added.values()].sort(compareAnnotations);
    for (const a of incoming) this.byId.set(a.id, a);
    const kept = dropped.size ? this.items.filter((a) => !dropped.has(a)) : this.items;
    const items = new Array<Annotation>(kept.length + incoming.length);
    let at = 0;
    let from = 0;
    for (const a of incoming) {
      // Equal values cannot be both kept and incoming (ties are broken by id).
      const to = lowerBound(kept, a, from);
      for (let i = from; i < to; i++) items[at++] = kept[i]!;
      items[at++] = a;
      from = to;
    }
    for (let i = from; i < kept.length; i++) items[at++] = kept[i]!;
    this.items = items;
  }

  private indexOf(items: Annotation[], a: Annotation): number {
    // Order is total (ties broken by id), so the filed value is exactly at its lower bound.
    return lowerBound(items, a);
  }
}

function lowerBound(items: readonly Annotation[], a: Annotation, lo = 0): number {
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareAnnotations(items[mid]!, a) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
