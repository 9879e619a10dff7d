/**
 * Keeps the article's text immutable while leaving it a normal, focusable,
 * selectable surface (keyboard caret, Shift+arrows, mouse selection).
 *
 * The view is never editable (plugins/caret-mode.ts), so the browser offers
 * no editing to begin with; these layers stay as defence in depth, should
 * the article ever become an editing host again.
 *
 * Three layers, so that no path gets through:
 * 1. `beforeinput` is cancelled for every input type it can be cancelled
 *    for (typing, delete, paste, drop, spellcheck replacement), so the DOM
 *    never changes in the common cases;
 * 2. paste, drop and cut are refused at the ProseMirror level;
 * 3. any transaction that would change the document is filtered out. When
 *    the DOM did change anyway (IME composition cannot be cancelled),
 *    ProseMirror's DOM observer finds its view dirty after the filtered
 *    transaction and redraws it from the unchanged state. That observer
 *    only reads changes while the view is editable; otherwise a change
 *    nobody announced (an extension rewriting text) is caught by
 *    `revertForeignChanges` below.
 */
import { Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** ProseMirror's internal view tree: the one way to have it redraw a range from state. */
interface DocViewInternals {
  docView?: { markDirty(from: number, to: number): void };
}

/**
 * The document range of the section (else the group) that holds a DOM node
 * (the whole document if unknown).
 */
function blockRangeOf(view: EditorView, node: Node): [number, number] {
  const doc = view.state.doc;
  try {
    const $pos = doc.resolve(view.posAtDOM(node, 0));
    const depth = Math.min($pos.depth, 2);
    if (depth >= 1) return [$pos.before(depth), $pos.after(depth)];
  } catch {
    // A node ProseMirror does not know (inserted by someone else).
  }
  return [0, doc.content.size];
}

/**
 * Redraws, from the unchanged state, the blocks whose DOM someone else
 * changed while the view was not editable. ProseMirror's own redraws are
 * told apart by taking their records in the plugin view's update, which
 * runs right after them.
 */
function revertForeignChanges(view: EditorView) {
  const observer = new MutationObserver((records) => {
    if (view.editable) return;
    // Not ours to revert: what non-editable islands inside (the bilingual glosses) hold.
    const island = (node: Node) =>
      (node instanceof Element ? node : node.parentElement)?.closest('[contenteditable="false"]');
    const ranges = records
      .filter((r) => {
        const found = island(r.target);
        return !found || found === view.dom;
      })
      .map((r) => blockRangeOf(view, r.target));
    const docView = (view as unknown as DocViewInternals).docView;
    if (ranges.length === 0 || !docView) return;
    for (const [from, to] of ranges) docView.markDirty(from, to);
    view.updateState(view.state);
  });
  observer.observe(view.dom, { childList: true, characterData: true, subtree: true });
  return {
    update: () => void observer.takeRecords(),
    destroy: () => observer.disconnect(),
  };
}

export function readOnlyText(): Plugin {
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged,
    view: revertForeignChanges,
    props: {
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
        // Refused before ProseMirror reads the clipboard: its HTML reader
        // assigns innerHTML, which Trusted Types forbids (and nothing pasted
        // or dropped may change the text anyway).
        paste: (_view, event) => {
          event.preventDefault();
          return true;
        },
        drop: (_view, event) => {
          event.preventDefault();
          return true;
        },
        cut: (_view, event) => {
          // Cutting would remove text; copying stays allowed.
          event.preventDefault();
          return true;
        },
        dragstart: (_view, event) => {
          // A drag started here could be dropped back as a move.
          event.preventDefault();
          return true;
        },
      },
      attributes: {
        spellcheck: 'false',
        autocorrect: 'off',
        autocapitalize: 'off',
        'aria-readonly': 'true',
        'aria-multiline': 'true',
        role: 'textbox',
      },
    },
  });
}
