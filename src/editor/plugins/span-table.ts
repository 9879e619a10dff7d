/**
 * An id → value table that is persistent (a change returns a new table and
 * leaves the old one as it was, as ProseMirror's plugin states must be)
 * without copying everything: the entries are spread over buckets by a hash
 * of the id, and a change copies only the buckets it touches. Copying a
 * 10,000-entry Map took about 2 ms per tag, and its garbage showed in p95.
 * The buckets are 64, and four times as many each time the table grows past
 * LOAD entries a bucket on average (the whole table rebuilt then, which
 * amortises): with 64 buckets at 100,000 entries, an import slice of 1,000
 * ids touched every bucket and so copied the whole table, slice after slice
 * (2.6 s of the 100,000-annotation import's profile, issue 20); with 4,096 it
 * copies about a fifth of it, and a tag copies a bucket of about 25 entries.
 */
import { fnv1a } from '../../model/hash';

const MIN_BUCKETS = 64;
/** Entries a bucket on average past which the table gets four times as many buckets. */
const LOAD = 32;

export class SpanTable<T> {
  private constructor(
    /** Undefined: no entry in that bucket yet. */
    private readonly buckets: readonly (ReadonlyMap<string, T> | undefined)[],
    readonly size: number,
  ) {}

  static of<T>(entries: Iterable<[string, T]>): SpanTable<T> {
    const list = Array.isArray(entries) ? (entries as [string, T][]) : [...entries];
    let count = MIN_BUCKETS;
    while (list.length > count * LOAD) count *= 4;
    const buckets: (Map<string, T> | undefined)[] = new Array<undefined>(count).fill(undefined);
    let size = 0;
    for (const [id, value] of list) {
      const b = (buckets[fnv1a(id) % count] ??= new Map<string, T>());
      if (!b.has(id)) size++;
      b.set(id, value);
    }
    return new SpanTable(buckets, size);
  }

  private bucketOf(id: string): number {
    return fnv1a(id) % this.buckets.length;
  }

  get(id: string): T | undefined {
    return this.buckets[this.bucketOf(id)]?.get(id);
  }

  has(id: string): boolean {
    return this.buckets[this.bucketOf(id)]?.has(id) ?? false;
  }

  /** A new table with `remove` gone, then `set` added or replaced. */
  with(remove: Iterable<string>, set: Iterable<[string, T]>): SpanTable<T> {
    const buckets = this.buckets.slice();
    const copied = new Set<number>();
    const bucket = (id: string): Map<string, T> => {
      const b = this.bucketOf(id);
      if (!copied.has(b)) {
        buckets[b] = new Map(buckets[b] ?? []);
        copied.add(b);
      }
      return buckets[b] as Map<string, T>;
    };
    let size = this.size;
    for (const id of remove) if (bucket(id).delete(id)) size--;
    for (const [id, value] of set) {
      const b = bucket(id);
      if (!b.has(id)) size++;
      b.set(id, value);
    }
    const table = new SpanTable(buckets, size);
    return size > buckets.length * LOAD ? SpanTable.of(table.entries()) : table;
  }

  *entries(): IterableIterator<[string, T]> {
    for (const b of this.buckets) if (b) yield* b.entries();
  }

  *values(): IterableIterator<T> {
    for (const b of this.buckets) if (b) yield* b.values();
  }

  *keys(): IterableIterator<string> {
    for (const b of this.buckets) if (b) yield* b.keys();
  }
}
