/**
 * The ProseMirror schema of an article: its text blocks, one node type per
 * block role, grouped in sections of SECTION_SIZE blocks; no marks
 * (highlights are decorations, not marks, because annotations are not part
 * of the immutable text).
 *
 * Why sections: ProseMirror updates the view by walking the changed node's
 * siblings, and the browser keeps `content-visibility` bookkeeping per
 * contained element; with 418 blocks at the top level, every tag paid for
 * all 418 (bench/README.md). Sections are the contained elements
 * (glossa.css): 105 of them, and ProseMirror walks 105 + 4 nodes. Four
 * blocks, because a change repaints its whole section, and a bigger
 * section made frames dearer again (bench/README.md). Sections are layout
 * only: offsets (positions.ts) and the canonical text know nothing of them.
 */
import { Schema, type Node as PMNode, type NodeSpec, type ResolvedPos } from 'prosemirror-model';
import type { ArticleBlock, BlockType } from '../model/article';
import { BLOCK_ELEMENTS, SECTION_CLASS, SECTION_SIZE } from '../dom/article-blocks';

export { SECTION_SIZE };

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
    doc: { content: 'section+' },
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

/** The document for an article's blocks (`sectionSize` other than the default: tests only). */
export function articleDoc(blocks: readonly ArticleBlock[], sectionSize = SECTION_SIZE): PMNode {
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
  return articleSchema.node('doc', null, sections);
}

/** The index of the block (in the article's list) that holds a resolved position, or -1. */
export function blockIndexAt($pos: ResolvedPos, sectionSize = SECTION_SIZE): number {
  return $pos.depth >= 1 ? $pos.index(0) * sectionSize + $pos.index(1) : -1;
}
