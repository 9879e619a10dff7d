/**
 * Lays out, in idle time, the article's sections around where the person is
 * likely to jump next: the annotations the list shows (issue 20, sidebar
 * selection at 100,000 annotations).
 *
 * Why: a jump to a part of the article never shown before cost its frame the
 * style and layout of about 1,650 elements (bench/trace-samples.mjs, 1,000,000
 * characters): Chromium renders every `content-visibility: auto` section within
 * 150 % of the viewport's height of the view, 8 sections where 2 are on screen,
 * and none of them had been laid out. A section laid out once keeps its
 * layout while skipped, so the jump's frame then styles only what the
 * selection changes and paints. Reading the box of a block inside a skipped
 * section lays that section out (a forced update of its `content-visibility`
 * lock), without painting it; the sections are read one at a time, in idle
 * callbacks, each callback stopping after TASK_BUDGET_MS.
 */
import type { EditorView } from 'prosemirror-view';
import { TASK_BUDGET_MS } from '../dom/next-task';
import { whenIdle } from '../dom/idle';
import { partitionPoint } from '../model/partition-point';

/**
 * Sections laid out on either side of the ones a span is in: the jump centres the span, and the
 * browser renders 150 % of the view's height either side (1,200 px at 800), about 4 sections of
 * the benchmark's 475 px at 1280×800.
 */
export const WARM_RADIUS = 4;
/** At most this many sections per request (a filtered list's rows can be far apart). */
export const WARM_MAX = 2 * WARM_RADIUS + 8;

/**
 * The sections [first, end) to lay out for the span [from, to): the sections it touches and
 * `radius` either side, at most `max` (those nearest the span's start first). `starts` holds
 * each section's start position, ascending.
 */
export function sectionsAround(
  starts: readonly number[],
  from: number,
  to: number,
  radius = WARM_RADIUS,
  max = WARM_MAX,
): [number, number] {
  if (starts.length === 0) return [0, 0];
  const lo = Math.max(0, partitionPoint(0, starts.length, (i) => starts[i]! <= from) - 1);
  const hi = Math.max(
    lo + 1,
    partitionPoint(lo, starts.length, (i) => starts[i]! < to),
  );
  const first = Math.max(0, lo - radius);
  const end = Math.min(starts.length, hi + radius, first + max);
  return [first, end];
}

export interface SectionWarmer {
  /** The person may jump into [from, to) (document positions): lay its sections out when idle. */
  near(from: number, to: number): void;
  destroy(): void;
}

/** The sections' start positions: the document's children are groups, their children sections. */
function sectionStarts(view: EditorView): number[] {
  const starts: number[] = [];
  view.state.doc.forEach((group, offset) => {
    group.forEach((_section, inGroup) => starts.push(offset + 1 + inGroup));
  });
  return starts;
}

export function createSectionWarmer(view: EditorView): SectionWarmer {
  // The article never changes, so neither do these.
  let starts: number[] | null = null;
  /** The section elements laid out already (a redrawn section is a new element). */
  const done = new WeakSet<Element>();
  let queue: number[] = [];
  let cancel: (() => void) | null = null;

  const step = () => {
    cancel = null;
    const dom = view.dom;
    // Not shown (another screen): nothing would be laid out.
    if (!dom.isConnected || dom.getClientRects().length === 0) {
      queue = [];
      return;
    }
    const end = performance.now() + TASK_BUDGET_MS;
    while (queue.length > 0 && performance.now() < end) {
      const section = view.nodeDOM(queue.shift()!);
      if (!(section instanceof Element) || done.has(section)) continue;
      done.add(section);
      section.firstElementChild?.getBoundingClientRect();
    }
    if (queue.length > 0) cancel = whenIdle(step, { timeout: 2000 });
  };

  return {
    near(from, to) {
      starts ??= sectionStarts(view);
      const [first, last] = sectionsAround(starts, from, to);
      queue = starts.slice(first, last);
      if (!cancel && queue.length > 0) cancel = whenIdle(step, { timeout: 2000 });
    },
    destroy() {
      cancel?.();
      cancel = null;
      queue = [];
    },
  };
}
