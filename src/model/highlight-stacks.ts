/**
 * How many highlights can be drawn on the same words, and what is drawn when
 * more are there (issue 15, item 4). Pure: no DOM, no ProseMirror.
 *
 * Every highlight is its own `<mark>`, so spans over the same words nest one
 * element per span: 10,000 annotations on one span made an element 10,000
 * deep, and Chromium's renderer crashed laying it out — on every opening of
 * the article. The rule:
 *
 * - Annotations on exactly the same range are one **stack**: one element,
 *   carrying the `data-annotation-id` and `data-kind` of the top one (the last
 *   added) and, when there are more than one, `data-stack-count`.
 * - Stacks nest as before, at most `MAX_DRAWN_DEPTH` elements over any word.
 *   A stack that would go deeper (thousands of distinct nested ranges over
 *   the same words) is **folded**: not drawn as an element of its own; it is
 *   still in the list, in search, and under the cursor (Enter, click).
 *
 * So no input can make an article unopenable: the number of elements over
 * any word is bounded whatever is stored. `exceedsDrawable` tells an import
 * before it writes whether some of what it brings would be folded.
 */

/** Nested highlight elements over any one word, at most. The article reads fine to 3; 12 leaves room. */
export const MAX_DRAWN_DEPTH = 12;

export interface RangeLike {
  readonly from: number;
  readonly to: number;
}

export interface Stack<T extends RangeLike> {
  readonly from: number;
  readonly to: number;
  /** Every annotation on exactly this range, in the order given; the last is the top one. */
  readonly members: readonly T[];
}

export interface StackLayout<T extends RangeLike> {
  /** The stacks drawn as elements, by start (outer first where they start together). */
  readonly drawn: Stack<T>[];
  /** The stacks too deep to draw, by start. */
  readonly folded: Stack<T>[];
  /** The most elements over any word once drawn (≤ maxDepth). */
  readonly depth: number;
}

/** The key of a range: annotations with the same key are one stack. */
export function rangeKey(r: RangeLike): string {
  return `${r.from}:${r.to}`;
}

/** Groups `spans` into stacks by range and decides which are drawn, at most `maxDepth` deep. */
export function layoutStacks<T extends RangeLike>(
  spans: readonly T[],
  maxDepth = MAX_DRAWN_DEPTH,
): StackLayout<T> {
  // Sorted by start, outer first where two start together (so the inner one is the one
  // folded); the sort is stable, so a stack's members keep the order given. Equal ranges are
  // then neighbours: no string keys, no map (this runs on every opening, before the first frame).
  const sorted = [...spans].sort((a, b) => a.from - b.from || b.to - a.to);
  const stacks: Stack<T>[] = [];
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i]!;
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.from === first.from && sorted[j]!.to === first.to) j++;
    stacks.push({ from: first.from, to: first.to, members: sorted.slice(i, j) });
    i = j;
  }
  const drawn: Stack<T>[] = [];
  const folded: Stack<T>[] = [];
  // Ends of the drawn stacks still open at the sweep position: a min-heap.
  const open = new MinHeap();
  let depth = 0;
  for (const st of stacks) {
    while (open.size > 0 && open.peek() <= st.from) open.pop();
    if (open.size < maxDepth) {
      drawn.push(st);
      open.push(st.to);
      depth = Math.max(depth, open.size);
    } else folded.push(st);
  }
  return { drawn, folded, depth };
}

/** The most of `ranges` over any one position of [from, to): how deep their elements nest there. */
export function depthOver(ranges: readonly RangeLike[], from: number, to: number): number {
  const events: [number, number][] = [];
  for (const r of ranges) {
    const a = Math.max(r.from, from);
    const b = Math.min(r.to, to);
    if (a < b) events.push([a, 1], [b, -1]);
  }
  // Ends before starts at the same position: [1, 3) and [3, 5) do not nest.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let n = 0;
  let max = 0;
  for (const [, d] of events) {
    n += d;
    max = Math.max(max, n);
  }
  return max;
}

export interface DrawableReport {
  /** Annotations in all. */
  annotations: number;
  /** Stacks of more than one annotation on the same range. */
  stacks: number;
  /** The largest stack. */
  largestStack: number;
  /** Annotations that would not get an element of their own (in folded stacks). */
  folded: number;
  /** Whether some would be folded: an import should say so before writing. */
  exceeds: boolean;
}

/**
 * What drawing `spans` (an article's annotations after an import, in code
 * points) would do. For the import dialog: when `exceeds`, say before writing
 * that `folded` annotations will only be reachable from the list.
 */
export function exceedsDrawable(
  spans: readonly RangeLike[],
  maxDepth = MAX_DRAWN_DEPTH,
): DrawableReport {
  const layout = layoutStacks(spans, maxDepth);
  let stacks = 0;
  let largestStack = 0;
  for (const st of [...layout.drawn, ...layout.folded]) {
    if (st.members.length > 1) stacks++;
    largestStack = Math.max(largestStack, st.members.length);
  }
  const folded = layout.folded.reduce((n, st) => n + st.members.length, 0);
  return { annotations: spans.length, stacks, largestStack, folded, exceeds: folded > 0 };
}

/** The limit itself, for a message: elements over one word. */
export function drawableLimit(): number {
  return MAX_DRAWN_DEPTH;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): number {
    return this.a[0]!;
  }
  push(x: number): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1]! < a[l]! ? l + 1 : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
