/**
 * Caret mode: a keyboard caret over the article, which is never an editing
 * host. The caret keys move the document's selection with
 * `Selection.modify` — as the browser's own caret browsing (F7) does — and a
 * drawn caret shows where a collapsed selection is.
 *
 * Why not `contenteditable`: while a 100,000-character editing host has
 * focus, Chromium recomputes its text-input state and re-syncs the selection
 * on every change: tagging from the keyboard cost 18 ms a frame against 11 ms
 * with the same selection made on a non-editable article (bench/, A/B). The
 * text is immutable, so nothing is lost by not being editable.
 *
 * On: keyboard focus (`:focus-visible`: Tab, the skip link, Alt+A) or a
 * caret key pressed in the article. Off: a mouse press in it. The article
 * carries `data-caret="on"` while it is on.
 */
import {
  Plugin,
  PluginKey,
  Selection,
  TextSelection,
  type EditorState,
  type Transaction,
} from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { domSelectionPositions } from '../dom-selection';
import { afterPaint } from '../../dom/after-paint';

const key = new PluginKey<boolean>('glossa-caret-mode');

type Move = [direction: 'left' | 'right' | 'backward' | 'forward', granularity: string];

/** Keys that move the caret, as `Selection.modify` moves (Shift extends). */
const CARET_KEYS: Record<string, (e: KeyboardEvent) => Move> = {
  ArrowLeft: (e) => ['left', e.ctrlKey ? 'word' : 'character'],
  ArrowRight: (e) => ['right', e.ctrlKey ? 'word' : 'character'],
  ArrowUp: () => ['backward', 'line'],
  ArrowDown: () => ['forward', 'line'],
  Home: (e) => ['backward', e.ctrlKey ? 'documentboundary' : 'lineboundary'],
  End: (e) => ['forward', e.ctrlKey ? 'documentboundary' : 'lineboundary'],
};

export function inCaretMode(state: EditorState): boolean {
  return key.getState(state) ?? false;
}

/** The DOM's selection, when it is in the article, as ProseMirror's (null otherwise). */
function domSelection(view: EditorView, tr: Transaction): Selection | null {
  const at = domSelectionPositions(view);
  return at ? TextSelection.between(tr.doc.resolve(at.anchor), tr.doc.resolve(at.head)) : null;
}

function setCaretMode(view: EditorView, on: boolean): void {
  if (inCaretMode(view.state) !== on) view.dispatch(view.state.tr.setMeta(key, on));
}

/** After moving the DOM selection: ProseMirror's state follows at once, and is scrolled to. */
function takeDomSelection(view: EditorView, scroll = false): void {
  const tr = view.state.tr;
  const selection = domSelection(view, tr);
  if (!selection || selection.eq(view.state.selection)) return;
  tr.setSelection(selection);
  view.dispatch(scroll ? tr.scrollIntoView() : tr);
}

/**
 * Puts ProseMirror's selection into the DOM when the DOM has none in the
 * article (tagging drops it, see releaseSelection), so the next key moves
 * from where the reader was.
 */
function ensureDomSelection(view: EditorView): globalThis.Selection | null {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection) return null;
  if (domSelectionPositions(view)) return selection;
  const { anchor, head } = view.state.selection;
  const a = view.domAtPos(anchor);
  const h = view.domAtPos(head);
  selection.setBaseAndExtent(a.node, a.offset, h.node, h.offset);
  return selection;
}

/**
 * Runs a caret key: moves or extends the selection. On a page, unlike in an
 * editing host, the moves are not bounded by the article: the start and end
 * of the document are the article's own, and a move that would leave the
 * article is undone.
 */
function moveCaret(view: EditorView, event: KeyboardEvent, move: Move): void {
  const selection = ensureDomSelection(view);
  if (!selection?.anchorNode || !selection.focusNode) return;
  const alter = event.shiftKey ? 'extend' : 'move';
  if (move[1] === 'documentboundary') {
    const doc = view.state.doc;
    const to = view.domAtPos(
      move[0] === 'forward' ? Selection.atEnd(doc).to : Selection.atStart(doc).from,
    );
    if (alter === 'extend') selection.extend(to.node, to.offset);
    else selection.collapse(to.node, to.offset);
  } else {
    const before = [
      selection.anchorNode,
      selection.anchorOffset,
      selection.focusNode,
      selection.focusOffset,
    ] as const;
    selection.modify(alter, move[0], move[1]);
    if (!selection.focusNode || !view.dom.contains(selection.focusNode))
      selection.setBaseAndExtent(...before);
  }
  takeDomSelection(view, true);
}

/** Select all: the article's text, not the whole page's. */
function selectArticle(view: EditorView): void {
  view.dom.ownerDocument.getSelection()?.selectAllChildren(view.dom);
  takeDomSelection(view);
}

/**
 * The drawn caret: an element over the article where the collapsed
 * selection is, while caret mode is on and the article has focus. Placed
 * after the next paint, with the layout that frame computed: in the frame
 * itself it would add a restyle and a layout to the frame that draws a new
 * highlight (bench/: 0.3–1.4 ms); it follows a frame later.
 */
function drawnCaret(view: EditorView) {
  const caret = view.dom.ownerDocument.createElement('div');
  caret.className = 'article-caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.hidden = true;
  (view.dom.parentElement ?? view.dom.ownerDocument.body).append(caret);
  const place = () => {
    const { state } = view;
    const show =
      !view.isDestroyed && inCaretMode(state) && state.selection.empty && view.hasFocus();
    if (!show) {
      if (!caret.hidden) caret.hidden = true;
      return;
    }
    // In page coordinates, as the other overlays of the article (hover card, term tooltip).
    const at = view.coordsAtPos(state.selection.head);
    caret.style.left = `${Math.round(window.scrollX + at.left)}px`;
    caret.style.top = `${Math.round(window.scrollY + at.top)}px`;
    caret.style.height = `${Math.round(at.bottom - at.top)}px`;
    caret.hidden = false;
  };
  const placeLater = afterPaint(place);
  const schedule = placeLater.schedule;
  view.dom.addEventListener('focus', schedule);
  view.dom.addEventListener('blur', schedule);
  // The caret is placed in page coordinates: when the article's size
  // changes (a window resize, blocks first drawn above it taking their real
  // height), the text under it may have moved.
  const resized = 'ResizeObserver' in window ? new ResizeObserver(schedule) : null;
  resized?.observe(view.dom);
  schedule();
  return {
    update: schedule,
    destroy() {
      resized?.disconnect();
      placeLater.cancel();
      view.dom.removeEventListener('focus', schedule);
      view.dom.removeEventListener('blur', schedule);
      caret.remove();
    },
  };
}

export function caretModePlugin(): Plugin<boolean> {
  return new Plugin<boolean>({
    key,
    state: {
      init: () => false,
      apply: (tr, on) => (tr.getMeta(key) as boolean | undefined) ?? on,
    },
    view: drawnCaret,
    props: {
      editable: () => false,
      attributes: (state): Record<string, string> =>
        inCaretMode(state) ? { 'data-caret': 'on' } : {},
      handleDOMEvents: {
        focus: (view) => {
          if (view.dom.matches(':focus-visible')) setCaretMode(view, true);
          return false;
        },
        // The selection is taken now: a button focused by Tab may act on it.
        blur: (view) => {
          takeDomSelection(view);
          return false;
        },
        mousedown: (view) => {
          setCaretMode(view, false);
          return false;
        },
        keydown: (view, event) => {
          if (event.altKey || event.metaKey) return false;
          if (event.ctrlKey && !event.shiftKey && event.key.toLowerCase() === 'a') {
            event.preventDefault();
            selectArticle(view);
            return true;
          }
          const move = CARET_KEYS[event.key]?.(event);
          if (!move) return false;
          event.preventDefault();
          setCaretMode(view, true);
          moveCaret(view, event, move);
          return true;
        },
      },
    },
  });
}

/** Focuses the article: ProseMirror's `view.focus()` does not focus a non-editable view. */
export function focusArticle(view: EditorView): void {
  view.dom.focus({ preventScroll: true });
}

/**
 * Before a change that redraws the text under the selection: the selection
 * has served its purpose once read, and dropping it spares ProseMirror
 * writing it back into the redrawn text (a forced layout and a selection
 * sync). The next caret key starts from ProseMirror's selection
 * (ensureDomSelection).
 */
export function releaseSelection(view: EditorView): void {
  const selection = view.dom.ownerDocument.getSelection();
  if (selection?.anchorNode && view.dom.contains(selection.anchorNode)) selection.removeAllRanges();
}
