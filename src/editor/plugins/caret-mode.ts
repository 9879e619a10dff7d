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
 * leaving it (a frame later).
 */
import {
  Plugin,
  PluginKey,
  TextSelection,
  type EditorState,
  type Selection,
  type Transaction,
} from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { domSelectionPositions } from '../dom-selection';

const key = new PluginKey<boolean>('glossa-caret-mode');

/**
 * Keys that move a caret; pressed in the article, they turn caret mode on.
 * The first press is carried out here, with `Selection.modify`: whether the
 * browser's own default action sees the article editable yet, once it has
 * just become so, is not reliable (1 run in 8 lost the press in e2e).
 */
const CARET_KEYS: Record<string, (e: KeyboardEvent) => [string, string] | null> = {
  ArrowLeft: (e) => ['left', e.ctrlKey ? 'word' : 'character'],
  ArrowRight: (e) => ['right', e.ctrlKey ? 'word' : 'character'],
  ArrowUp: () => ['backward', 'line'],
  ArrowDown: () => ['forward', 'line'],
  Home: (e) => ['backward', e.ctrlKey ? 'documentboundary' : 'lineboundary'],
  End: (e) => ['forward', e.ctrlKey ? 'documentboundary' : 'lineboundary'],
  // Paging scrolls as it would anyway; the caret follows with the next key.
  PageUp: () => null,
  PageDown: () => null,
};

export function inCaretMode(state: EditorState): boolean {
  return key.getState(state) ?? false;
}

/** The DOM's selection, when it is in the article, as ProseMirror's (null otherwise). */
function domSelection(view: EditorView, tr: Transaction): Selection | null {
  const at = domSelectionPositions(view);
  return at ? TextSelection.between(tr.doc.resolve(at.anchor), tr.doc.resolve(at.head)) : null;
}

/**
 * Turning editable makes ProseMirror write its selection into the DOM, and
 * after a drag it may write it once more, from a timer. The DOM's selection
 * can be newer than ProseMirror's (a selectionchange not handled yet), so it
 * is taken into the state first, whenever the caret mode changes — also when
 * focus leaves (Tab to a button that acts on the selection), as ProseMirror
 * stops reading the selection of an unfocused editable view.
 */
function setCaretMode(view: EditorView, on: boolean): void {
  if (inCaretMode(view.state) === on) return;
  const tr = view.state.tr.setMeta(key, on);
  const selection = domSelection(view, tr);
  if (selection) tr.setSelection(selection);
  view.dispatch(tr);
}

/** After moving the DOM selection ourselves: ProseMirror's state follows at once. */
function takeDomSelection(view: EditorView): void {
  const selection = domSelection(view, view.state.tr);
  if (selection && !selection.eq(view.state.selection))
    view.dispatch(view.state.tr.setSelection(selection));
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
          // The selection is taken now (a button focused by Tab may act on
          // it); caret mode ends after the frame: leaving an editing host
          // restyles the whole article (40-50 ms at 10,000 highlights), which
          // would otherwise delay whatever took the focus.
          takeDomSelection(view);
          requestAnimationFrame(() =>
            window.setTimeout(() => {
              if (!view.isDestroyed && !view.hasFocus()) setCaretMode(view, false);
            }),
          );
          return false;
        },
        mousedown: (view) => {
          setCaretMode(view, false);
          return false;
        },
        keydown: (view, event) => {
          const move = CARET_KEYS[event.key];
          if (!move || event.altKey || event.metaKey || inCaretMode(view.state)) return false;
          setCaretMode(view, true);
          const how = move(event);
          if (!how) return false;
          event.preventDefault();
          view.dom.ownerDocument
            .getSelection()
            ?.modify(event.shiftKey ? 'extend' : 'move', how[0], how[1]);
          takeDomSelection(view);
          return true;
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
