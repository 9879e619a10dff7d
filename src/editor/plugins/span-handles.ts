/**
 * Handles at both ends of the open annotation's span, dragged with a mouse,
 * a pen or a finger (Pointer Events, so one code path serves all three) to
 * extend or shrink it. While dragging, the handle follows the pointer and
 * the span-to-be is shaded; on release the plugin reports the new position
 * and the caller re-describes the annotation, as for the keyboard's
 * Shift+Alt+arrows (app/annotator.ts), in one undo step per drag.
 *
 * Kept in a plugin of its own: it reads the open span from the highlight
 * plugin (plugins/annotations.ts) and adds only two widgets, so it does not
 * touch how highlights are drawn. The handles are hidden from assistive
 * technology: the keyboard has its own keys for the same edit.
 */
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { highlightSpan, selectedHighlight } from './annotations';

export type HandleEdge = 'start' | 'end';

export interface SpanHandlesOptions {
  /** A handle of annotation `id` was dropped at document position `pos`. */
  resize(id: string, edge: HandleEdge, pos: number): void;
}

interface Drag {
  id: string;
  edge: HandleEdge;
  /** Where the dragged end is now (document position). */
  pos: number;
}

const key = new PluginKey<Drag | null>('span-handles');

function handle(edge: HandleEdge): HTMLElement {
  const el = document.createElement('span');
  el.className = `span-handle span-handle-${edge}`;
  el.dataset.edge = edge;
  el.setAttribute('aria-hidden', 'true');
  el.contentEditable = 'false';
  return el;
}

function decorations(state: EditorState): DecorationSet {
  const id = selectedHighlight(state);
  const span = id ? highlightSpan(state, id) : undefined;
  if (!id || !span) return DecorationSet.empty;
  const drag = key.getState(state);
  let { from, to } = span;
  if (drag?.id === id) {
    if (drag.edge === 'start') from = Math.min(drag.pos, to);
    else to = Math.max(drag.pos, from);
  }
  const widget = (pos: number, edge: HandleEdge) =>
    Decoration.widget(pos, () => handle(edge), {
      side: edge === 'start' ? -1 : 1,
      key: `${edge}-${id}-${pos}`,
      ignoreSelection: true,
      // The drag is this plugin's: ProseMirror does not make a selection of it.
      stopEvent: () => true,
    });
  const set = [widget(from, 'start'), widget(to, 'end')];
  if (drag?.id === id && to > from)
    set.push(Decoration.inline(from, to, { class: 'span-handle-preview' }));
  return DecorationSet.create(state.doc, set);
}

export function spanHandlesPlugin(options: SpanHandlesOptions): Plugin<Drag | null> {
  return new Plugin<Drag | null>({
    key,
    state: {
      init: () => null,
      apply(tr, drag) {
        const meta = tr.getMeta(key) as Drag | null | undefined;
        return meta !== undefined ? meta : drag;
      },
    },
    props: { decorations },
    view(view) {
      let pointer: number | null = null;
      const posAt = (e: PointerEvent) =>
        view.posAtCoords({ left: e.clientX, top: e.clientY })?.pos ?? null;
      // A press elsewhere starts a text selection: while its button is down, the
      // handles' 24 px targets let the pointer through to the words under them,
      // else a drag ending near a span's end hit the handle and the selection
      // stopped a few letters short of where the pointer was.
      const endTextDrag = () => {
        view.dom.classList.remove('span-handles-passive');
        window.removeEventListener('pointerup', endTextDrag, true);
        window.removeEventListener('pointercancel', endTextDrag, true);
      };
      const onDown = (e: PointerEvent) => {
        const target = e.target instanceof Element ? e.target.closest('.span-handle') : null;
        if (!target && e.button === 0) {
          view.dom.classList.add('span-handles-passive');
          window.addEventListener('pointerup', endTextDrag, true);
          window.addEventListener('pointercancel', endTextDrag, true);
        }
        const id = selectedHighlight(view.state);
        if (!(target instanceof HTMLElement) || !id || e.button > 0) return;
        // No text selection, no ProseMirror mousedown, no page scroll by this finger.
        e.preventDefault();
        pointer = e.pointerId;
        try {
          // The moves go on reaching the article when the finger leaves the handle.
          view.dom.setPointerCapture(e.pointerId);
        } catch {
          // Not an active pointer (a synthetic event): the moves bubble to the article anyway.
        }
        const span = highlightSpan(view.state, id);
        if (!span) return;
        const edge = target.dataset.edge === 'start' ? 'start' : 'end';
        set(view, { id, edge, pos: edge === 'start' ? span.from : span.to });
      };
      const onMove = (e: PointerEvent) => {
        const drag = key.getState(view.state);
        if (e.pointerId !== pointer || !drag) return;
        e.preventDefault();
        const pos = posAt(e);
        if (pos !== null && pos !== drag.pos) set(view, { ...drag, pos });
      };
      const onUp = (e: PointerEvent) => {
        const drag = key.getState(view.state);
        if (e.pointerId !== pointer) return;
        pointer = null;
        if (view.dom.hasPointerCapture?.(e.pointerId)) view.dom.releasePointerCapture(e.pointerId);
        if (!drag) return;
        const pos = e.type === 'pointercancel' ? null : (posAt(e) ?? drag.pos);
        set(view, null);
        if (pos !== null) options.resize(drag.id, drag.edge, pos);
      };
      view.dom.addEventListener('pointerdown', onDown);
      view.dom.addEventListener('pointermove', onMove);
      view.dom.addEventListener('pointerup', onUp);
      view.dom.addEventListener('pointercancel', onUp);
      return {
        destroy() {
          endTextDrag();
          view.dom.removeEventListener('pointerdown', onDown);
          view.dom.removeEventListener('pointermove', onMove);
          view.dom.removeEventListener('pointerup', onUp);
          view.dom.removeEventListener('pointercancel', onUp);
        },
      };
    },
  });
}

function set(view: EditorView, drag: Drag | null): void {
  view.dispatch(view.state.tr.setMeta(key, drag));
}
