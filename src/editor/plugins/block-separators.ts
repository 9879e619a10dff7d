/**
 * The canonical text's block separators, drawn in the article's DOM.
 *
 * The canonical text (model/article.ts) joins the blocks with "\n\n", and
 * every exported selector (W3C TextQuoteSelector and TextPositionSelector,
 * Hypothesis, Recogito) describes that text. A page that draws the blocks
 * as elements has no such characters, so a tool that matches selectors
 * strictly against the page's text nodes — Apache Annotator's matchers,
 * Recogito's text-annotator — found a quote whose context crossed a block
 * edge nowhere, and counted every position after the first block short
 * (issue 14). Here each block after the first starts with a widget holding
 * a "\n\n" text node: the article element's text content is then exactly
 * the canonical text, and what those tools count on Glossa's own page is
 * what Glossa counts.
 *
 * The widget is `hidden` (display: none) and aria-hidden: it takes no
 * space, a screen reader does not read it, and the browser leaves it out
 * of a selection's string and of what is copied (those follow the
 * rendering, while text nodes are what the matchers walk). It is drawn
 * before a cursor at the block's start (side -1), so a highlight starting
 * there never wraps it, and it adds no document positions, so offsets ↔
 * positions (positions.ts) are unchanged. The article's text never changes,
 * so the set is built once.
 */
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { SEPARATOR_CLASS, separatorElement } from '../../dom/article-blocks';

export { SEPARATOR_CLASS };

const key = new PluginKey<DecorationSet>('glossa-block-separators');

/** A separator widget at the start of every text block but the first. */
export function separatorDecorations(doc: PMNode): DecorationSet {
  const widgets: Decoration[] = [];
  let first = true;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (!first)
      widgets.push(
        Decoration.widget(pos + 1, separatorElement, {
          side: -1,
          key: 'block-separator',
          marks: [],
        }),
      );
    first = false;
    return false;
  });
  return DecorationSet.create(doc, widgets);
}

export function blockSeparatorsPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_config, state) => separatorDecorations(state.doc),
      apply: (tr, set) => (tr.docChanged ? separatorDecorations(tr.doc) : set),
    },
    props: { decorations: (state) => key.getState(state) },
  });
}
