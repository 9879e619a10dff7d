/** An article's identity by content. */
import { canonicalText, type ArticleBlock } from '../../model/article';

/** SHA-256 (lowercase hex) of the blocks' canonical text, to recognise a text already in the library. */
export async function contentHash(blocks: readonly ArticleBlock[]): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalText(blocks));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
