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
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
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
  set: DecorationSet;
  /** Where each annotation's decoration is, to remove it without a scan. */
  spans: Map<string, HighlightSpan>;
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
  const spans = new Map(prev.spans);
  // Emphasis decorations are redrawn on every action; look for them only where they are.
  const stale: Decoration[] = [];
  for (const id of [prev.selected, prev.flash]) {
    const span = id ? prev.spans.get(id) : undefined;
    if (span)
      stale.push(
        ...prev.set.find(
          span.from,
          span.to,
          (spec: { emphasis?: boolean }) => spec.emphasis === true,
        ),
      );
  }
  const removed = [...(action.remove ?? []), ...(action.upsert ?? []).map((s) => s.id)];
  for (const id of removed) {
    const old = spans.get(id);
    if (!old) continue;
    spans.delete(id);
    stale.push(...prev.set.find(old.from, old.to, (spec: HighlightSpec) => spec.id === id));
  }
  for (const s of action.upsert ?? []) spans.set(s.id, s);
  const next: HighlightState = {
    set: prev.set,
    spans,
    selected: action.selected === undefined ? prev.selected : action.selected,
    flash: action.flash === undefined ? prev.flash : action.flash,
  };
  const fresh = (action.upsert ?? []).map(decorationFor).concat(emphasis(next));
  next.set = prev.set.remove(stale).add(tr.doc, fresh);
  return next;
}

/** The highlight plugin, starting with `initial` spans. */
export function highlightPlugin(initial: HighlightSpan[] = []): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key,
    state: {
      init: (_config, state) => ({
        set: DecorationSet.create(state.doc, initial.map(decorationFor)),
        spans: new Map(initial.map((s) => [s.id, s])),
        selected: null,
        flash: null,
      }),
      apply,
    },
    props: {
      decorations: (state) => key.getState(state)?.set,
    },
  });
}

/** Adds or replaces highlights, and removes others, in one transaction. */
export function updateHighlights(tr: Transaction, action: HighlightAction): Transaction {
  return tr.setMeta(key, action);
}

/** The annotations whose highlight covers a position, innermost (shortest) first. */
export function highlightsAt(state: EditorState, pos: number): HighlightSpan[] {
  const st = key.getState(state);
  if (!st) return [];
  return st.set
    .find(pos, pos, (spec: HighlightSpec & { emphasis?: boolean }) => !spec.emphasis)
    .map((d) => st.spans.get((d.spec as HighlightSpec).id))
    .filter((s): s is HighlightSpan => !!s && s.from <= pos && pos <= s.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from));
}

/** The annotations whose highlight intersects [from, to]. */
export function highlightsIn(state: EditorState, from: number, to: number): HighlightSpan[] {
  const st = key.getState(state);
  if (!st) return [];
  return st.set
    .find(from, to, (spec: HighlightSpec & { emphasis?: boolean }) => !spec.emphasis)
    .map((d) => st.spans.get((d.spec as HighlightSpec).id))
    .filter((s): s is HighlightSpan => !!s);
}

export function highlightSpan(state: EditorState, id: string): HighlightSpan | undefined {
  return key.getState(state)?.spans.get(id);
}

export function selectedHighlight(state: EditorState): string | null {
  return key.getState(state)?.selected ?? null;
}
