/**
 * Extraction: from an incoming file or paste to an article's `{ title, blocks }`.
 *
 * Three input formats, chosen by extension, then MIME type, then a sniff:
 *
 * - plain text in the seed's form (first line = title, then one block per line
 *   or blank-line-separated blocks), with block types inferred from the shape
 *   of the lines (see `inferTextTypes`);
 * - Markdown, whose `#` headings and `>` quotes give the types and whose
 *   inline markers are stripped to plain text;
 * - HTML, parsed with DOMParser ('text/html' never runs scripts) and reduced
 *   to the text of its blocks — no attribute, link or script survives.
 *
 * Every format then goes through one normalisation (NFC, no control
 * characters, collapsed whitespace, no empty blocks) and one check of the
 * limits, so that the canonical text an annotation points into is the same
 * whichever way the article came in. Problems are machine codes; the UI
 * translates them.
 */
import { canonicalText, type ArticleBlock, type BlockType } from '../model/article';
import { codePointLength } from '../anchoring/code-points';

/** Most code points of canonical text an article may have. */
export const MAX_TEXT_CODE_POINTS = 1_000_000;

/**
 * Most UTF-16 units of raw input looked at. Markup can dwarf the text it
 * carries (a saved news page is mostly scripts and attributes), so the raw
 * guard is generous; it only keeps a huge file from reaching the parser.
 */
export const MAX_INPUT_LENGTH = 10 * MAX_TEXT_CODE_POINTS;

/** Longest line (code points) that can still be read as a heading in plain text. */
export const MAX_HEADING_LENGTH = 80;

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
  | { ok: true; title: string; blocks: ArticleBlock[]; format: SourceFormat }
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
  switch (format) {
    case 'text':
      blocks = extractText(text);
      break;
    case 'markdown':
      blocks = extractMarkdown(text);
      break;
    case 'html':
      blocks = extractHtml(text);
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
  return { ok: true, title, blocks, format };
}

function fail(problem: ExtractProblem): ExtractResult {
  return { ok: false, problem };
}

// ---------------------------------------------------------------------------
// Format and text checks

const TEXT_EXTENSIONS = new Set(['txt', 'text']);
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml']);
const HTML_START =
  /^\s*<(?:!doctype\s+html|html|head|body|meta|article|main|section|header|div|p|h[1-6]|blockquote|ul|ol)[\s>/]/i;

/**
 * The format of an input: its extension wins (browsers often leave `type`
 * empty or guess wrong for .md), then its MIME type, then a look at the text.
 * Null for a MIME type that is plainly not text (an image, a PDF…).
 */
function chooseFormat(input: ExtractInput): SourceFormat | null {
  const dot = input.name.lastIndexOf('.');
  const ext = dot >= 0 ? input.name.slice(dot + 1).toLowerCase() : '';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (HTML_EXTENSIONS.has(ext)) return 'html';

  const mime = (input.type ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'text/markdown' || mime === 'text/x-markdown') return 'markdown';
  if (mime.startsWith('text/')) return 'text';
  if (/^(image|audio|video|font)\//.test(mime)) return null;
  if (/^application\/(pdf|zip|gzip|x-tar|x-7z-compressed|vnd\.|msword|octet-stream)/.test(mime)) {
    // Only a file we know nothing about by name; .txt/.md/.html returned above.
    return null;
  }
  // A paste or an unnamed file: HTML if it starts like a page or a fragment of one.
  return HTML_START.test(input.text) ? 'html' : 'text';
}

/**
 * Is this text, or bytes decoded as if they were? Binary data decoded as
 * UTF-8 shows NUL bytes, control characters and U+FFFD replacement
 * characters; text has at most a stray one. More than 1 in 100 (and at least
 * 3) is "not text" — which also turns away a Latin-1 file read as UTF-8,
 * whose every accented letter would otherwise arrive as U+FFFD.
 */
function looksLikeText(text: string): boolean {
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (isUnwantedControl(c) || c === 0xfffd) suspicious++;
  }
  return suspicious < 3 || suspicious <= text.length / 100;
}

/** C0 and C1 controls and DEL, except the whitespace ones (tab, LF, VT, FF, CR). */
function isUnwantedControl(c: number): boolean {
  return (c < 0x20 && (c < 0x09 || c > 0x0d)) || (c >= 0x7f && c <= 0x9f);
}

/** One form for every input: no BOM, "\n" line ends, NFC, no stray controls. */
function normaliseInput(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      // NFC so that "é" typed on one system and pasted from another is one text.
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- removing controls is the point
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g, '')
  );
}

/**
 * A block's final text: one line, ASCII whitespace runs collapsed to one
 * space, trimmed. No-break spaces are kept — French typography uses them
 * before « : ; » and they are part of the text.
 */
function cleanText(text: string): string {
  return text.replace(/[ \t\n\v\f\r]+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Block types shared by all formats

/** Makes the first block the title when the source named none. */
function ensureTitle(blocks: ArticleBlock[]): ArticleBlock[] {
  if (blocks.some((b) => b.type === 'title')) return blocks;
  return blocks.map((b, i) => (i === 0 ? { ...b, type: 'title' } : b));
}

/**
 * The standfirst: the paragraph right after the title, when a heading follows
 * it — the summary that precedes the first section. HTML can also name it by
 * class; such a block stays a standfirst only right after the title (there is
 * one summary, under the title).
 */
function markStandfirst(blocks: ArticleBlock[]): ArticleBlock[] {
  const after = blocks.findIndex((b) => b.type === 'title') + 1;
  return blocks.map((b, i) => {
    if (i === after) {
      const summary = b.type === 'paragraph' && blocks[i + 1]?.type === 'heading';
      return summary ? { ...b, type: 'standfirst' } : b;
    }
    return b.type === 'standfirst' ? { ...b, type: 'paragraph' } : b;
  });
}

// ---------------------------------------------------------------------------
// Plain text

/**
 * Plain text in the seed's form. The first non-blank line is the title. If
 * the body (what follows the title, leaving aside blank lines right after the
 * title and at the end) contains a blank line, blocks are separated by blank
 * lines and the single newlines inside a block are wrapped lines (they become
 * spaces); otherwise every line is a block.
 */
function extractText(text: string): ArticleBlock[] {
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

// ---------------------------------------------------------------------------
// Markdown

/**
 * Markdown's block structure, as much of it as an article uses: ATX (`#`) and
 * setext (underlined) headings, `>` quotes (each paragraph of a quote is a
 * blockquote block), list items (one paragraph each), fenced code (kept as
 * text), paragraphs. Front matter, thematic breaks and link reference
 * definitions are dropped. The first h1 is the title, other headings are
 * headings; with no h1, the first block becomes the title.
 */
function extractMarkdown(text: string): ArticleBlock[] {
  const lines = text.replace(/^---\n[\s\S]*?\n(?:---|\.\.\.)(?:\n|$)/, '').split('\n');
  const blocks: { type: BlockType | 'h1'; text: string }[] = [];
  let para: string[] = [];
  let paraType: BlockType = 'paragraph';
  let fence: string | null = null;

  const flush = () => {
    if (para.length > 0) blocks.push({ type: paraType, text: stripInline(para.join('\n')) });
    para = [];
    paraType = 'paragraph';
  };

  for (const line of lines) {
    if (fence !== null) {
      // Code is kept as text, unprocessed: its markers are not markup.
      if (line.trimStart().startsWith(fence)) {
        blocks.push({ type: 'paragraph', text: para.join('\n') });
        para = [];
        fence = null;
      } else para.push(line);
      continue;
    }
    const fenceOpen = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceOpen) {
      flush();
      fence = fenceOpen[1]!;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) {
      flush();
      blocks.push({
        type: atx[1]!.length === 1 ? 'h1' : 'heading',
        text: stripInline(atx[2] ?? ''),
      });
      continue;
    }
    // A setext underline turns the paragraph above it into a heading.
    const setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(line);
    if (setext && para.length > 0 && paraType === 'paragraph') {
      blocks.push({
        type: setext[1]![0] === '=' ? 'h1' : 'heading',
        text: stripInline(para.join('\n')),
      });
      para = [];
      continue;
    }
    if (/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/.test(line)) {
      flush();
      continue;
    }
    if (/^ {0,3}\[[^\]]+\]:\s*\S+/.test(line)) {
      flush();
      continue;
    }
    const quote = /^ {0,3}>/.exec(line);
    if (quote) {
      // Every level of ">" is stripped: a nested quote is still quoted text.
      const inner = line.replace(/^(\s{0,3}>\s?)+/, '');
      if (paraType !== 'blockquote') flush();
      if (inner.trim() === '') flush();
      else {
        paraType = 'blockquote';
        para.push(inner);
      }
      continue;
    }
    const item = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/.exec(line);
    if (item) {
      flush();
      para.push(item[1]!);
      continue;
    }
    // A plain line continuing a quote ends it (no lazy continuation: simpler, and rare in articles).
    if (paraType === 'blockquote') flush();
    para.push(line);
  }
  if (fence !== null) blocks.push({ type: 'paragraph', text: para.join('\n') });
  else flush();

  return resolveH1(blocks);
}

/** The first h1 becomes the title, later ones headings. */
function resolveH1(blocks: { type: BlockType | 'h1'; text: string }[]): ArticleBlock[] {
  let titled = false;
  return blocks.map((b) => {
    if (b.type !== 'h1') return { type: b.type, text: b.text };
    const type: BlockType = titled ? 'heading' : 'title';
    titled = true;
    return { type, text: b.text };
  });
}

/** A piece of text set aside by stripInline. */
// eslint-disable-next-line no-control-regex -- the placeholders are control characters on purpose
const PLACEHOLDER = /\u0001(\d+)\u0002/g;

/**
 * Markdown inline syntax to plain text: code spans keep their content,
 * backslash escapes their character; links keep their text, images, raw
 * HTML tags and comments vanish, emphasis and strike-through markers go.
 *
 * A paragraph can be a million characters of anything, so every pattern
 * here is bounded (a link text of at most 300 characters, a code span of at
 * most 1,000…) and emphasis is matched by one linear scan: no input makes
 * this quadratic.
 */
function stripInline(text: string): string {
  // Literal pieces are set aside behind control-character placeholders,
  // which normaliseInput guarantees the text no longer contains.
  const kept: string[] = [];
  const keep = (s: string) => `\u0001${kept.push(s) - 1}\u0002`;

  const out = text
    .replace(/(?<!`)(`+)(?!`)([\s\S]{1,1000}?)(?<!`)\1(?!`)/g, (_m, _ticks, code: string) =>
      keep(code.replace(/^ (.*) $/s, '$1')),
    )
    .replace(/\\([!-/:-@[-`{-~])/g, (_m, ch: string) => keep(ch))
    .replace(/<((?:https?|mailto):[^\s<>]{1,2000})>/gi, (_m, url: string) => keep(url))
    .replace(/<!--[\s\S]{0,5000}?-->/g, '')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,1000})?\/?>/g, '')
    .replace(/!\[[^[\]]{0,300}\](?:\((?:[^()]|\([^()]{0,2000}\)){0,2000}\)|\[[^[\]]{0,300}\])/g, '')
    .replace(/\[([^[\]]{0,300})\]\((?:[^()]|\([^()]{0,2000}\)){0,2000}\)/g, '$1')
    .replace(/\[([^[\]]{1,300})\]\[[^[\]]{0,300}\]/g, '$1');

  return decodeEntities(stripEmphasis(out)).replace(
    PLACEHOLDER,
    (_m, i: string) => kept[Number(i)] ?? '',
  );
}

/**
 * Removes emphasis (`*`, `_`, runs of up to three) and strike-through (`~~`)
 * markers that pair up, CommonMark-style but simplified: a run can open when
 * followed by a non-space and close when preceded by one; "_" must also not
 * touch a letter or digit on the outer side, so snake_case stays. A closer
 * pairs with the nearest open run of the same character; unpaired markers
 * stay as text ("5 * 3").
 */
function stripEmphasis(text: string): string {
  const drop = new Uint8Array(text.length);
  const open: Record<string, { at: number; length: number }[]> = { '*': [], _: [], '~': [] };
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c !== '*' && c !== '_' && c !== '~') {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] === c) j++;
    const length = j - i;
    if ((c === '~' && length !== 2) || length > 3) {
      i = j;
      continue;
    }
    const before = text[i - 1] ?? ' ';
    const after = text[j] ?? ' ';
    let canOpen = !/\s/u.test(after);
    let canClose = !/\s/u.test(before);
    if (c === '_') {
      canOpen &&= !/[\p{L}\p{N}]/u.test(before);
      canClose &&= !/[\p{L}\p{N}]/u.test(after);
    }
    const stack = open[c]!;
    const opener = canClose ? stack.pop() : undefined;
    if (opener) {
      // Pair as many markers as both runs have, from the inside out.
      const n = Math.min(opener.length, length);
      drop.fill(1, opener.at + opener.length - n, opener.at + opener.length);
      drop.fill(1, i, i + n);
    } else if (canOpen) {
      stack.push({ at: i, length });
    }
    i = j;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (drop[i] === 1) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/** The character references Markdown text uses in practice; others stay as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]+);/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const cp =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Controls and invalid code points would bypass the input checks: keep them as written.
      if (cp > 0x10ffff || cp === 0 || isUnwantedControl(cp) || (cp >= 0xd800 && cp <= 0xdfff))
        return m;
      return String.fromCodePoint(cp);
    }
    return NAMED_ENTITIES[ref] ?? m;
  });
}

// ---------------------------------------------------------------------------
// HTML

/** Elements whose content is never article text. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'map',
  'button',
  'select',
  'textarea',
  'datalist',
  'dialog',
  'nav',
  'aside',
  'footer',
  'head',
]);

/** ARIA landmark roles of page chrome. */
const DROPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);

/** Elements that end the running text and start another block. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Class names news sites give the summary under the title. */
const STANDFIRST_CLASS =
  /(^|[\s_-])(standfirst|chapo|chapeau|lead|lede|dek|intro|summary|article-summary)($|[\s_-])/i;

/**
 * HTML to blocks. Only Text nodes are read — never attributes, comments or
 * markup — so event handlers, `javascript:` links and the like cannot survive.
 * The article is the `<article>` holding the first h1 (or the longest one),
 * else `<main>`, else the body; page chrome (nav, aside, footers, headers
 * outside the article, hidden elements, ARIA landmarks of chrome) is dropped.
 * Types: first h1 → title, other headings → heading, blockquote → blockquote
 * (every block inside it), a block whose class names a standfirst → standfirst,
 * everything else (p, li, loose text in a div…) → paragraph. With no h1, the
 * document's `<title>` is the title.
 */
function extractHtml(text: string): ArticleBlock[] {
  if (typeof DOMParser === 'undefined') throw new Error('extractHtml needs DOMParser');
  const doc = new DOMParser().parseFromString(text, 'text/html');
  const root = articleRoot(doc);
  const blocks: { type: BlockType | 'h1'; text: string }[] = [];
  let buffer = '';
  let bufferType: BlockType | 'h1' = 'paragraph';

  const flush = () => {
    if (buffer.trim() !== '') blocks.push({ type: bufferType, text: buffer });
    buffer = '';
  };

  // Depth-first, with a stack of its own rather than recursion, so that no
  // nesting depth can exhaust the call stack.
  type Visit = { node: Node; type: BlockType | 'h1'; inArticle: boolean } | 'end-of-block';
  const stack: Visit[] = [];
  const visitChildren = (node: Node, type: BlockType | 'h1', inArticle: boolean) => {
    for (let c = node.lastChild; c !== null; c = c.previousSibling) {
      stack.push({ node: c, type, inArticle });
    }
  };
  visitChildren(root, 'paragraph', root.localName === 'article');
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (visit === 'end-of-block') {
      flush();
      continue;
    }
    const { node, type, inArticle } = visit;
    if (node.nodeType === 3 /* TEXT_NODE */) {
      buffer += (node as Text).data;
      bufferType = type;
      continue;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) continue;
    const el = node as Element;
    const tag = el.localName.toLowerCase();
    if (DROPPED.has(tag) || isChrome(el, tag, inArticle)) continue;
    if (tag === 'br') {
      buffer += ' ';
    } else if (!BLOCK_ELEMENTS.has(tag)) {
      visitChildren(el, type, inArticle);
    } else {
      flush();
      stack.push('end-of-block');
      visitChildren(el, blockType(el, tag, type), inArticle || tag === 'article');
    }
  }
  flush();

  const result = resolveH1(blocks);
  if (!result.some((b) => b.type === 'title')) {
    const title = doc.title.trim();
    if (title !== '') result.unshift({ type: 'title', text: title });
  }
  return result;
}

/** The element holding the article's text. */
function articleRoot(doc: Document): Element {
  const articles = Array.from(doc.querySelectorAll('article'));
  const withTitle = articles.find((a) => a.querySelector('h1') !== null);
  if (withTitle) return withTitle;
  if (articles.length > 0) {
    // Comments and teasers are articles too; the story is the longest.
    return articles.reduce((a, b) =>
      (b.textContent ?? '').length > (a.textContent ?? '').length ? b : a,
    );
  }
  return doc.querySelector('main, [role="main"]') ?? doc.body ?? doc.documentElement;
}

/** Page chrome and hidden content: not the article's text. */
function isChrome(el: Element, tag: string, inArticle: boolean): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role !== null && DROPPED_ROLES.has(role.toLowerCase())) return true;
  // An article's own <header> holds its title and standfirst; the page's is chrome.
  return tag === 'header' && !inArticle;
}

/** The type of the blocks inside element `el`, given the type around it. */
function blockType(el: Element, tag: string, outer: BlockType | 'h1'): BlockType | 'h1' {
  // Everything inside a quotation is quoted, headings and paragraphs alike.
  if (outer === 'blockquote' || tag === 'blockquote') return 'blockquote';
  if (tag === 'h1') return 'h1';
  if (/^h[2-6]$/.test(tag)) return 'heading';
  if (STANDFIRST_CLASS.test(el.getAttribute('class') ?? '')) return 'standfirst';
  if (outer === 'standfirst' || outer === 'h1' || outer === 'heading') return outer;
  return 'paragraph';
}

// ---------------------------------------------------------------------------
// Identity

/** SHA-256 (lowercase hex) of the blocks' canonical text, to recognise a text already in the library. */
export async function contentHash(blocks: readonly ArticleBlock[]): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalText(blocks));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Longest slug (before a "-2" suffix). */
export const MAX_SLUG_LENGTH = 60;

/** Letters that no Unicode decomposition turns into ASCII. */
const LIGATURES: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * A URL-safe id for an article titled `title`: accents stripped, lowercased,
 * words joined with "-", at most 60 characters (cut at a word boundary when
 * possible), "article" when nothing is left. If the slug is taken, "-2",
 * "-3"… is added. The same title and library always give the same id.
 */
export function articleIdFor(title: string, existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  let slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæßøłđðþı]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
    const lastHyphen = cut.lastIndexOf('-');
    // Keep whole words unless that would leave too little.
    slug = (
      lastHyphen >= MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_SLUG_LENGTH)
    ).replace(/-+$/, '');
  }
  if (slug === '') slug = 'article';
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
