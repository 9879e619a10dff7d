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
 * change touches (a new tag, the selected one) is drawn at once.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { SpanTable } from './span-table';
import { whenIdle } from '../../dom/idle';
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
  /** Every highlight, where its decoration is: to remove it without a scan. */
  spans: SpanTable<HighlightSpan>;
  /** The selected annotation, drawn with an extra outline. */
  selected: string | null;
  /** A short-lived emphasis after jumping to an annotation. */
  flash: string | null;
}

interface HighlightAction {
  upsert?: HighlightSpan[];
  remove?: string[];
  /** undefined: leave as is. */
  selected?: string | null;
  flash?: string | null;
  /** Draw the highlights that start before this position. */
  drawTo?: number;
}

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

function apply(tr: Transaction, prev: HighlightState): HighlightState {
  const action = tr.getMeta(key) as HighlightAction | undefined;
  if (!action) return prev;
  const upsert = action.upsert ?? [];
  const removedIds = [...(action.remove ?? []), ...upsert.map((s) => s.id)];
  // A new table only when spans change (selecting, flashing, drawing leave it).
  const spans =
    removedIds.length > 0
      ? prev.spans.with(
          removedIds,
          upsert.map((s) => [s.id, s]),
        )
      : prev.spans;
  const next: HighlightState = {
    ...prev,
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

  // What the change touches is drawn now, with everything before it.
  const size = doc.content.size;
  const drawTo = Math.min(
    size,
    Math.max(action.drawTo ?? 0, ...upsert.map((s) => s.to), ...fresh.map((d) => d.to)),
  );
  if (drawTo > prev.drawnTo) {
    const count = countBefore(prev.pending, drawTo);
    const now: Decoration[] = [];
    for (const st of prev.pending.slice(0, count)) {
      const members = st.members.filter((m) => spans.get(m.id) === m);
      if (members.length) now.push(decorationFor(members));
    }
    if (now.length) drawn = drawn.add(doc, now);
    next.pending = drawTo >= size ? [] : prev.pending.slice(count);
    next.drawnTo = drawTo;
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
 * Draws the rest of a partly drawn article in idle time, a chunk at a time.
 * Marks `glossa:highlights-drawn` (a performance mark, for bench/) once every
 * highlight is drawn.
 */
function drawInIdleTime(view: EditorView) {
  let cancel: (() => void) | null = null;
  let marked = false;
  const markDone = () => {
    if (marked || !allHighlightsDrawn(view.state)) return;
    marked = true;
    performance.mark('glossa:highlights-drawn');
  };
  const step = () => {
    cancel = null;
    const st = key.getState(view.state);
    if (!st || allHighlightsDrawn(view.state)) return;
    view.dispatch(view.state.tr.setMeta(key, { drawTo: st.drawnTo + DRAW_CHUNK }));
    schedule();
  };
  const schedule = () => {
    if (!cancel && !allHighlightsDrawn(view.state)) cancel = whenIdle(step, { timeout: 1000 });
  };
  schedule();
  markDone();
  return { update: markDone, destroy: () => cancel?.() };
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
        const drawnTo = Math.min(size, drawFirst);
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
          spans: SpanTable.of(initial.map((s) => [s.id, s])),
          selected: null,
          flash: null,
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
 * Where drawing has reached: highlights starting before it are drawn. Other
 * decorations drawn progressively (glossary terms) follow it.
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
