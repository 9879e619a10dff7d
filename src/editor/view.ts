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
import { partitionPoint } from '../model/partition-point';
import { GROUP_CLASS, SECTION_CLASS } from '../dom/article-blocks';

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
 * The view, appended to `place`, or mounted on `{ over }`: an element that
 * already shows the article (the entry's first frame, ui/static-article.ts,
 * drawn with the schema's own elements). Its section elements are kept —
 * ProseMirror draws each section's blocks into the section already there —
 * so that the sections keep their size and whether they are drawn
 * (`content-visibility`, glossa.css): new ones would start at the estimated
 * height, and the text in view moved by the difference when they were
 * drawn (at 320 px, more than a screen).
 */
export function createArticleView(
  place: HTMLElement | { over: HTMLElement },
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
  const over = 'over' in place ? place.over : null;
  const anchor = over ? firstSectionInView(over) : null;
  /** The first frame's groups and sections, taken by the view's in order as it draws them first. */
  const groups = over ? ([...over.children] as HTMLElement[]) : [];
  const sections = groups.flatMap((g) => [...g.children] as HTMLElement[]);
  const reuse = (list: HTMLElement[], className: string) => () => {
    const dom = list.shift() ?? h('div', { class: className });
    return { dom, contentDOM: dom };
  };
  const view: EditorView = new EditorView(over ? { mount: over } : (place as HTMLElement), {
    state,
    nodeViews: over
      ? { group: reuse(groups, GROUP_CLASS), section: reuse(sections, SECTION_CLASS) }
      : {},
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
  if (anchor) keepInPlace(anchor.section, anchor.top);
  return view;
}

/**
 * The first section whose box reaches into the viewport, and its top: a
 * binary search over the groups (the article element's children, stacked in
 * document order), then over the sections of the first group in view — no
 * box is read inside a group out of view, which would lay it out.
 */
function firstSectionInView(article: Element): { section: Element; top: number } | null {
  const inView = (list: HTMLCollection) =>
    list[partitionPoint(0, list.length - 1, (i) => list[i]!.getBoundingClientRect().bottom <= 0)];
  const group = article.children.length ? inView(article.children) : undefined;
  const section = group?.children.length ? inView(group.children) : undefined;
  return section ? { section, top: section.getBoundingClientRect().top } : null;
}

/**
 * Scrolls so that `section` is where it was before the view drew into it,
 * should the browser's scroll anchor (a block of the first frame, now
 * gone) not have kept it there.
 */
function keepInPlace(section: Element, top: number): void {
  const moved = section.getBoundingClientRect().top - top;
  if (Math.abs(moved) < 0.5) return;
  let scroller: Element | null = section.parentElement;
  while (scroller && !isScroller(scroller)) scroller = scroller.parentElement;
  (scroller ?? document.scrollingElement)?.scrollBy(0, moved);
}

function isScroller(el: Element): boolean {
  return el.scrollHeight > el.clientHeight && /(auto|scroll)/.test(getComputedStyle(el).overflowY);
}
