/**
 * The first index in [lo, hi) for which `before` is false, `before` being
 * true for a prefix of the range and false after it (hi if it is true
 * throughout): a binary search, as C++'s `partition_point`. The article's
 * sections and groups are stacked in document order, so "is this box above
 * the band" is such a predicate (the colour layer, the first frame).
 */
export function partitionPoint(lo: number, hi: number, before: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
