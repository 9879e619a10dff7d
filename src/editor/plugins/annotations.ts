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

export interface HighlightSpan {
  id: string;
  kind: AnnotationKind;
  from: number;
  to: number;
}

interface HighlightSpec {
  id: string;
  kind: AnnotationKind;
}

interface HighlightState {
  /** What the view draws: every highlight that starts before `drawnTo`. */
  drawn: DecorationSet;
  /** The document's size once every highlight is drawn. */
  drawnTo: number;
  /** Highlights of the initial ones not drawn yet, by start (those changed since are skipped). */
  pending: readonly HighlightSpan[];
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

function decorationFor(span: HighlightSpan): Decoration {
  return Decoration.inline(
    span.from,
    span.to,
    {
      nodeName: 'mark',
      class: `hl hl-${span.kind}`,
      'data-annotation-id': span.id,
      'data-kind': span.kind,
    },
    { id: span.id, kind: span.kind } satisfies HighlightSpec,
  );
}

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

function apply(tr: Transaction, prev: HighlightState): HighlightState {
  const action = tr.getMeta(key) as HighlightAction | undefined;
  if (!action) return prev;
  const removed = [...(action.remove ?? []), ...(action.upsert ?? []).map((s) => s.id)];
  const upsert = action.upsert ?? [];
  // A new table only when spans change (selecting, flashing, drawing leave it).
  const spans =
    removed.length > 0
      ? prev.spans.with(
          removed,
          upsert.map((s) => [s.id, s]),
        )
      : prev.spans;
  // Emphasis decorations are redrawn on every action; look for them only where they are.
  const stale: Decoration[] = [];
  for (const id of [prev.selected, prev.flash]) {
    const span = id ? prev.spans.get(id) : undefined;
    if (span)
      stale.push(
        ...prev.drawn.find(
          span.from,
          span.to,
          (spec: { emphasis?: boolean }) => spec.emphasis === true,
        ),
      );
  }
  for (const id of removed) {
    const old = prev.spans.get(id);
    // Found only if drawn; one not drawn yet is skipped from `pending` later, being gone from `spans`.
    if (old)
      stale.push(...prev.drawn.find(old.from, old.to, (spec: HighlightSpec) => spec.id === id));
  }
  const next: HighlightState = {
    drawn: prev.drawn,
    drawnTo: prev.drawnTo,
    pending: prev.pending,
    spans,
    selected: action.selected === undefined ? prev.selected : action.selected,
    flash: action.flash === undefined ? prev.flash : action.flash,
  };
  const fresh = upsert.map(decorationFor).concat(emphasis(next));
  // What the change touches is drawn now, with everything before it.
  const size = tr.doc.content.size;
  const drawTo = Math.min(size, Math.max(action.drawTo ?? 0, ...fresh.map((d) => d.to)));
  if (drawTo > prev.drawnTo) {
    const count = countBefore(prev.pending, drawTo);
    for (const s of prev.pending.slice(0, count))
      if (spans.get(s.id) === s) fresh.push(decorationFor(s));
    next.pending = drawTo >= size ? [] : prev.pending.slice(count);
    next.drawnTo = drawTo;
  }
  next.drawn = prev.drawn.remove(stale).add(tr.doc, fresh);
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

/** Draws the rest of a partly drawn article in idle time, a chunk at a time. */
function drawInIdleTime(view: EditorView) {
  let cancel: (() => void) | null = null;
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
  return { destroy: () => cancel?.() };
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
        const byStart = [...initial].sort((a, b) => a.from - b.from);
        const first = countBefore(byStart, drawnTo);
        return {
          drawn: DecorationSet.create(state.doc, byStart.slice(0, first).map(decorationFor)),
          drawnTo,
          pending: drawnTo >= size ? [] : byStart.slice(first),
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

/** The highlights that intersect [from, to], found in the drawn set once all are drawn. */
function spansIn(state: EditorState, from: number, to: number): HighlightSpan[] {
  const st = key.getState(state);
  if (!st) return [];
  if (!allHighlightsDrawn(state))
    return [...st.spans.values()].filter((s) => s.from <= to && s.to >= from);
  return st.drawn
    .find(from, to, (spec: HighlightSpec & { emphasis?: boolean }) => !spec.emphasis)
    .map((d) => st.spans.get((d.spec as HighlightSpec).id))
    .filter((s): s is HighlightSpan => !!s);
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
