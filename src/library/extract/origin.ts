/**
 * Where a saved page says its article was published: its address, site,
 * author and date, from the metadata news sites put in `<head>` for search
 * engines and social networks (Open Graph, `article:*`, `<link
 * rel=canonical>`). Only attribute values are read, as text; nothing is
 * fetched or resolved against the page (a relative address is dropped:
 * the saved file's own location is not the article's).
 */
import { cleanOrigin, webAddress, type ArticleOrigin } from '../../model/article';

/**
 * The first non-empty `content` (or `href`) of the elements `selectors`
 * name, in order, that `accept` keeps (as it returns it).
 */
function first(
  doc: Document,
  selectors: string[],
  accept: (value: string) => string | undefined = (v) => v,
  attribute = 'content',
): string | undefined {
  for (const selector of selectors) {
    for (const el of doc.querySelectorAll(selector)) {
      const value = el.getAttribute(attribute)?.trim();
      const kept = value ? accept(value) : undefined;
      if (kept) return kept;
    }
  }
  return undefined;
}

/** A name that is not a web address (`article:author` is often a profile's URL). */
function nameNotAddress(value: string): string | undefined {
  return webAddress(value) ? undefined : value;
}

/** The article's origin as the page's metadata gives it, or undefined. */
export function readOrigin(doc: Document): ArticleOrigin | undefined {
  const url =
    first(doc, ['link[rel~="canonical" i]'], webAddress, 'href') ??
    first(doc, ['meta[property="og:url"]'], webAddress);
  return cleanOrigin({
    url,
    publisher: first(
      doc,
      [
        'meta[property="og:site_name"]',
        'meta[name="publisher"]',
        'meta[property="article:publisher"]',
      ],
      nameNotAddress,
    ),
    author: first(
      doc,
      ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="article:author"]'],
      nameNotAddress,
    ),
    published: first(doc, [
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
    ]),
  });
}
