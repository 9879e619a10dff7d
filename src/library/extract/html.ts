/** The HTML reader. */
import type { ArticleBlock, BlockType } from '../../model/article';
import { resolveH1 } from './blocks';

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
export function extractHtml(text: string): ArticleBlock[] {
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
