/**
 * The article view: a ProseMirror EditorView over the immutable article,
 * with the highlight plugin and Glossa's editor keys, built in one place.
 */
import { EditorState, Plugin, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { keydownHandler } from 'prosemirror-keymap';
import type { ArticleBlock } from '../model/article';
import { articleDoc } from './schema';
import { highlightPlugin, highlightsAt, type HighlightSpan } from './plugins/annotations';
import { readOnlyText } from './read-only';
import { caretModePlugin } from './plugins/caret-mode';
import { blockSeparatorsPlugin } from './plugins/block-separators';
import { h } from '../dom/h';

export interface ArticleViewHandlers {
  /**
   * The screen's key handler (its commands, ui/annotate/annotate-keys.ts),
   * given each key press in the article before ProseMirror's own defaults
   * (which take Enter and Esc); true when a command took it.
   */
  keydown?(event: KeyboardEvent): boolean;
  /**
   * Enter (`key`), Shift+Enter (`cycle`) or a click (`click`) on highlighted
   * text: the annotations under the position, innermost first.
   */
  activate(spans: HighlightSpan[], pos: number, via: 'key' | 'cycle' | 'click'): void;
  /** The selection or the highlights changed. */
  update(view: EditorView): void;
  /** Extra plugins (gloss markers, …), added after Glossa's own. */
  plugins?: Plugin[];
  /**
   * Attributes of the article element (id, lang, label). Given through
   * ProseMirror rather than set on its DOM: it would read a change of its
   * own element as a foreign DOM change, and check the selection (a forced
   * layout) to handle it.
   */
  attributes?: () => Record<string, string>;
}

/**
 * Highlights starting in the first this-many positions are drawn before the
 * first frame; the rest in idle time (plugins/annotations.ts). About four
 * screens of text: more than a reader sees before the rest is drawn.
 */
const DRAW_FIRST = 6000;

/**
 * The view, appended to `place`, or put in the place of `{ replace }`: an
 * element that already shows the article (the entry's first frame,
 * ui/static-article.ts). That one is swapped for the view in the same task,
 * once the view is built off the document: built over the shown article
 * instead (ProseMirror's `mount`), every node it inserted and removed
 * touched a laid-out page, and the view cost twice as much (bench/README.md).
 */
export function createArticleView(
  place: HTMLElement | { replace: HTMLElement },
  blocks: readonly ArticleBlock[],
  initial: HighlightSpan[],
  handlers: ArticleViewHandlers,
): EditorView {
  // The screen's commands first (tagging, Enter, Shift+Enter …), then the
  // article's own Escape, run from the keydown DOM event rather than as a
  // keymap plugin: ProseMirror only runs keymaps while the view is
  // editable, and the article never is (plugins/caret-mode.ts).
  const keys = keydownHandler({
    Escape: (st, dispatch) => {
      if (st.selection.empty) return false;
      dispatch?.(st.tr.setSelection(TextSelection.create(st.doc, st.selection.head)));
      return true;
    },
  });
  const state = EditorState.create({
    doc: articleDoc(blocks),
    plugins: [
      readOnlyText(),
      caretModePlugin(),
      new Plugin({
        props: {
          handleDOMEvents: {
            keydown: (v, event) => {
              if (handlers.keydown?.(event)) return true;
              if (!keys(v, event)) return false;
              event.preventDefault();
              return true;
            },
          },
        },
      }),
      highlightPlugin(initial, { drawFirst: DRAW_FIRST }),
      // Block separators in the DOM, so the page's text is the canonical text.
      blockSeparatorsPlugin(),
      ...(handlers.plugins ?? []),
    ],
  });
  const replaced = 'replace' in place ? place.replace : null;
  const view: EditorView = new EditorView(replaced ? { mount: h('div') } : (place as HTMLElement), {
    state,
    // Focusable though not editable, so a click or Tab gives it focus.
    attributes: () => ({ tabindex: '0', ...handlers.attributes?.() }),
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      handlers.update(view);
    },
    handleClick(v, pos, event) {
      // A plain click on highlighted text selects its annotation; a drag or
      // Shift+click selects text as usual.
      if (event.shiftKey || document.getSelection()?.isCollapsed === false) return false;
      const spans = highlightsAt(v.state, pos);
      if (spans.length === 0) return false;
      handlers.activate(spans, pos, 'click');
      return false;
    },
  });
  if (replaced) {
    const hadFocus = replaced.contains(document.activeElement);
    replaced.replaceWith(view.dom);
    if (hadFocus) view.dom.focus({ preventScroll: true });
  }
  return view;
}
