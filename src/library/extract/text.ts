/** The plain-text reader: the seed's form, block types inferred from the lines' shape. */
import type { ArticleBlock, BlockType } from '../../model/article';
import { codePointLength } from '../../anchoring/code-points';

/** Longest line (code points) that can still be read as a heading in plain text. */
export const MAX_HEADING_LENGTH = 80;

/**
 * Plain text in the seed's form. The first non-blank line is the title. If
 * the body (what follows the title, leaving aside blank lines right after the
 * title and at the end) contains a blank line, blocks are separated by blank
 * lines and the single newlines inside a block are wrapped lines (they become
 * spaces); otherwise every line is a block.
 */
export function extractText(text: string): ArticleBlock[] {
  const lines = text.split('\n').map((l) => l.trim());
  const titleAt = lines.findIndex((l) => l !== '');
  if (titleAt < 0) return [];
  let bodyAt = titleAt + 1;
  while (bodyAt < lines.length && lines[bodyAt] === '') bodyAt++;
  let bodyEnd = lines.length;
  // Trailing blank lines (a final newline) separate nothing.
  while (bodyEnd > bodyAt && lines[bodyEnd - 1] === '') bodyEnd--;
  const body = lines.slice(bodyAt, bodyEnd);

  let texts: string[];
  if (body.includes('')) {
    texts = [];
    let current: string[] = [];
    for (const line of [...body, '']) {
      if (line !== '') current.push(line);
      else if (current.length > 0) {
        texts.push(current.join(' '));
        current = [];
      }
    }
  } else {
    texts = body;
  }
  return inferTextTypes(lines[titleAt]!, texts);
}

/** Characters that close a quotation or a parenthesis, looked through when reading how a line ends. */
const CLOSERS = /[\s"'»”’)\]]+$/u;
/** Punctuation that ends a sentence or introduces what follows: a line ending so is not a heading. */
const TERMINAL = /[.!?:;,…]$/u;
const OPENING_QUOTE = /^["«“„]/u;
const CLOSING_QUOTE = /["»”][.!?…]?$/u;

/**
 * Block types from plain text, whose lines carry no markup:
 *
 * - heading: a line of at most 80 code points that does not end with
 *   . ! ? : ; , or … (closing quotes and brackets looked through), and whose
 *   neighbours are not such lines — a heading introduces a longer block, so
 *   a last line (a byline) or a run of short lines (a list) stays paragraphs;
 * - blockquote: a block right after a paragraph ending with ":" (the way the
 *   seed introduces its quotation), or a block that opens and closes with
 *   quotation marks;
 * - standfirst (in `markStandfirst`): the block after the title when a heading
 *   follows it;
 * - anything else is a paragraph.
 */
function inferTextTypes(title: string, texts: string[]): ArticleBlock[] {
  const short = texts.map(
    (t) =>
      codePointLength(t) <= MAX_HEADING_LENGTH &&
      /\p{L}/u.test(t) &&
      !TERMINAL.test(t.replace(CLOSERS, '')),
  );
  const types: BlockType[] = texts.map((t, i) => {
    if (short[i] && i + 1 < texts.length && !short[i + 1] && !(i > 0 && short[i - 1])) {
      return 'heading';
    }
    return 'paragraph';
  });
  for (let i = 0; i < texts.length; i++) {
    if (types[i] !== 'paragraph') continue;
    const t = texts[i]!;
    const afterColon = i > 0 && types[i - 1] === 'paragraph' && texts[i - 1]!.endsWith(':');
    if (afterColon || (OPENING_QUOTE.test(t) && CLOSING_QUOTE.test(t))) types[i] = 'blockquote';
  }
  return [{ type: 'title', text: title }, ...texts.map((text, i) => ({ type: types[i]!, text }))];
}
