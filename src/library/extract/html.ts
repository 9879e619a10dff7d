/**
 * The HTML reader. What people bring in is usually a whole saved page
 * (Ctrl+S on a newspaper's site): navigation, cookie banners, "read also"
 * links, ads, captions and comments around one article.
 *
 * 1. The markup is parsed with DOMParser into an inert document: 'text/html'
 *    never runs scripts or handlers, loads nothing, and nothing of it is ever
 *    attached to the live document.
 * 2. `defuse` removes what is never text (scripts, styles, handlers, inline
 *    styles — an inline `display: none` becomes `hidden` first).
 * 3. Mozilla's Readability (Firefox's Reader View) finds the article in a
 *    clone of that document (it rewrites the document it reads).
 * 4. Readability's content is reduced to text blocks by `reduceToBlocks`,
 *    the same reduction as for any HTML: headings, paragraphs, block
 *    quotations; only Text nodes are read, never attributes or markup, so
 *    no link, handler or script can survive.
 *
 * Hand-written rules remain where Readability has no answer:
 * - whether to use it at all: when its own test (`isProbablyReaderable`)
 *   says the document is no article page — a fragment, a paste, a very
 *   short page — or it finds nothing, the whole document goes through
 *   `reduceToBlocks`, with the page-chrome rules below;
 * - the title: Readability's is the page's `<title>` cleaned of the site's
 *   name by guesswork; the article's own h1 is what the article calls
 *   itself (see `articleTitle`);
 * - the standfirst: Readability has no notion of it (at best a meta
 *   description as `excerpt`, often shortened); the element whose class
 *   news sites give it is looked for in the page (see `findStandfirst`);
 * - captions: Readability keeps `<figure>` with its `<figcaption>`; a
 *   caption describes a picture that is not brought in, so it is dropped.
 *
 * Why Readability: it is the extractor a browser ships (Firefox), is kept up
 * against real news sites, has no dependencies and runs on any DOM
 * (DOMParser in the browser, jsdom in the unit tests).
 */
import { letInertDocumentSetMarkup, parseMarkup } from '../../dom/trusted-types';
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type { ArticleBlock, BlockType } from '../../model/article';
import { resolveH1, type RawBlock } from './blocks';
import { readOrigin } from './origin';
import type { ArticleOrigin } from '../../model/article';

/** Elements whose content is never article text. */
const DROPPED = new Set([
  'figcaption',
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
  /(^|[\s_-])(standfirst|chapo|chapeau|lead|lede|dek|desc|intro|summary|article-summary)($|[\s_-])/i;

export function extractHtml(text: string): ArticleBlock[] {
  return extractHtmlArticle(text).blocks;
}

/** The blocks of a page, and where it says its article was published (origin.ts). */
export function extractHtmlArticle(text: string): {
  blocks: ArticleBlock[];
  origin: ArticleOrigin | undefined;
} {
  if (typeof DOMParser === 'undefined') throw new Error('extractHtml needs DOMParser');
  const doc = parseMarkup(text, 'text/html');
  const origin = readOrigin(doc);
  return { blocks: htmlBlocks(doc), origin };
}

function htmlBlocks(doc: Document): ArticleBlock[] {
  defuse(doc);
  if (isProbablyReaderable(doc)) {
    const title = articleTitle(doc);
    const standfirst = findStandfirst(doc);
    // Readability rewrites the document it reads: it gets a clone.
    const copy = doc.cloneNode(true) as Document;
    letInertDocumentSetMarkup(copy);
    const article = new Readability(copy, {
      serializer: (node) => node,
    }).parse();
    if (article?.content) {
      const blocks = reduceToBlocks(article.content, true, true).map((b) =>
        // Readability turns h1s into h2s; any left are headings too.
        b.type === 'h1' ? { type: 'heading' as const, text: b.text } : b,
      );
      const titleText = title ?? article.title ?? doc.title;
      if (blocks.length > 0 && collapse(titleText) !== '') {
        return withTitleAndStandfirst(blocks, titleText, standfirst);
      }
    }
  }
  return reducePage(doc);
}

/**
 * The title, then the standfirst, then Readability's blocks less any copy
 * of either (it may keep the h1 as a heading, or the standfirst as a
 * paragraph).
 */
function withTitleAndStandfirst(
  blocks: RawBlock[],
  title: string,
  standfirst: string | null,
): ArticleBlock[] {
  const same = (a: string, b: string) => collapse(a) === collapse(b);
  const body = blocks.filter(
    (b) => !same(b.text, title) && !(standfirst !== null && same(b.text, standfirst)),
  ) as ArticleBlock[];
  const head: ArticleBlock[] = [{ type: 'title', text: title }];
  if (standfirst !== null) head.push({ type: 'standfirst', text: standfirst });
  return [...head, ...body];
}

/** Whitespace collapsed, for comparing texts. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Hand rule (Readability's title is the page's <title> with the site's name
 * guessed away): the first h1 of the article, which is what the article
 * calls itself; null when the page has none.
 */
function articleTitle(doc: Document): string | null {
  const h1 = articleRoot(doc).querySelector('h1') ?? doc.querySelector('body h1');
  const text =
    h1 === null
      ? ''
      : collapse(
          reduceToBlocks(h1, true)
            .map((b) => b.text)
            .join(' '),
        );
  return text === '' ? null : text;
}

/**
 * Hand rule (Readability has no standfirst): the first element of the
 * article whose class names a standfirst, read as text (so not a caption,
 * nor an image's "lead" wrapper, which hold no text once captions go).
 */
function findStandfirst(doc: Document): string | null {
  for (const el of Array.from(articleRoot(doc).querySelectorAll('[class]'))) {
    if (!STANDFIRST_CLASS.test(el.getAttribute('class') ?? '')) continue;
    if (el.closest('figure, aside, nav, footer, [role="complementary"]') !== null) continue;
    const text = collapse(
      reduceToBlocks(el, true)
        .map((b) => b.text)
        .join(' '),
    );
    if (text !== '') return text;
  }
  return null;
}

/**
 * Removes from the inert document what is never text and would only be
 * noise: scripts, styles, and every event-handler and `style` attribute (an
 * inline `display: none` or `visibility: hidden` is kept as `hidden`, which
 * Readability and reduceToBlocks both honour). In Chromium a parsed
 * document still reports each inline style and handler against the page's
 * Content-Security-Policy, once when parsed and again in any clone; after
 * this, the clone given to Readability reports nothing.
 */
function defuse(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll('script, style, link, template, iframe'))) {
    el.remove();
  }
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase();
      if (lower === 'style') {
        const style = el.getAttribute(name) ?? '';
        if (/(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) {
          el.setAttribute('hidden', '');
        }
        el.removeAttribute(name);
      } else if (lower.startsWith('on')) {
        el.removeAttribute(name);
      }
    }
  }
}

/**
 * The page without Readability: the article is the `<article>` holding the
 * first h1 (or the longest one), else `<main>`, else the body; page chrome
 * (nav, aside, footers, headers outside the article, hidden elements, ARIA
 * landmarks of chrome) is dropped. First h1 → title; with no h1, the
 * document's `<title>` is the title.
 */
function reducePage(doc: Document): ArticleBlock[] {
  const root = articleRoot(doc);
  const result = resolveH1(reduceToBlocks(root, root.localName === 'article'));
  if (!result.some((b) => b.type === 'title')) {
    const title = doc.title.trim();
    if (title !== '') result.unshift({ type: 'title', text: title });
  }
  return result;
}

/**
 * HTML to blocks. Only Text nodes are read — never attributes, comments or
 * markup — so event handlers, `javascript:` links and the like cannot survive.
 * Page chrome (nav, aside, footers, headers outside an article, hidden
 * elements, ARIA landmarks of chrome), captions, scripts and other non-text
 * elements are dropped. Types: h1 → 'h1' (the caller decides the title),
 * other headings → heading, blockquote → blockquote (every block inside it),
 * a block whose class names a standfirst → standfirst, everything else (p,
 * li, loose text in a div…) → paragraph.
 */
function reduceToBlocks(root: Node, rootInArticle: boolean, leftovers = false): RawBlock[] {
  const blocks: RawBlock[] = [];
  let buffer = '';
  let bufferType: BlockType | 'h1' = 'paragraph';
  let linkText = 0;
  let hasTime = false;

  const flush = () => {
    if (buffer.trim() !== '' && !(leftovers && isLeftover(buffer, linkText, hasTime))) {
      blocks.push({ type: bufferType, text: buffer });
    }
    buffer = '';
    linkText = 0;
    hasTime = false;
  };

  // Depth-first, with a stack of its own rather than recursion, so that no
  // nesting depth can exhaust the call stack.
  type Visit =
    { node: Node; type: BlockType | 'h1'; inArticle: boolean; inLink: boolean } | 'end-of-block';
  const stack: Visit[] = [];
  const visitChildren = (
    node: Node,
    type: BlockType | 'h1',
    inArticle: boolean,
    inLink: boolean,
  ) => {
    for (let c = node.lastChild; c !== null; c = c.previousSibling) {
      stack.push({ node: c, type, inArticle, inLink });
    }
  };
  visitChildren(root, 'paragraph', rootInArticle, false);
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (visit === 'end-of-block') {
      flush();
      continue;
    }
    const { node, type, inArticle, inLink } = visit;
    if (node.nodeType === 3 /* TEXT_NODE */) {
      const data = (node as Text).data;
      buffer += data;
      if (inLink) linkText += data.trim().length;
      bufferType = type;
      continue;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) continue;
    const el = node as Element;
    const tag = el.localName.toLowerCase();
    if (DROPPED.has(tag) || isChrome(el, tag, inArticle)) continue;
    if (tag === 'time') hasTime = true;
    if (tag === 'br') {
      buffer += ' ';
    } else if (!BLOCK_ELEMENTS.has(tag)) {
      visitChildren(el, type, inArticle, inLink || tag === 'a');
    } else {
      flush();
      stack.push('end-of-block');
      visitChildren(el, blockType(el, tag, type), inArticle || tag === 'article', inLink);
    }
  }
  flush();
  return blocks;
}

/**
 * Readability's own words for an ad slot's label (its `adWords`), which it
 * applies only to the divs it weighs; a label in a span becomes a paragraph.
 */
const AD_LABEL = /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$/iu;

/** A dateline is short: the date, a byline, a reading time. */
const MAX_DATELINE_LENGTH = 200;

/**
 * Hand rules for what Readability leaves around the article's own text,
 * applied to the blocks of its content only:
 * - a block that is mostly link text (at least half): breadcrumbs, a kicker
 *   linking to its section, "read also" teasers, tag lists;
 * - an ad slot's label ("Publicité");
 * - a short block holding a <time>: the dateline ("Publié le …, mis à jour
 *   le …"), with what sits beside it (byline, reading time).
 */
function isLeftover(text: string, linkText: number, hasTime: boolean): boolean {
  const t = collapse(text);
  if (linkText * 2 >= t.replace(/\s/g, '').length) return true;
  if (AD_LABEL.test(t)) return true;
  return hasTime && t.length <= MAX_DATELINE_LENGTH;
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
