/**
 * The ProseMirror schema of an article: its text blocks, one node type per
 * block role, grouped in sections of SECTION_SIZE blocks, and the sections
 * in groups of GROUP_SIZE; no marks (highlights are decorations, not marks,
 * because annotations are not part of the immutable text).
 *
 * Why sections: ProseMirror updates the view by walking the changed node's
 * siblings, and the browser keeps `content-visibility` bookkeeping per
 * contained element; with 418 blocks at the top level, every tag paid for
 * all 418 (bench/README.md). Sections are the contained elements
 * (glossa.css): 105 of them, and ProseMirror walks 105 + 4 nodes. Four
 * blocks, because a change repaints its whole section, and a bigger
 * section made frames dearer again (bench/README.md).
 *
 * Why groups: at 1,000,000 characters there are 1,044 sections, and the
 * browser paid for all of them in every frame that scrolled or relaid the
 * article — the `content-visibility` intersection check (3 ms a time), the
 * article's layout (5 ms for a few changed boxes) and pre-paint (8 ms); a
 * sidebar selection, a jump, paid each of them two or three times. Groups
 * are contained too (glossa.css): a group out of view is skipped whole, its
 * sections with it, so the browser walks about 33 groups and the 32
 * sections of the groups in view, and ProseMirror 33 + 32 + 4 nodes.
 * Sections and groups are layout only: offsets (positions.ts) and the
 * canonical text know nothing of them.
 */
import { Schema, type Node as PMNode, type NodeSpec, type ResolvedPos } from 'prosemirror-model';
import type { ArticleBlock, BlockType } from '../model/article';
import {
  BLOCK_ELEMENTS,
  GROUP_CLASS,
  GROUP_SIZE,
  SECTION_CLASS,
  SECTION_SIZE,
} from '../dom/article-blocks';

export { GROUP_SIZE, SECTION_SIZE };

/**
 * A block of text drawn as the element `tag` (a tag name, never a selector:
 * `toDOM` creates an element of exactly that name), with an optional class.
 * `parseDOM` matches the tag with that class.
 */
function textBlock(type: BlockType): NodeSpec {
  const { tag, className } = BLOCK_ELEMENTS[type];
  return {
    group: 'block',
    content: 'text*',
    marks: '',
    parseDOM: [{ tag: className ? `${tag}.${className}` : tag }],
    toDOM: () => (className ? [tag, { class: className }, 0] : [tag, 0]),
  };
}

export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'group+' },
    group: {
      content: 'section+',
      toDOM: () => ['div', { class: GROUP_CLASS }, 0],
      parseDOM: [{ tag: `div.${GROUP_CLASS}` }],
    },
    section: {
      content: 'block+',
      toDOM: () => ['div', { class: SECTION_CLASS }, 0],
      parseDOM: [{ tag: `div.${SECTION_CLASS}` }],
    },
    title: textBlock('title'),
    standfirst: textBlock('standfirst'),
    heading: textBlock('heading'),
    paragraph: textBlock('paragraph'),
    blockquote: textBlock('blockquote'),
    text: { group: 'inline' },
  },
});

/** The document for an article's blocks (sizes other than the defaults: tests only). */
export function articleDoc(
  blocks: readonly ArticleBlock[],
  sectionSize = SECTION_SIZE,
  groupSize = GROUP_SIZE,
): PMNode {
  const nodes = blocks.map((b) =>
    articleSchema.node(
      b.type satisfies BlockType,
      null,
      b.text ? [articleSchema.text(b.text)] : [],
    ),
  );
  const sections: PMNode[] = [];
  for (let i = 0; i < nodes.length; i += sectionSize)
    sections.push(articleSchema.node('section', null, nodes.slice(i, i + sectionSize)));
  const groups: PMNode[] = [];
  for (let i = 0; i < sections.length; i += groupSize)
    groups.push(articleSchema.node('group', null, sections.slice(i, i + groupSize)));
  return articleSchema.node('doc', null, groups);
}

/** The index of the block (in the article's list) that holds a resolved position, or -1. */
export function blockIndexAt(
  $pos: ResolvedPos,
  sectionSize = SECTION_SIZE,
  groupSize = GROUP_SIZE,
): number {
  return $pos.depth >= 2
    ? ($pos.index(0) * groupSize + $pos.index(1)) * sectionSize + $pos.index(2)
    : -1;
}
