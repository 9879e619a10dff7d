/**
 * Annotations kept in document order, updated in place: a change costs a
 * binary search and a splice, not a sort of everything.
 */
import { compareAnnotations, type Annotation } from './annotation';

export class SortedAnnotations {
  private items: Annotation[];
  /** The value each id is filed under, to find it again after the caller's copy changed. */
  private readonly byId = new Map<string, Annotation>();

  constructor(annotations: Iterable<Annotation>) {
    this.items = [...annotations].sort(compareAnnotations);
    for (const a of this.items) this.byId.set(a.id, a);
  }

  get list(): readonly Annotation[] {
    return this.items;
  }

  /** Replaces, adds or removes (value null) the annotations of a change. */
  update(changes: Iterable<[string, Annotation | null]>): void {
    // Copy on write: the list handed out before stays as it was.
    const items = this.items.slice();
    for (const [id, value] of changes) {
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

  private indexOf(items: Annotation[], a: Annotation): number {
    // Order is total (ties broken by id), so the filed value is exactly at its lower bound.
    return lowerBound(items, a);
  }
}

function lowerBound(items: Annotation[], a: Annotation): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareAnnotations(items[mid]!, a) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
