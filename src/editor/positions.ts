/**
 * Canonical-text offsets (code points) ↔ ProseMirror positions.
 *
 * The document is the article's blocks in sections, and the sections in
 * groups (schema.ts). A block adds two positions (its opening and closing
 * token) and the canonical text puts two characters ("\n\n") between
 * blocks, so within a section a UTF-16 offset u sits at u + 1 + (the
 * section's and its group's opening tokens). Each section boundary adds two
 * tokens more (a section's closing and the next one's opening), and so does
 * each group boundary: in section k, of group g, u sits at u + 3 + 2k + 2g.
 * The other real work is code points ↔ UTF-16, which CodePointIndex does.
 */
import { CodePointIndex } from '../anchoring/code-points';
import { BLOCK_SEPARATOR, canonicalText, type ArticleBlock } from '../model/article';
import { GROUP_SIZE, SECTION_SIZE } from './schema';

/** An article's text, indexed for offsets and for the positions of its sections. */
export class ArticleIndex extends CodePointIndex {
  /** UTF-16 offset of each section's first character. */
  private readonly sectionStarts: number[] = [];

  constructor(
    blocks: readonly ArticleBlock[],
    sectionSize = SECTION_SIZE,
    private readonly groupSize = GROUP_SIZE,
  ) {
    super(canonicalText(blocks));
    let u = 0;
    blocks.forEach((b, i) => {
      if (i % sectionSize === 0) this.sectionStarts.push(u);
      u += b.text.length + BLOCK_SEPARATOR.length;
    });
    if (this.sectionStarts.length === 0) this.sectionStarts.push(0);
  }

  /** The section holding UTF-16 offset u (a separator belongs to the section before it). */
  sectionOfUtf16(u: number): number {
    return lastAtOrBefore(this.sectionStarts, (start) => start, u);
  }

  /** The section holding document position `pos` (tokens between sections: the one before). */
  sectionOfPos(pos: number): number {
    return lastAtOrBefore(this.sectionStarts, (start, k) => start + this.tokensBefore(k), pos);
  }

  /** The tokens before section k's text: u in section k sits at u + tokensBefore(k). */
  tokensBefore(k: number): number {
    return 3 + 2 * k + 2 * Math.floor(k / this.groupSize);
  }
}

/** The last index i with key(items[i], i) <= x (0 if none). */
function lastAtOrBefore(
  items: readonly number[],
  key: (item: number, i: number) => number,
  x: number,
): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (key(items[mid]!, mid) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Document position of a code-point offset of the canonical text. */
export function offsetToPos(index: ArticleIndex, offset: number): number {
  const u = index.toUtf16(offset);
  return u + index.tokensBefore(index.sectionOfUtf16(u));
}

/** Code-point offset of a document position. */
export function posToOffset(index: ArticleIndex, pos: number): number {
  const u = pos - index.tokensBefore(index.sectionOfPos(pos));
  return index.toCodePoint(Math.max(0, Math.min(u, index.text.length)));
}
