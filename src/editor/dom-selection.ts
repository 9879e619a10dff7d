/**
 * The DOM's selection in document positions, when both its ends are in the
 * article. The DOM's can be newer than ProseMirror's state: Chromium fires
 * `selectionchange` as a separate task, so a key pressed right after a drag
 * or Shift+arrow can arrive before ProseMirror has read it.
 */
import type { EditorView } from 'prosemirror-view';

export function domSelectionPositions(view: EditorView): { anchor: number; head: number } | null {
  const sel = view.dom.ownerDocument.getSelection();
  if (!sel?.anchorNode || !sel.focusNode) return null;
  if (!view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return null;
  try {
    return {
      anchor: view.posAtDOM(sel.anchorNode, sel.anchorOffset),
      head: view.posAtDOM(sel.focusNode, sel.focusOffset),
    };
  } catch {
    return null; // a position ProseMirror cannot map
  }
}
