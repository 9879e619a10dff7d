/**
 * Articles: the immutable text people annotate.
 *
 * An article is a list of typed blocks. Its canonical text — the string every
 * annotation offset points into — is the blocks' text joined with "\n\n".
 * Nothing in Glossa edits an article's text; a revised article is a new
 * version (see the library), never an in-place change.
 */

/** The structural roles a block can have, in the order a news article uses them. */
export const BLOCK_TYPES = ['title', 'standfirst', 'heading', 'paragraph', 'blockquote'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

export interface ArticleBlock {
  type: BlockType;
  text: string;
}

/** The persisted shape of an article. */
export interface Article {
  /** Stable id, used in URLs (`?article=…`) and as the W3C target's key. */
  id: string;
  title: string;
  /** BCP 47 language of the text, e.g. "fr". */
  lang: string;
  blocks: ArticleBlock[];
  /** Where the text came from (a URL or a file name), when known. */
  source?: string;
  /**
   * Where the article was published, when known: read from a saved page's
   * metadata on import (library/extract/origin.ts) or typed in the library.
   * Optional, so records without it are as before (no schema version).
   */
  origin?: ArticleOrigin;
}

/** An article's publication details. Every field is optional. */
export interface ArticleOrigin {
  /** The article's web address (absolute http or https). */
  url?: string;
  /** The site or publisher ("Le Monde"). */
  publisher?: string;
  author?: string;
  /** When it was published, as the source gives it (usually ISO 8601). */
  published?: string;
}

/** The fields of ArticleOrigin, in the order forms show them. */
export const ORIGIN_FIELDS = ['url', 'publisher', 'author', 'published'] as const;

/** Longest accepted value of an origin field (a URL may be long; nothing else is). */
export const MAX_ORIGIN_LENGTH = 2048;

/** `url` when it is an absolute http(s) URL, normalised; else undefined. */
export function webAddress(url: string | undefined): string | undefined {
  if (!url || url.length > MAX_ORIGIN_LENGTH) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An origin from untrusted values (a file, a form): strings trimmed, empty
 * ones left out, a url kept only when it is a web address; undefined when
 * nothing is left.
 */
export function cleanOrigin(value: unknown): ArticleOrigin | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const origin: ArticleOrigin = {};
  for (const field of ORIGIN_FIELDS) {
    const raw = v[field];
    if (typeof raw !== 'string') continue;
    const text = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_ORIGIN_LENGTH);
    const kept = field === 'url' ? webAddress(text) : text;
    if (kept) origin[field] = kept;
  }
  return Object.keys(origin).length > 0 ? origin : undefined;
}

/** The separator between blocks in the canonical text. */
export const BLOCK_SEPARATOR = '\n\n';

/** The canonical text of an article: its blocks' text joined with "\n\n". */
export function canonicalText(blocks: readonly ArticleBlock[]): string {
  return blocks.map((b) => b.text).join(BLOCK_SEPARATOR);
}

export function isBlockType(value: unknown): value is BlockType {
  return typeof value === 'string' && (BLOCK_TYPES as readonly string[]).includes(value);
}

/** An article as stored, with what the library keeps about it. */
export interface StoredArticle extends Article {
  /** RFC 3339. */
  created: string;
  modified: string;
  /** SHA-256 of the canonical text, when computed. */
  contentHash?: string;
  /** Earlier versions of the text, kept when a revised article replaced them. */
  previousVersions?: { blocks: Article['blocks']; replaced: string; contentHash?: string }[];
  /**
   * RFC 3339: when the article was moved to the trash (library/trash.ts).
   * A trashed article keeps every record attached to it, untouched, and is
   * left out of the library, the start article and every list; restoring it
   * removes this field. Absent: not in the trash.
   */
  trashedAt?: string;
}
