/**
 * How an article's blocks are drawn as elements: the tag and class of each
 * block type, the sections that group them, and the hidden separator
 * before every block but the first. One table, read by the ProseMirror
 * schema (editor/schema.ts) and by the static first frame drawn before the
 * editor's code has arrived (ui/static-article.ts), so that the two draw the
 * same elements and the editor's view can take the static one's place
 * without the page moving.
 */
import { BLOCK_SEPARATOR, type BlockType } from '../model/article';
import type { AnnotationKind } from '../model/annotation';
import { h } from './h';

/** The element of each block type: a tag name (never a selector) and an optional class. */
export const BLOCK_ELEMENTS: Record<BlockType, { tag: string; className?: string }> = {
  title: { tag: 'h1', className: 'article-title' },
  standfirst: { tag: 'p', className: 'standfirst' },
  heading: { tag: 'h2', className: 'article-heading' },
  paragraph: { tag: 'p' },
  blockquote: { tag: 'blockquote' },
};

/**
 * Blocks per section: the contained elements of the article (glossa.css,
 * `content-visibility`), four because a change repaints its whole section
 * and a bigger one made frames dearer again (bench/README.md).
 */
export const SECTION_SIZE = 4;

/** The class of a section element. */
export const SECTION_CLASS = 'article-section';

/**
 * Sections per group: the article's top-level elements, so that a frame
 * pays for a few dozen of them, not for every section of a long article
 * (1,044 at 1,000,000 characters; bench/README.md). glossa.css's estimate
 * of a group's height is GROUP_SIZE sections'.
 */
export const GROUP_SIZE = 32;

/** The class of a group element. */
export const GROUP_CLASS = 'article-group';

/** The class of a drawn block separator (e2e and the stylesheet use it). */
export const SEPARATOR_CLASS = 'block-separator';

/**
 * The canonical text's "\n\n" between two blocks, as an element: hidden
 * (no space, not read, not copied) and aria-hidden, there so that the
 * article element's text content is the canonical text
 * (editor/plugins/block-separators.ts says why).
 */
export function separatorElement(): HTMLElement {
  return h(
    'span',
    { class: SEPARATOR_CLASS, hidden: true, 'aria-hidden': 'true' },
    BLOCK_SEPARATOR,
  );
}

/**
 * The CSS highlight of each kind (`::highlight(…)` in glossa.css): the
 * editor's colour layer and the static first frame paint the highlights not
 * drawn as elements with these.
 */
export const HIGHLIGHT_NAMES: Record<AnnotationKind, string> = {
  claim: 'hl-claim',
  quote: 'hl-quote',
  event: 'hl-event',
};
