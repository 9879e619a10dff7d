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

type Buckets<T> = readonly (ReadonlyMap<string, T> | undefined)[];

export class SpanTable<T> {
  /** Null until first used, for a table made by `lazy` (built from `source` then). */
  private built: Buckets<T> | null;
  private source: { values: readonly T[]; idOf: (value: T) => string } | null;
  private entryCount: number;

  private constructor(
    buckets: Buckets<T> | null,
    size: number,
    source: { values: readonly T[]; idOf: (value: T) => string } | null = null,
  ) {
    this.built = buckets;
    this.entryCount = size;
    this.source = source;
  }

  static of<T>(entries: Iterable<[string, T]>): SpanTable<T> {
    const list = Array.isArray(entries) ? (entries as [string, T][]) : [...entries];
    const [buckets, size] = SpanTable.build(
      list,
      (e) => e[0],
      (e) => e[1],
    );
    return new SpanTable(buckets, size);
  }

  /**
   * A table of `values` by `idOf`, whose buckets are filled on first use,
   * not now: the opening of an article makes the highlight plugin's table
   * before the first frame, and hashing 10,000 ids there, cold, took
   * 10-17 ms of that task (bench/README.md); the first use comes after the
   * frame. The list is copied (a pointer each), so the caller may change it.
   */
  static lazy<T>(values: readonly T[], idOf: (value: T) => string): SpanTable<T> {
    return new SpanTable<T>(null, 0, { values: values.slice(), idOf });
  }

  private static build<E, T>(
    list: readonly E[],
    idOf: (entry: E) => string,
    valueOf: (entry: E) => T,
  ): [Buckets<T>, number] {
    let count = MIN_BUCKETS;
    while (list.length > count * LOAD) count *= 4;
    const buckets: (Map<string, T> | undefined)[] = new Array<undefined>(count).fill(undefined);
    let size = 0;
    for (const entry of list) {
      const id = idOf(entry);
      const b = (buckets[fnv1a(id) % count] ??= new Map<string, T>());
      if (!b.has(id)) size++;
      b.set(id, valueOf(entry));
    }
    return [buckets, size];
  }

  private get buckets(): Buckets<T> {
    return this.built ?? this.fill();
  }

  /** Builds a lazy table's buckets from its values. */
  private fill(): Buckets<T> {
    const { values, idOf } = this.source!;
    const [buckets, size] = SpanTable.build(values, idOf, (v) => v);
    this.built = buckets;
    this.entryCount = size;
    this.source = null;
    return buckets;
  }

  get size(): number {
    if (!this.built) this.fill();
    return this.entryCount;
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
