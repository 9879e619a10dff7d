/** The Markdown reader. */
import type { ArticleBlock, BlockType } from '../../model/article';
import { resolveH1 } from './blocks';
import { isUnwantedControl } from './input';

/**
 * Markdown's block structure, as much of it as an article uses: ATX (`#`) and
 * setext (underlined) headings, `>` quotes (each paragraph of a quote is a
 * blockquote block), list items (one paragraph each), fenced code (kept as
 * text), paragraphs. Front matter, thematic breaks and link reference
 * definitions are dropped. The first h1 is the title, other headings are
 * headings; with no h1, the first block becomes the title.
 */
export function extractMarkdown(text: string): ArticleBlock[] {
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
