/**
 * The ProseMirror schema of an article: a list of text blocks, one node type
 * per block role, no marks (highlights are decorations, not marks, because
 * annotations are not part of the immutable text).
 */
import { Schema, type Node as PMNode, type NodeSpec } from 'prosemirror-model';
import type { ArticleBlock, BlockType } from '../model/article';

function textBlock(tag: string, className?: string): NodeSpec {
  return {
    group: 'block',
    content: 'text*',
    marks: '',
    parseDOM: [{ tag }],
    toDOM: () => (className ? [tag, { class: className }, 0] : [tag, 0]),
  };
}

export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    title: textBlock('h1', 'article-title'),
    standfirst: textBlock('p.standfirst', 'standfirst'),
    heading: textBlock('h2', 'article-heading'),
    paragraph: textBlock('p'),
    blockquote: textBlock('blockquote'),
    text: { group: 'inline' },
  },
});

/** The document for an article's blocks. */
export function articleDoc(blocks: readonly ArticleBlock[]): PMNode {
  return articleSchema.node(
    'doc',
    null,
    blocks.map((b) =>
      articleSchema.node(
        b.type satisfies BlockType,
        null,
        b.text ? [articleSchema.text(b.text)] : [],
      ),
    ),
  );
}
