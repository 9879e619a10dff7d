/**
 * The Markdown reader: CommonMark (plus GFM tables, strike-through and
 * footnotes) parsed by micromark into an mdast tree, walked into blocks.
 *
 * Of GFM, only the parts that change the text are taken, each from the
 * package `micromark-extension-gfm` / `mdast-util-gfm` bundle: autolink
 * literals (`www.x.fr` as a link) give the same text as without them and
 * made parsing half again as slow; task-list checkboxes and the tag filter
 * are about HTML output.
 *
 * Why a parser: Markdown's inline rules (emphasis flanking, code spans,
 * escapes, character references, links and their brackets) are subtle, and
 * a hand-written approximation got them wrong in ways no test finds in
 * advance. `mdast-util-from-markdown` (micromark) is CommonMark-exact, has
 * no dependencies on a DOM, is linear on hostile input and is the parser of
 * the unified/remark ecosystem, so the GFM extensions are its own.
 *
 * Blocks:
 * - the first h1 is the title, other headings are headings;
 * - every paragraph, heading or list item inside a `>` quote is a blockquote
 *   block (a nested quote is still quoted text);
 * - each list item's paragraphs are paragraphs;
 * - code blocks are kept as text, unprocessed;
 * - a GFM table gives one paragraph per row, cells separated by " | ";
 * - a footnote definition's paragraphs are paragraphs where it was written;
 *   the reference marker ([^1]) in the text goes;
 * - thematic breaks, link reference definitions, raw HTML and images go.
 *
 * Inline: text, code and the text of links are kept; emphasis markers go.
 *
 * One departure from CommonMark, for speed: inline raw HTML (a tag or a
 * comment inside a paragraph) longer than MAX_INLINE_HTML characters is
 * read as text. micromark looks for the end of every `<!--` or `<tag` to the
 * end of its paragraph, so a long paragraph of unclosed ones took it
 * quadratic time (40 s on 400,000 characters).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { htmlText } from 'micromark-core-commonmark';
import type { Construct, Extension, State } from 'micromark-util-types';
import type { Nodes, Parents, PhrasingContent, RootContent } from 'mdast';
import type { ArticleBlock, BlockType } from '../../model/article';
import { resolveH1, type RawBlock } from './blocks';

/**
 * YAML or TOML-like front matter at the very start. Not CommonMark (which
 * reads "---" as a thematic break and the next "---" as a setext underline),
 * so it is set aside before parsing: the one hand-written rule here.
 */
const FRONT_MATTER = /^---\n[\s\S]*?\n(?:---|\.\.\.)(?:\n|$)/;

/** Longest inline raw HTML (UTF-16 units, a tag or a comment) read as HTML. */
export const MAX_INLINE_HTML = 2000;

/**
 * CommonMark's inline HTML construct, giving up on what cannot end within
 * MAX_INLINE_HTML characters. Two guards:
 *
 * - before it starts: a tag or other construct ends at a `>`, a comment at
 *   `-->`; when the next one is further than the limit (or there is none),
 *   it fails at once. The next `>` and `-->` are found with a cursor that
 *   only moves forward, so this costs linear time over a paragraph;
 * - while it runs (a `>` inside a quoted attribute does not end a tag):
 *   every state is wrapped to count what it is fed, and it fails past the
 *   limit.
 *
 * A construct that fails is undone by micromark: its `<` is plain text, as
 * for any other HTML that does not close.
 */
function boundedHtmlText(source: string): Extension {
  const nextTagEnd = nextOccurrence(source, '>');
  const nextCommentEnd = nextOccurrence(source, '-->');
  const construct: Construct = {
    name: 'boundedHtmlText',
    add: 'after',
    tokenize(effects, ok, nok) {
      const at = this.now().offset;
      const end = source.startsWith('<!--', at) ? nextCommentEnd(at) : nextTagEnd(at);
      if (end - at > MAX_INLINE_HTML) return nok;
      // Only the construct's own states are counted: once it has answered,
      // the states that follow are the surrounding tokenizer's.
      let fed = 0;
      let answered = false;
      const done: State = (code) => {
        answered = true;
        return ok(code);
      };
      const fail: State = (code) => {
        answered = true;
        return nok(code);
      };
      const wrap =
        (state: State): State =>
        (code) => {
          if (++fed > MAX_INLINE_HTML) return fail(code);
          const next = state(code);
          return typeof next === 'function' && !answered ? wrap(next) : next;
        };
      return wrap(htmlText.tokenize.call(this, effects, done, fail));
    },
  };
  return { disable: { null: ['htmlText'] }, text: { 60 /* < */: construct } };
}

/**
 * `(from) => source.indexOf(needle, from)` (Infinity for none), remembering
 * its last answer: asked in increasing order, it reads the source once.
 */
function nextOccurrence(source: string, needle: string): (from: number) => number {
  let askedFrom = 0;
  let found = -1;
  return (from) => {
    if (from < askedFrom || from > found) {
      askedFrom = from;
      found = source.indexOf(needle, from);
      if (found < 0) found = Infinity;
    }
    return found;
  };
}

export function extractMarkdown(text: string): ArticleBlock[] {
  const source = text.replace(FRONT_MATTER, '');
  const tree = fromMarkdown(source, {
    extensions: [gfmTable(), gfmStrikethrough(), gfmFootnote(), boundedHtmlText(source)],
    mdastExtensions: [
      gfmTableFromMarkdown(),
      gfmStrikethroughFromMarkdown(),
      gfmFootnoteFromMarkdown(),
    ],
  });
  const blocks: RawBlock[] = [];

  // Depth-first with a stack of its own: no nesting depth exhausts the call stack.
  const stack: { node: RootContent; quoted: boolean }[] = [];
  const pushChildren = (parent: Parents, quoted: boolean) => {
    for (let i = parent.children.length - 1; i >= 0; i--) {
      stack.push({ node: parent.children[i] as RootContent, quoted });
    }
  };
  pushChildren(tree, false);
  while (stack.length > 0) {
    const { node, quoted } = stack.pop()!;
    const type = (own: BlockType | 'h1'): BlockType | 'h1' => (quoted ? 'blockquote' : own);
    switch (node.type) {
      case 'heading':
        blocks.push({ type: type(node.depth === 1 ? 'h1' : 'heading'), text: inlineText(node) });
        break;
      case 'paragraph':
        blocks.push({ type: type('paragraph'), text: inlineText(node) });
        break;
      case 'code':
        blocks.push({ type: type('paragraph'), text: node.value });
        break;
      case 'table':
        for (const row of node.children) {
          const cells = row.children.map((cell) => inlineText(cell).trim());
          blocks.push({ type: type('paragraph'), text: cells.join(' | ') });
        }
        break;
      case 'blockquote':
        pushChildren(node, true);
        break;
      case 'list':
      case 'listItem':
      case 'footnoteDefinition':
        pushChildren(node, quoted);
        break;
      // thematicBreak, definition, html, and anything else: no article text.
    }
  }
  return resolveH1(blocks);
}

/**
 * The plain text of a node's phrasing content: text, inline code and the
 * text of links and emphasis; images, raw HTML and footnote references give
 * nothing, a hard break a space.
 */
function inlineText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        out += n.value;
        break;
      case 'break':
        out += ' ';
        break;
      case 'image':
      case 'imageReference':
      case 'html':
      case 'footnoteReference':
        break;
      default:
        if ('children' in n) {
          const children = n.children as PhrasingContent[];
          for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
        }
    }
  }
  return out;
}
