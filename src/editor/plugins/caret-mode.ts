/**
 * Caret mode: the article is a plain, non-editable reading surface until
 * the keyboard is used in it, and an editing host with a caret only then.
 *
 * Why not always editable: while a 100,000-character `contenteditable` has
 * focus, Chromium recomputes its text-input state and re-syncs the
 * selection's text offsets on every change (about 4 ms a frame and 8 ms a
 * selection write at 10,000 highlights, measured in bench/). A reader who
 * selects with the mouse needs no caret, so pays none of it; a reader who
 * uses the keyboard gets the native caret and Shift+arrow selection, as
 * browsers' caret browsing (F7) would give, without having to know about it.
 *
 * On: keyboard focus (`:focus-visible`: Tab, the skip link, Alt+A) or a
 * caret key pressed in the article. Off: a mouse press in it, or focus
 * leaving it.
 */
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

const key = new PluginKey<boolean>('glossa-caret-mode');

/** Keys that move a caret; pressed in the article, they turn caret mode on. */
const CARET_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

export function inCaretMode(state: EditorState): boolean {
  return key.getState(state) ?? false;
}

function setCaretMode(view: EditorView, on: boolean): void {
  if (inCaretMode(view.state) !== on) view.dispatch(view.state.tr.setMeta(key, on));
}

export function caretModePlugin(): Plugin<boolean> {
  return new Plugin<boolean>({
    key,
    state: {
      init: () => false,
      apply: (tr, on) => (tr.getMeta(key) as boolean | undefined) ?? on,
    },
    props: {
      editable: (state) => inCaretMode(state),
      handleDOMEvents: {
        focus: (view) => {
          if (view.dom.matches(':focus-visible')) setCaretMode(view, true);
          return false;
        },
        blur: (view) => {
          setCaretMode(view, false);
          return false;
        },
        mousedown: (view) => {
          setCaretMode(view, false);
          return false;
        },
        keydown: (view, event) => {
          // Turned on before the browser's default action, which then moves
          // the caret in what has just become an editing host.
          if (CARET_KEYS.has(event.key) && !event.altKey) setCaretMode(view, true);
          return false;
        },
      },
    },
  });
}

/** Focuses the article: ProseMirror's `view.focus()` does not focus a non-editable view. */
export function focusArticle(view: EditorView): void {
  if (view.editable) view.focus();
  else view.dom.focus({ preventScroll: true });
}

/**
 * Before a change that redraws the text under the selection: without a caret
 * the selection has served its purpose once read, and dropping it spares
 * ProseMirror writing it back into the redrawn text (a forced layout and a
 * selection sync). With a caret, the caller places it instead.
 */
export function releaseSelection(view: EditorView): void {
  if (view.editable) return;
  const selection = view.dom.ownerDocument.getSelection();
  if (selection?.anchorNode && view.dom.contains(selection.anchorNode)) selection.removeAllRanges();
}
