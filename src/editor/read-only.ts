/**
 * Keeps the article's text immutable while leaving it a normal, focusable,
 * selectable editing surface (caret, Shift+arrows, mouse selection).
 *
 * Three layers, so that no path gets through:
 * 1. `beforeinput` is cancelled for every input type it can be cancelled
 *    for (typing, delete, paste, drop, spellcheck replacement), so the DOM
 *    never changes in the common cases;
 * 2. paste, drop and cut are refused at the ProseMirror level;
 * 3. any transaction that would change the document is filtered out. When
 *    the DOM did change anyway (IME composition cannot be cancelled),
 *    ProseMirror's DOM observer finds its view dirty after the filtered
 *    transaction and redraws it from the unchanged state.
 */
import { Plugin } from 'prosemirror-state';

export function readOnlyText(): Plugin {
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged,
    props: {
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleDOMEvents: {
        beforeinput: (_view, event) => {
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
