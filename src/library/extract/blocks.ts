/** Block-type rules shared by every reader. */
import type { ArticleBlock, BlockType } from '../../model/article';

/** A block as a reader produces it: an h1 is told apart until the title is chosen. */
export type RawBlock = { type: BlockType | 'h1'; text: string };

/** Makes the first block the title when the source named none. */
export function ensureTitle(blocks: ArticleBlock[]): ArticleBlock[] {
  if (blocks.some((b) => b.type === 'title')) return blocks;
  return blocks.map((b, i) => (i === 0 ? { ...b, type: 'title' } : b));
}

/**
 * The standfirst: the paragraph right after the title, when a heading follows
 * it — the summary that precedes the first section. HTML can also name it by
 * class; such a block stays a standfirst only right after the title (there is
 * one summary, under the title).
 */
export function markStandfirst(blocks: ArticleBlock[]): ArticleBlock[] {
  const after = blocks.findIndex((b) => b.type === 'title') + 1;
  return blocks.map((b, i) => {
    if (i === after) {
      const summary = b.type === 'paragraph' && blocks[i + 1]?.type === 'heading';
      return summary ? { ...b, type: 'standfirst' } : b;
    }
    return b.type === 'standfirst' ? { ...b, type: 'paragraph' } : b;
  });
}

/** The first h1 becomes the title, later ones headings. */
export function resolveH1(blocks: RawBlock[]): ArticleBlock[] {
  let titled = false;
  return blocks.map((b) => {
    if (b.type !== 'h1') return { type: b.type, text: b.text };
    const type: BlockType = titled ? 'heading' : 'title';
    titled = true;
    return { type, text: b.text };
  });
}
