/**
 * Extraction: from an incoming file or paste to an article's `{ title, blocks }`.
 *
 * Three input formats, chosen by extension, then MIME type, then a sniff
 * (`input.ts`), each with its reader:
 *
 * - plain text in the seed's form (first line = title, then one block per line
 *   or blank-line-separated blocks), with block types inferred from the shape
 *   of the lines (`text.ts`);
 * - Markdown, parsed by micromark (CommonMark and GFM tables, strike-through,
 *   footnotes) and its tree walked into blocks (`markdown.ts`);
 * - HTML, parsed with DOMParser into an inert document ('text/html' never
 *   runs scripts), its article found by Mozilla's Readability when it is a
 *   whole page, and reduced to the text of its blocks — no attribute, link
 *   or script survives (`html.ts`).
 *
 * Every format then goes through one normalisation (NFC, no control
 * characters, collapsed whitespace, no empty blocks) and one check of the
 * limits, so that the canonical text an annotation points into is the same
 * whichever way the article came in. Problems are machine codes; the UI
 * translates them.
 */
import { canonicalText, type ArticleBlock, type ArticleOrigin } from '../../model/article';
import { codePointLength } from '../../anchoring/code-points';
import { ensureTitle, markStandfirst } from './blocks';
import { chooseFormat, cleanText, looksLikeText, normaliseInput } from './input';
import { extractText } from './text';
import { extractMarkdown } from './markdown';
import { extractHtmlArticle } from './html';

export { MAX_HEADING_LENGTH } from './text';
export { contentHash } from './hash';
export { articleIdFor, MAX_SLUG_LENGTH } from './slug';

/** Most code points of canonical text an article may have. */
export const MAX_TEXT_CODE_POINTS = 1_000_000;

/**
 * Most UTF-16 units of raw input looked at. Markup can dwarf the text it
 * carries (a saved news page is mostly scripts and attributes), so the raw
 * guard is generous; it only keeps a huge file from reaching the parser.
 */
export const MAX_INPUT_LENGTH = 10 * MAX_TEXT_CODE_POINTS;

/** The formats extractArticle reads. */
export type SourceFormat = 'text' | 'markdown' | 'html';

/** Why an input could not become an article. The UI maps each `code` to a message. */
export type ExtractProblem =
  | { code: 'empty' }
  | { code: 'not-text' }
  | { code: 'too-large'; limit: number }
  | { code: 'no-blocks' };

/** The outcome of extractArticle. */
export type ExtractResult =
  | {
      ok: true;
      title: string;
      blocks: ArticleBlock[];
      format: SourceFormat;
      /** Where the page says the article was published (HTML only). */
      origin?: ArticleOrigin;
    }
  | { ok: false; problem: ExtractProblem };

/** An incoming file (`name` with its extension, `type` its MIME type) or a paste (empty name). */
export interface ExtractInput {
  name: string;
  type?: string;
  text: string;
}

/**
 * Turns a file or paste into an article's title and blocks, or says why not.
 * Exactly one block is the title — the first one unless the source put its
 * title (a Markdown or HTML h1) further down — and `title` is its text.
 */
export function extractArticle(input: ExtractInput): ExtractResult {
  const raw = input.text;
  if (raw.trim() === '') return fail({ code: 'empty' });
  if (raw.length > MAX_INPUT_LENGTH) {
    return fail({ code: 'too-large', limit: MAX_TEXT_CODE_POINTS });
  }
  const format = chooseFormat(input);
  if (format === null || !looksLikeText(raw)) return fail({ code: 'not-text' });

  const text = normaliseInput(raw);
  let blocks: ArticleBlock[];
  let origin: ArticleOrigin | undefined;
  switch (format) {
    case 'text':
      blocks = extractText(text);
      break;
    case 'markdown':
      blocks = extractMarkdown(text);
      break;
    case 'html':
      ({ blocks, origin } = extractHtmlArticle(text));
      break;
  }

  blocks = blocks
    .map((b) => ({ type: b.type, text: cleanText(b.text) }))
    .filter((b) => b.text !== '');
  if (blocks.length === 0) return fail({ code: 'no-blocks' });
  blocks = ensureTitle(blocks);
  blocks = markStandfirst(blocks);

  if (codePointLength(canonicalText(blocks)) > MAX_TEXT_CODE_POINTS) {
    return fail({ code: 'too-large', limit: MAX_TEXT_CODE_POINTS });
  }
  // The title block need not come first (a kicker may precede an HTML h1).
  const title = blocks.find((b) => b.type === 'title')!.text;
  return origin ? { ok: true, title, blocks, format, origin } : { ok: true, title, blocks, format };
}

function fail(problem: ExtractProblem): ExtractResult {
  return { ok: false, problem };
}
