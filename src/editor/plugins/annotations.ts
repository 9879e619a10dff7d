/**
 * Highlights: one inline decoration per annotation, kept in plugin state.
 *
 * The set is updated incrementally — the decorations of the annotations that
 * changed are removed and re-added; the rest of the set is untouched — so
 * tagging stays cheap with thousands of annotations. The article never
 * changes, so there is no mapping through document changes to do.
 *
 * Each decoration is its own `<mark>` (nodeName), so overlapping spans nest
 * as separate elements and each carries its own `data-annotation-id` and
 * `data-kind`; without nodeName ProseMirror would merge their attributes.
 * Annotations on exactly the same range are one decoration (a stack, with
 * `data-stack-count`), and no word gets more than MAX_DRAWN_DEPTH nested
 * elements: see model/highlight-stacks.ts (10,000 on one span crashed the
 * renderer).
 *
 * On a long article the view starts by drawing only the highlights of its
 * first screens (`drawFirst` positions), and draws the rest in idle chunks
 * after the first frame: building the decorations and `<mark>`s of 10,000
 * annotations took about 150 ms of the start-up (bench/). Every highlight is
 * in `spans` from the start — queries see them all — and any highlight a
 * change touches (a new tag, the selected one) is drawn at once, with the
 * other highlights of its block only (`early`), so that a change costs the
 * blocks it touches, not everything before them (issue 20).
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { SpanTable } from './span-table';
import { afterPaint } from '../../dom/after-paint';
import { whenIdle } from '../../dom/idle';
import { HIGHLIGHT_NAMES } from '../../dom/article-blocks';
import { partitionPoint } from '../../model/partition-point';
import type { AnnotationKind } from '../../model/annotation';
import {
  depthOver,
  layoutStacks,
  MAX_DRAWN_DEPTH,
  rangeKey,
  type RangeLike,
  type Stack,
} from '../../model/highlight-stacks';

export interface HighlightSpan {
  id: string;
  kind: AnnotationKind;
  from: number;
  to: number;
}

/** The spec of a drawn highlight: one stack of annotations on the same range. */
interface StackSpec {
  /** `rangeKey` of the range. */
  key: string;
  /** Every annotation on the range, the top one (drawn) last. */
  members: readonly HighlightSpan[];
}

/** The spec of a folded annotation: in the `folded` set, which is never drawn. */
interface FoldedSpec {
  key: string;
  id: string;
}

interface HighlightState {
  /** What the view draws: every stack that starts before `drawnTo`, and the emphasis. */
  drawn: DecorationSet;
  /** Annotations too deep to draw (highlight-stacks.ts), one each: found by position, never drawn. */
  folded: DecorationSet;
  /** The document's size once every highlight is drawn. */
  drawnTo: number;
  /** Stacks of the initial ones not drawn yet, by start (members changed since are skipped). */
  pending: readonly Stack<HighlightSpan>[];
  /**
   * Blocks past `drawnTo` drawn early, because a change touched them (their
   * positions): a change draws only its own blocks, not every one before it
   * (with one frontier, tagging near the end of a 100,000-annotation article
   * drew tens of thousands of highlights first; issue 20).
   */
  early: ReadonlySet<number>;
  /** Every highlight, where its decoration is: to remove it without a scan. */
  spans: SpanTable<HighlightSpan>;
  /** The selected annotation, drawn with an extra outline. */
  selected: string | null;
  /** A short-lived emphasis after jumping to an annotation. */
  flash: string | null;
  /**
   * Blocks whose pending stacks the last action laid out (`later`): the colour
   * layer paints them, idle time draws their elements.
   */
  laidOut: readonly number[];
}

interface HighlightAction {
  upsert?: HighlightSpan[];
  remove?: string[];
  /** undefined: leave as is. */
  selected?: string | null;
  flash?: string | null;
  /** Draw the highlights that start before this position. */
  drawTo?: number;
  /**
   * New highlights in blocks that have none drawn go to the colour layer, their
   * elements to idle time, as on opening (an import's slice; see layLater).
   */
  later?: boolean;
}

const NONE: readonly number[] = [];

const key = new PluginKey<HighlightState>('glossa-highlights');

/**
 * The element of a stack: the top (last) member's id and kind, and the count
 * when there are more (highlight-stacks.ts). One annotation: as before.
 */
function decorationFor(members: readonly HighlightSpan[]): Decoration {
  const top = members[members.length - 1]!;
  const attrs: Record<string, string> = {
    nodeName: 'mark',
    class: `hl hl-${top.kind}`,
    'data-annotation-id': top.id,
    'data-kind': top.kind,
  };
  if (members.length > 1) attrs['data-stack-count'] = String(members.length);
  return Decoration.inline(top.from, top.to, attrs, {
    key: rangeKey(top),
    members,
  } satisfies StackSpec);
}

function foldedFor(span: HighlightSpan): Decoration {
  return Decoration.inline(span.from, span.to, {}, {
    key: rangeKey(span),
    id: span.id,
  } satisfies FoldedSpec);
}

const isStack = (spec: Partial<StackSpec>) => spec.members !== undefined;

/** The decorations drawn for the selected and the flashed annotation. */
function emphasis(state: HighlightState): Decoration[] {
  // One decoration per emphasised span (both classes when the selected one is
  // also flashed): each extra decoration splits the highlight's DOM further.
  const classes = new Map<string, string[]>();
  if (state.selected) classes.set(state.selected, ['hl-selected']);
  if (state.flash) classes.set(state.flash, [...(classes.get(state.flash) ?? []), 'hl-flash']);
  const out: Decoration[] = [];
  for (const [id, cls] of classes) {
    const span = state.spans.get(id);
    if (span)
      out.push(Decoration.inline(span.from, span.to, { class: cls.join(' ') }, { emphasis: true }));
  }
  return out;
}

/** What an action does to the annotations of one range. */
interface RangeChange {
  from: number;
  to: number;
  removed: Set<HighlightSpan>;
  added: HighlightSpan[];
}

function apply(tr: Transaction, before: HighlightState): HighlightState {
  const action = tr.getMeta(key) as HighlightAction | undefined;
  if (!action) return before;
  const all = action.upsert ?? [];
  // What `later` lays out for the colour layer is left out of the drawing below.
  const { state: prev, rest: upsert } =
    action.later && all.length > 0
      ? layLater(tr.doc, before, all, [action.selected, action.flash])
      : { state: before, rest: all };
  const removedIds = [...(action.remove ?? []), ...upsert.map((s) => s.id)];
  // A new table only when spans change (selecting, flashing, drawing leave it).
  const spans =
    removedIds.length > 0 || all.length > 0
      ? prev.spans.with(
          removedIds,
          all.map((s) => [s.id, s]),
        )
      : prev.spans;
  const next: HighlightState = {
    ...prev,
    laidOut: prev === before ? NONE : prev.laidOut,
    spans,
    selected: action.selected === undefined ? prev.selected : action.selected,
    flash: action.flash === undefined ? prev.flash : action.flash,
  };
  const doc = tr.doc;
  // Emphasis decorations are redrawn on every action; look for them only where they are.
  const staleEmphasis: Decoration[] = [];
  for (const id of [prev.selected, prev.flash]) {
    const span = id ? prev.spans.get(id) : undefined;
    if (span)
      staleEmphasis.push(
        ...prev.drawn.find(
          span.from,
          span.to,
          (spec: { emphasis?: boolean }) => spec.emphasis === true,
        ),
      );
  }
  let drawn = staleEmphasis.length ? prev.drawn.remove(staleEmphasis) : prev.drawn;
  const fresh = emphasis(next);

  // The frontier moves only when asked (idle drawing, scrolling); what the change touches is
  // drawn now, block by block. A removed highlight's block is drawn too: its colour-layer
  // range (ColourLayer) goes with it.
  const size = doc.content.size;
  const touched: { from: number; to: number }[] = [...upsert, ...fresh];
  for (const id of removedIds) {
    const old = prev.spans.get(id);
    if (old) touched.push(old);
  }
  let frontier = action.drawTo ?? 0;
  if (prev.drawnTo < size) {
    const pending = prev.pending;
    /** The [lo, hi) index ranges of `pending` drawn now: removed in one copy, not one per block. */
    const taken: [number, number][] = [];
    let early: Set<number> | null = null;
    const now: Decoration[] = [];
    for (const r of touched) {
      if (r.to < prev.drawnTo) continue;
      const from = Math.max(prev.drawnTo, Math.min(r.from, size));
      let inBlock = false;
      doc.nodesBetween(from, Math.min(Math.max(r.to, from), size), (node, pos) => {
        if (!node.isTextblock) return true;
        if (pos <= from) inBlock = true;
        if (pos < prev.drawnTo || prev.early.has(pos) || early?.has(pos)) return false;
        (early ??= new Set(prev.early)).add(pos);
        const lo = countBefore(pending, pos);
        const hi = countBefore(pending, pos + node.nodeSize);
        if (hi > lo) {
          for (const st of pending.slice(lo, hi)) {
            const members = st.members.filter((m) => spans.get(m.id) === m);
            if (members.length) now.push(decorationFor(members));
          }
          taken.push([lo, hi]);
        }
        return false;
      });
      // A range that starts in no block (between blocks): the frontier is moved past it, as before.
      if (!inBlock) frontier = Math.max(frontier, r.to);
    }
    if (now.length) drawn = drawn.add(doc, now);
    if (early) {
      next.early = early;
      if (taken.length) {
        taken.sort((a, b) => a[0] - b[0]);
        const left: Stack<HighlightSpan>[] = [];
        let at = 0;
        for (const [lo, hi] of taken) {
          for (let j = at; j < lo; j++) left.push(pending[j]!);
          at = hi;
        }
        for (let j = at; j < pending.length; j++) left.push(pending[j]!);
        next.pending = left;
      }
    }
  }
  const drawTo = blockEnd(doc, frontier);
  if (drawTo > prev.drawnTo) {
    const count = countBefore(next.pending, drawTo);
    const now: Decoration[] = [];
    for (const st of next.pending.slice(0, count)) {
      const members = st.members.filter((m) => spans.get(m.id) === m);
      if (members.length) now.push(decorationFor(members));
    }
    if (now.length) drawn = drawn.add(doc, now);
    next.pending = drawTo >= size ? [] : next.pending.slice(count);
    next.drawnTo = drawTo;
    if (drawTo >= size) next.early = new Set();
  }

  // The ranges the change touches, each redrawn once however many of its annotations change.
  const changes = new Map<string, RangeChange>();
  const change = (s: HighlightSpan) => {
    const k = rangeKey(s);
    let c = changes.get(k);
    if (!c) changes.set(k, (c = { from: s.from, to: s.to, removed: new Set(), added: [] }));
    return c;
  };
  for (const id of removedIds) {
    const old = prev.spans.get(id);
    if (old) change(old).removed.add(old);
  }
  for (const s of upsert) change(s).added.push(s);

  const stale: Decoration[] = [];
  let folded = prev.folded;
  const staleFolded: Decoration[] = [];
  const freshFolded: Decoration[] = [];
  /** Ranges to draw that no stack holds yet: decided after the others, by start. */
  const newRanges: RangeChange[] = [];
  for (const [k, c] of changes) {
    const [stack] = drawn.find(
      c.from,
      c.to,
      (spec: Partial<StackSpec>) => spec.key === k && isStack(spec),
    );
    const foldedHere = folded.find(c.from, c.to, (spec: Partial<FoldedSpec>) => spec.key === k);
    let foldedLeft = foldedHere.length;
    for (const d of foldedHere)
      if (c.removed.has(prev.spans.get((d.spec as FoldedSpec).id)!)) {
        staleFolded.push(d);
        foldedLeft--;
      }
    if (stack) {
      stale.push(stack);
      const members = (stack.spec as StackSpec).members
        .filter((m) => !c.removed.has(m))
        .concat(c.added);
      if (members.length) fresh.push(decorationFor(members));
    } else if (c.added.length && foldedLeft > 0) {
      // Joins a folded stack: folded with it.
      for (const s of c.added) freshFolded.push(foldedFor(s));
    } else if (c.added.length) newRanges.push(c);
  }
  if (stale.length) drawn = drawn.remove(stale);
  // A new range is drawn unless it would nest deeper than MAX_DRAWN_DEPTH over some word,
  // counting what is drawn around it and the new ranges decided before it.
  newRanges.sort((a, b) => a.from - b.from || b.to - a.to);
  let open: RangeLike[] = [];
  for (const c of newRanges) {
    open = open.filter((r) => r.to > c.from);
    const around = drawn.find(c.from, c.to, isStack).map((d) => ({ from: d.from, to: d.to }));
    if (depthOver([...around, ...open], c.from, c.to) < MAX_DRAWN_DEPTH) {
      fresh.push(decorationFor(c.added));
      open.push(c);
    } else for (const s of c.added) freshFolded.push(foldedFor(s));
  }
  if (staleFolded.length) folded = folded.remove(staleFolded);
  if (freshFolded.length) folded = folded.add(doc, freshFolded);
  next.folded = folded;
  next.drawn = drawn.add(doc, fresh);
  return next;
}

/**
 * An import's slice (`later`): its new highlights in blocks with no highlight
 * drawn (or not drawn yet) become those blocks' pending stacks, laid out with
 * the stacks pending there, as on opening — painted by the colour layer in
 * this update, drawn as elements in idle time — instead of drawn as elements
 * in the slice's task (each slice of 1,000 then cost the redraw of its blocks,
 * 50-90 ms at 100,000; issue 20). A drawn block taking them is put back
 * behind the frontier, which moves back to it; the blocks drawn between go
 * to `early`. The rest (a highlight replaced, or in a block with highlights
 * drawn or folded, or crossing its block, or about to be selected) is
 * returned, to be drawn as usual.
 */
function layLater(
  doc: ProseMirrorNode,
  prev: HighlightState,
  upsert: readonly HighlightSpan[],
  emphasised: readonly (string | null | undefined)[],
): { state: HighlightState; rest: HighlightSpan[] } {
  const size = doc.content.size;
  /** Per block (position before it): its end, and its new highlights; null: drawn as usual. */
  const blocks = new Map<number, { end: number; spans: HighlightSpan[] } | null>();
  const rest: HighlightSpan[] = [];
  for (const s of upsert) {
    const $from = s.from < size ? doc.resolve(s.from) : null;
    if (!$from?.parent.isTextblock) {
      rest.push(s);
      continue;
    }
    const pos = $from.before();
    const block = blocks.get(pos);
    const fits =
      block !== null && s.to <= $from.end() && !prev.spans.has(s.id) && !emphasised.includes(s.id);
    if (!fits) {
      if (block) rest.push(...block.spans);
      rest.push(s);
      blocks.set(pos, null);
    } else if (block) block.spans.push(s);
    else blocks.set(pos, { end: $from.after(), spans: [s] });
  }
  const pending = prev.pending;
  /** The blocks laid out, by position, with the index range of their old pending stacks. */
  const laid: { pos: number; lo: number; hi: number; stacks: Stack<HighlightSpan>[] }[] = [];
  const folded: Decoration[] = [];
  let lowest = prev.drawnTo;
  for (const [pos, block] of blocks) {
    if (block === null) continue;
    const { end, spans } = block;
    const isPending = pos >= prev.drawnTo && !prev.early.has(pos);
    const taken =
      prev.folded.find(pos + 1, end - 1).length > 0 ||
      (!isPending && prev.drawn.find(pos + 1, end - 1, isStack).length > 0);
    if (taken) {
      rest.push(...spans);
      continue;
    }
    const lo = countBefore(pending, pos);
    const hi = isPending ? countBefore(pending, end) : lo;
    const members = [...spans];
    for (let j = lo; j < hi; j++)
      for (const m of pending[j]!.members) if (prev.spans.get(m.id) === m) members.push(m);
    const layout = layoutStacks(members);
    for (const st of layout.folded) for (const m of st.members) folded.push(foldedFor(m));
    laid.push({ pos, lo, hi, stacks: layout.drawn });
    if (!isPending && pos < lowest) lowest = pos;
  }
  laid.sort((a, b) => a.pos - b.pos);
  // The blocks drawn between the frontier's new place and its old one stay drawn: early. A
  // highlight drawn from between two blocks there (no block to be early) keeps the frontier.
  const early = new Set(prev.early);
  if (lowest < prev.drawnTo) {
    let gap = lowest;
    let kept = false;
    const startsIn = (from: number, to: number) =>
      prev.drawn.find(from, to, isStack).some((d) => d.from >= from && d.from <= to);
    doc.nodesBetween(lowest, prev.drawnTo, (node, pos) => {
      if (kept || !node.isTextblock) return !kept;
      if (pos >= gap && startsIn(gap, pos)) kept = true;
      gap = pos + node.nodeSize;
      early.add(pos);
      return false;
    });
    if (kept || (gap < prev.drawnTo && startsIn(gap, prev.drawnTo))) {
      // Drawn as usual, the ones that would have moved the frontier back.
      for (let i = laid.length - 1; i >= 0; i--) {
        const b = laid[i]!;
        if (b.pos < prev.drawnTo) {
          rest.push(...(blocks.get(b.pos)?.spans ?? []));
          laid.splice(i, 1);
        }
      }
      early.clear();
      for (const pos of prev.early) early.add(pos);
      lowest = prev.drawnTo;
    }
  }
  if (laid.length === 0) return { state: prev, rest };
  const nextPending: Stack<HighlightSpan>[] = [];
  let at = 0;
  for (const { lo, hi, stacks } of laid) {
    for (let j = at; j < lo; j++) nextPending.push(pending[j]!);
    for (const st of stacks) nextPending.push(st);
    at = Math.max(at, hi);
  }
  for (let j = at; j < pending.length; j++) nextPending.push(pending[j]!);
  const isLaid = new Set(laid.map((b) => b.pos));
  for (const pos of isLaid) early.delete(pos);
  return {
    state: {
      ...prev,
      pending: nextPending,
      drawnTo: lowest,
      early,
      folded: folded.length ? prev.folded.add(doc, folded) : prev.folded,
      laidOut: [...isLaid],
    },
    rest,
  };
}

/**
 * `pos`, moved to the end of the block it is in: drawing stops only between
 * blocks, so a block is either wholly drawn as elements or wholly in the
 * colour layer, and drawing never rebuilds a block that still has ranges.
 */
function blockEnd(doc: ProseMirrorNode, pos: number): number {
  const size = doc.content.size;
  if (pos >= size) return size;
  const $pos = doc.resolve(pos);
  return $pos.parent.isTextblock ? $pos.after() : pos;
}

/** How many of `spans` (sorted by start) start before `pos`. */
export function countBefore(spans: readonly { from: number }[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.from < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Highlights drawn per idle callback while a long article is partly drawn. */
const DRAW_CHUNK = 6000;

/**
 * How long (ms) after the article last scrolled idle drawing waits, and for
 * how many frames without a scroll (on a loaded machine a frame can be
 * longer than that): a chunk drawn while the page scrolled made that frame
 * 50-100 ms at 100,000 annotations, 1-2 s at load 15 (bench/); the colour
 * layer paints the rest meanwhile.
 */
export const SCROLL_QUIET_MS = 250;
const SCROLL_QUIET_FRAMES = 2;

/** A block not drawn yet, and the ranges of its highlights in the colour layer. */
interface LayerBlock {
  /** Position before the block. */
  pos: number;
  stacks: Stack<HighlightSpan>[];
  /** The block's text nodes when its ranges were made: if one leaves the DOM, they are remade. */
  nodes: Text[];
  ranges: { kind: AnnotationKind; range: StaticRange }[];
  /** Its ranges are made (it is near the viewport); `ranges` may still be empty. */
  filled: boolean;
  /** Drawn as elements ahead of the frontier (a change touched it): no ranges any more. */
  done?: boolean;
}

/**
 * How far beyond the viewport, in viewport heights above and below, the
 * colour layer holds ranges: far enough that a scroll of a screen or two
 * finds them made, near enough that the layer stays a few hundred ranges.
 */
const LAYER_MARGIN = 1;

/**
 * The colour layer: the highlights not yet drawn as elements, painted with
 * the CSS Custom Highlight API — one `Highlight` per kind, of `StaticRange`s
 * over the text — so that on a long article every highlight in view is
 * painted in the frame after the first, its kind shown by its colour and its
 * underline style, as the elements show it (glossa.css). The elements
 * (`<mark>` with `data-annotation-id`, `data-kind`, the stack count, nested
 * depths, what a screen reader and the hover card use) follow in idle chunks
 * as before; drawing a block's elements removes its ranges in the same
 * update. A static range, unlike a live `Range`, costs nothing on DOM
 * changes; one whose text node ProseMirror replaced paints nothing, so its
 * block's ranges are remade.
 *
 * Only the blocks of the sections near the viewport (LAYER_MARGIN) have
 * ranges, remade from the scroll position before the frame that shows them:
 * after any DOM or style change Chromium re-adds every range of every
 * registered highlight (`HighlightRegistry::ValidateHighlightMarkers`), so
 * with all 98,000 ranges of a 100,000-annotation article registered the
 * frame after a tag, a selection or a scroll step took 100-400 ms (bench/).
 * Sections out of view are not painted anyway (`content-visibility: auto`).
 * Where the API is missing (or in tests without a DOM) this does nothing and
 * the highlights appear as their elements are drawn.
 */
class ColourLayer {
  private blocks: LayerBlock[] = [];
  /** Blocks before this index are drawn as elements: their ranges are gone. */
  private next = 0;
  private readonly layers = new Map<AnnotationKind, Highlight>();
  /** The frontier at the last update: when it moves back (`later`), blocks drawn since stay done. */
  private lastDrawn: number;
  /** The plugin state's `laidOut` already painted (made, or laid out in an update). */
  private painted: readonly number[];
  /** Where each section starts: the text, so these, never change. */
  private readonly sections: number[] = [];
  /** Where each group (the document's children) starts, and the index of its first section. */
  private readonly groups: { pos: number; first: number }[] = [];
  /** The positions near the viewport, [nearFrom, nearTo): the blocks there have ranges. */
  private nearFrom = 0;
  private nearTo = 0;
  private frame = 0;
  private readonly onMove = () => {
    if (!this.frame)
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.refreshNear();
      });
  };

  static supported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  }

  constructor(private readonly view: EditorView) {
    const start = performance.now();
    this.lastDrawn = drawnTo(view.state);
    this.painted = key.getState(view.state)?.laidOut ?? NONE;
    view.state.doc.forEach((group, offset) => {
      this.groups.push({ pos: offset, first: this.sections.length });
      group.forEach((_section, inGroup) => this.sections.push(offset + 1 + inGroup));
    });
    this.build();
    const doc = view.dom.ownerDocument;
    doc.addEventListener('scroll', this.onMove, { capture: true, passive: true });
    doc.defaultView?.addEventListener('resize', this.onMove, { passive: true });
    // Its cost in the start-up, for bench/ traces.
    performance.measure('glossa:colour-layer', { start });
  }

  private build(): void {
    for (const kind of Object.keys(HIGHLIGHT_NAMES) as AnnotationKind[])
      this.layers.set(kind, new Highlight());
    this.groupPending();
    this.refreshNear();
    // Registered once filled: each range added to a registered highlight costs more (bench/).
    for (const [kind, name] of Object.entries(HIGHLIGHT_NAMES) as [AnnotationKind, string][])
      CSS.highlights.set(name, this.layers.get(kind)!);
  }

  /** The pending stacks (sorted by start) grouped by block, walking blocks and stacks together. */
  private groupPending(): void {
    const st = key.getState(this.view.state);
    if (!st || st.pending.length === 0) return;
    const pending = st.pending;
    let i = 0;
    this.view.state.doc.descendants((node, pos) => {
      if (i >= pending.length) return false;
      if (!node.isTextblock) return true;
      const end = pos + node.nodeSize;
      const stacks: Stack<HighlightSpan>[] = [];
      while (i < pending.length && pending[i]!.from < end) stacks.push(pending[i++]!);
      if (stacks.length) this.blocks.push({ pos, stacks, nodes: [], ranges: [], filled: false });
      return false;
    });
  }

  /**
   * The sections whose box is within LAYER_MARGIN of the viewport, as a
   * position range: binary searches over the groups' boxes, then over the
   * sections of the first and last group found (they are stacked in
   * document order), a few dozen reads of a clean layout. A section's box is
   * read only in a group near the viewport: reading one in a group the
   * browser skips (`content-visibility`) would lay that group out.
   */
  private measureNear(): [number, number] {
    const view = this.view;
    const sections = this.sections;
    const groups = this.groups;
    const win = view.dom.ownerDocument.defaultView;
    // Not shown (another screen, a closed tab's last frames): nothing is painted.
    if (!win || !view.dom.isConnected || view.dom.getClientRects().length === 0) return [0, 0];
    const height = win.innerHeight;
    const margin = height * LAYER_MARGIN;
    const rect = (pos: number) => (view.nodeDOM(pos) as Element).getBoundingClientRect();
    const search = partitionPoint;
    const above = (box: DOMRect) => box.bottom < -margin;
    const within = (box: DOMRect) => box.top <= height + margin;
    const firstGroup = search(0, groups.length, (g) => above(rect(groups[g]!.pos)));
    const endGroup = search(firstGroup, groups.length, (g) => within(rect(groups[g]!.pos)));
    if (endGroup <= firstGroup) return [0, 0];
    const sectionsOf = (g: number): [number, number] => [
      groups[g]!.first,
      groups[g + 1]?.first ?? sections.length,
    ];
    const first = search(...sectionsOf(firstGroup), (i) => above(rect(sections[i]!)));
    const lo = search(
      Math.max(first, sectionsOf(endGroup - 1)[0]),
      sectionsOf(endGroup - 1)[1],
      (i) => within(rect(sections[i]!)),
    );
    if (lo <= first) return [0, 0];
    const end = lo < sections.length ? sections[lo]! : view.state.doc.content.size;
    return [sections[first]!, end];
  }

  /** The index of the first block at or after `pos`. */
  private blockAt(pos: number): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.blocks[mid]!.pos < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private isNear(b: LayerBlock): boolean {
    return b.pos >= this.nearFrom && b.pos < this.nearTo;
  }

  /** Gives ranges to the blocks now near the viewport, and takes them from those no longer near. */
  private refreshNear(): void {
    const [from, to] = this.measureNear();
    const wasFrom = this.nearFrom;
    const wasTo = this.nearTo;
    this.nearFrom = from;
    this.nearTo = to;
    for (let j = this.blockAt(wasFrom); j < this.blocks.length; j++) {
      const b = this.blocks[j]!;
      if (b.pos >= wasTo) break;
      if (!this.isNear(b)) this.clear(b);
    }
    const early = key.getState(this.view.state)?.early;
    for (let j = Math.max(this.blockAt(from), this.next); j < this.blocks.length; j++) {
      const b = this.blocks[j]!;
      if (b.pos >= to) break;
      if (!b.filled && !b.done && !early?.has(b.pos)) this.fill(b);
    }
  }

  /** Makes a block's ranges from its stacks (members replaced or removed since are left out). */
  private fill(b: LayerBlock): void {
    b.filled = true;
    const st = key.getState(this.view.state)!;
    const dom = this.view.nodeDOM(b.pos);
    if (!(dom instanceof HTMLElement)) return;
    const nodes: Text[] = [];
    const starts: number[] = [];
    let at = 0;
    const walker = document.createTreeWalker(dom, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      // Widgets (contenteditable=false) are not the block's text.
      if (n.parentElement !== dom && n.parentElement?.closest('[contenteditable="false"]'))
        continue;
      nodes.push(n as Text);
      starts.push(at);
      at += (n as Text).length;
    }
    b.nodes = nodes;
    if (!nodes.length) return;
    // The text node and offset of a block offset; `end`: a boundary belongs to the node before.
    let k = 0;
    const locate = (offset: number, end: boolean): [Text, number] => {
      while (k > 0 && starts[k]! > offset) k--;
      while (k + 1 < nodes.length && (end ? starts[k + 1]! < offset : starts[k + 1]! <= offset))
        k++;
      return [nodes[k]!, Math.min(offset - starts[k]!, nodes[k]!.length)];
    };
    const single = nodes.length === 1 ? nodes[0]! : null;
    const base = b.pos + 1;
    for (const stack of b.stacks) {
      // The top member still there (the last one, unless it changed since: then it is drawn).
      const members = stack.members;
      let top: HighlightSpan | undefined;
      for (let j = members.length - 1; j >= 0 && !top; j--)
        if (st.spans.get(members[j]!.id) === members[j]) top = members[j];
      if (!top) continue;
      // Most blocks not drawn yet are one text node: no search (a 10,000-range layer, bench/).
      let range: StaticRange;
      if (single) {
        const len = single.length;
        range = new StaticRange({
          startContainer: single,
          startOffset: Math.min(top.from - base, len),
          endContainer: single,
          endOffset: Math.min(top.to - base, len),
        });
      } else {
        const [startContainer, startOffset] = locate(top.from - base, false);
        const [endContainer, endOffset] = locate(top.to - base, true);
        range = new StaticRange({ startContainer, startOffset, endContainer, endOffset });
      }
      this.layers.get(top.kind)!.add(range);
      b.ranges.push({ kind: top.kind, range });
    }
  }

  private clear(b: LayerBlock): void {
    for (const { kind, range } of b.ranges) this.layers.get(kind)!.delete(range);
    b.ranges = [];
    b.nodes = [];
    b.filled = false;
  }

  /**
   * A block's stacks laid out again (`later`: an import's slice): its ranges
   * remade from its pending stacks if it is near the viewport, the block
   * added if it had none.
   */
  private layOut(pos: number): void {
    const st = key.getState(this.view.state)!;
    const node = this.view.state.doc.nodeAt(pos);
    if (!node) return;
    const stacks = st.pending.slice(
      countBefore(st.pending, pos),
      countBefore(st.pending, pos + node.nodeSize),
    );
    const at = this.blockAt(pos);
    let b = this.blocks[at];
    if (b?.pos === pos) {
      this.clear(b);
      b.stacks = stacks;
      b.done = false;
    } else {
      b = { pos, stacks, nodes: [], ranges: [], filled: false };
      this.blocks.splice(at, 0, b);
      if (at < this.next) this.next++;
    }
    if (this.isNear(b)) this.fill(b);
  }

  /** After each view update: blocks now drawn lose their ranges; blocks redrawn meanwhile are remade. */
  update(): void {
    const drawn = drawnTo(this.view.state);
    const st = key.getState(this.view.state);
    const early = st?.early;
    if (drawn < this.lastDrawn) {
      // The frontier moved back to blocks laid out again: those passed meanwhile are drawn.
      let at = this.next;
      while (at > 0 && this.blocks[at - 1]!.pos >= drawn) this.blocks[--at]!.done = true;
      this.next = at;
    }
    this.lastDrawn = drawn;
    if (st && st.laidOut !== this.painted) {
      this.painted = st.laidOut;
      for (const pos of st.laidOut) this.layOut(pos);
    }
    while (this.next < this.blocks.length && this.blocks[this.next]!.pos < drawn)
      this.clear(this.blocks[this.next++]!);
    // Only the blocks near the viewport have ranges to take away or remake.
    for (let j = Math.max(this.blockAt(this.nearFrom), this.next); j < this.blocks.length; j++) {
      const b = this.blocks[j]!;
      if (b.pos >= this.nearTo) break;
      if (b.done) continue;
      if (early?.has(b.pos)) {
        this.clear(b);
        b.done = true;
        continue;
      }
      if (b.filled && b.nodes.every((n) => n.isConnected)) continue;
      this.clear(b);
      this.fill(b);
    }
  }

  destroy(): void {
    const doc = this.view.dom.ownerDocument;
    doc.removeEventListener('scroll', this.onMove, { capture: true });
    doc.defaultView?.removeEventListener('resize', this.onMove);
    if (this.frame) cancelAnimationFrame(this.frame);
    for (const [kind, name] of Object.entries(HIGHLIGHT_NAMES) as [AnnotationKind, string][])
      if (CSS.highlights.get(name) === this.layers.get(kind)) CSS.highlights.delete(name);
  }
}

/** What a view's drawing keeps across a reconfigure of its plugins (see `drawInIdleTime`). */
interface KeptDrawing {
  plugin: Plugin<HighlightState> | undefined;
  layer: ColourLayer | null;
  marked: boolean;
  elementsMarked: boolean;
}

/** The drawing of a view whose plugin views were just destroyed, until the microtask that ends it. */
const parked = new WeakMap<EditorView, KeptDrawing>();

/**
 * Draws the rest of a partly drawn article in idle time, a chunk at a time,
 * with the colour layer painting the rest meanwhile. Marks (performance
 * marks, for bench/) `glossa:highlights-drawn` once every highlight near
 * the viewport is painted — as an element or in the colour layer; the
 * layer paints the others before a scroll shows them — and
 * `glossa:highlight-elements-drawn` once every highlight is an element.
 *
 * A reconfigure (`state.reconfigure`, as fact-checking does to add its link
 * outlines after the first frame) destroys every plugin view and makes new
 * ones in the same call, though this plugin and its state stay: the colour
 * layer is handed from the old plugin view to the new one rather than
 * rebuilt (that rebuild cost about 40 ms at 10,000 annotations, bench/). A
 * view really destroyed, or given another highlight plugin, ends it in a
 * microtask.
 */
function drawInIdleTime(view: EditorView) {
  const plugin = key.get(view.state);
  const kept = parked.get(view);
  parked.delete(view);
  if (kept && kept.plugin !== plugin) kept.layer?.destroy();
  const from = kept?.plugin === plugin ? kept : undefined;
  let cancel: (() => void) | null = null;
  // The colour layer is built right after the first frame, which shows only the first screens
  // (drawn as elements): built before it, it cost that frame 30-120 ms at 10,000 (bench/).
  let layer: ColourLayer | null = from?.layer ?? null;
  let marked = from?.marked ?? false;
  let elementsMarked = from?.elementsMarked ?? false;
  const build =
    !layer && !allHighlightsDrawn(view.state) && ColourLayer.supported()
      ? afterPaint(() => {
          if (layer || allHighlightsDrawn(view.state)) return;
          layer = new ColourLayer(view);
          markDone();
        })
      : null;
  build?.schedule();
  const markDone = () => {
    const all = allHighlightsDrawn(view.state);
    if (!marked && (all || layer)) {
      marked = true;
      performance.mark('glossa:highlights-drawn');
    }
    if (!elementsMarked && all) {
      elementsMarked = true;
      performance.mark('glossa:highlight-elements-drawn');
    }
  };
  // Scrolling the article (the page or a scroller around it) pauses the drawing.
  const doc = view.dom.ownerDocument;
  let scrolledAt = -Infinity;
  /** Frames produced since the last scroll, counted up to SCROLL_QUIET_FRAMES. */
  let stillFrames = SCROLL_QUIET_FRAMES;
  let counting = false;
  const countFrame = () => {
    if (++stillFrames < SCROLL_QUIET_FRAMES) requestAnimationFrame(countFrame);
    else counting = false;
  };
  const onScroll = (event: Event) => {
    const target = event.target;
    if (target !== doc && !(target instanceof Node && target.contains(view.dom))) return;
    scrolledAt = performance.now();
    stillFrames = 0;
    if (!counting) {
      counting = true;
      requestAnimationFrame(countFrame);
    }
  };
  doc.addEventListener('scroll', onScroll, { capture: true, passive: true });
  const step = () => {
    cancel = null;
    const st = key.getState(view.state);
    if (!st || allHighlightsDrawn(view.state)) return;
    const wait = scrolledAt + SCROLL_QUIET_MS - performance.now();
    if (wait > 0 || stillFrames < SCROLL_QUIET_FRAMES) {
      const timer = setTimeout(
        () => {
          cancel = null;
          schedule();
        },
        Math.max(wait, 50),
      );
      cancel = () => clearTimeout(timer);
      return;
    }
    view.dispatch(view.state.tr.setMeta(key, { drawTo: st.drawnTo + DRAW_CHUNK }));
    schedule();
  };
  const schedule = () => {
    if (!cancel && !allHighlightsDrawn(view.state)) cancel = whenIdle(step, { timeout: 1000 });
  };
  schedule();
  layer?.update();
  markDone();
  return {
    update: () => {
      // An import's slice laid highlights out for the colour layer (`later`): painted now,
      // their elements drawn in idle time, by a layer made for them if there was none.
      if (!layer && !allHighlightsDrawn(view.state) && key.getState(view.state)?.laidOut.length)
        if (ColourLayer.supported()) layer = new ColourLayer(view);
      layer?.update();
      schedule();
      markDone();
    },
    destroy: () => {
      cancel?.();
      build?.cancel();
      doc.removeEventListener('scroll', onScroll, { capture: true });
      const drawing: KeptDrawing = { plugin, layer, marked, elementsMarked };
      parked.set(view, drawing);
      queueMicrotask(() => {
        if (parked.get(view) !== drawing) return;
        parked.delete(view);
        drawing.layer?.destroy();
      });
    },
  };
}

/**
 * The highlight plugin, starting with `initial` spans, of which those that
 * start in the first `drawFirst` positions are drawn at once and the others
 * in idle time.
 */
export function highlightPlugin(
  initial: HighlightSpan[] = [],
  { drawFirst = Infinity }: { drawFirst?: number } = {},
): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key,
    state: {
      init: (_config, state) => {
        const size = state.doc.content.size;
        const drawnTo = blockEnd(state.doc, Math.min(size, drawFirst));
        const layout = layoutStacks(initial);
        const first = countBefore(layout.drawn, drawnTo);
        return {
          drawn: DecorationSet.create(
            state.doc,
            layout.drawn.slice(0, first).map((st) => decorationFor(st.members)),
          ),
          folded: layout.folded.length
            ? DecorationSet.create(
                state.doc,
                layout.folded.flatMap((st) => st.members.map(foldedFor)),
              )
            : DecorationSet.empty,
          drawnTo,
          pending: drawnTo >= size ? [] : layout.drawn.slice(first),
          early: new Set<number>(),
          // Filled on first use, after the first frame (span-table.ts).
          spans: SpanTable.lazy(initial, (s) => s.id),
          selected: null,
          flash: null,
          laidOut: NONE,
        };
      },
      apply,
    },
    props: {
      decorations: (state) => key.getState(state)?.drawn,
    },
    view: drawInIdleTime,
  });
}

/**
 * Where drawing has reached: highlights starting before it are drawn (and
 * those of the blocks a change drew early, beyond it). Other decorations
 * drawn progressively (glossary terms) follow it.
 */
export function drawnTo(state: EditorState): number {
  return key.getState(state)?.drawnTo ?? state.doc.content.size;
}

/** Whether every highlight is drawn (a long article draws the last ones in idle time). */
export function allHighlightsDrawn(state: EditorState): boolean {
  const st = key.getState(state);
  return !st || st.drawnTo >= state.doc.content.size;
}

/** Draws, now, every highlight that starts before `pos` (before scrolling there). */
export function drawHighlightsTo(view: EditorView, pos: number): void {
  const st = key.getState(view.state);
  if (st && pos > st.drawnTo && !allHighlightsDrawn(view.state))
    view.dispatch(view.state.tr.setMeta(key, { drawTo: pos }));
}

/** Adds or replaces highlights, and removes others, in one transaction. */
export function updateHighlights(tr: Transaction, action: HighlightAction): Transaction {
  return tr.setMeta(key, action);
}

/** The highlights that intersect [from, to], found in the drawn and folded sets once all are drawn. */
function spansIn(state: EditorState, from: number, to: number): HighlightSpan[] {
  const st = key.getState(state);
  if (!st) return [];
  if (!allHighlightsDrawn(state))
    return [...st.spans.values()].filter((s) => s.from <= to && s.to >= from);
  const out: HighlightSpan[] = [];
  for (const d of st.drawn.find(from, to, isStack))
    for (const m of (d.spec as StackSpec).members) if (st.spans.get(m.id) === m) out.push(m);
  for (const d of st.folded.find(from, to)) {
    const s = st.spans.get((d.spec as FoldedSpec).id);
    if (s) out.push(s);
  }
  return out;
}

/** The annotations whose highlight covers a position, innermost (shortest) first. */
export function highlightsAt(state: EditorState, pos: number): HighlightSpan[] {
  return spansIn(state, pos, pos)
    .filter((s) => s.from <= pos && pos <= s.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from));
}

/** The annotations whose highlight intersects [from, to]. */
export function highlightsIn(state: EditorState, from: number, to: number): HighlightSpan[] {
  return spansIn(state, from, to);
}

export function highlightSpan(state: EditorState, id: string): HighlightSpan | undefined {
  return key.getState(state)?.spans.get(id);
}

export function selectedHighlight(state: EditorState): string | null {
  return key.getState(state)?.selected ?? null;
}
