/**
 * Checks of records read back from IndexedDB.
 *
 * What is on disk may have been written by another version of Glossa, by
 * another tool or by a person in the browser's developer tools. A record of
 * the wrong shape must not take a screen down: the reader checks each one,
 * sets aside those that fail (they stay on disk, untouched), and opens
 * everything else. Each check names what is wrong, in words for the person.
 */
import { isAnnotationKind, type Annotation } from './annotation';
import { cleanOrigin, isBlockType, type ArticleBlock, type StoredArticle } from './article';
import type { UserGloss } from './gloss';
import { isReviewStatus, type Review } from './review';

/** A stored record that could not be read: where it is, why, and its value as stored. */
export interface QuarantinedRecord {
  store: 'articles' | 'annotations' | 'reviews' | 'glosses';
  /** Its key, or what of it could be read (a page's place for a page entry). */
  key: string;
  reason: string;
  value: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isOffset = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Why an annotation cannot be shown on a text of `textLength` code points, or null when it can. */
export function annotationProblem(value: unknown, textLength: number): string | null {
  if (!isObject(value)) return `not an object (${value === null ? 'null' : typeof value})`;
  if (typeof value.id !== 'string') return 'no id';
  if (typeof value.articleId !== 'string') return 'no article id';
  if (!isAnnotationKind(value.kind)) return `unknown kind ${JSON.stringify(value.kind)}`;
  if (!isOffset(value.start) || !isOffset(value.end)) return 'start and end must be whole numbers';
  if (value.orphaned === true) {
    if (value.start > value.end) return `start ${value.start} is after end ${value.end}`;
  } else {
    if (value.start >= value.end) return `start ${value.start} is not before end ${value.end}`;
    if (value.end > textLength)
      return `end ${value.end} is past the end of the text (${textLength})`;
  }
  for (const key of ['exact', 'prefix', 'suffix', 'note'] as const)
    if (typeof value[key] !== 'string') return `${key} is not text`;
  const fields = value.fields;
  if (!isObject(fields)) return 'fields is not an object';
  // Own keys, as Object.entries gives them, without its array of pairs per record.
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const field = fields[key];
    if (field !== undefined && typeof field !== 'string') return `fields.${key} is not text`;
  }
  if (typeof value.created !== 'string' || typeof value.modified !== 'string')
    return 'created and modified must be dates';
  return null;
}

export function reviewProblem(value: unknown): string | null {
  if (!isObject(value)) return `not an object (${value === null ? 'null' : typeof value})`;
  if (typeof value.annotationId !== 'string') return 'no annotation id';
  if (typeof value.articleId !== 'string') return 'no article id';
  if (!isReviewStatus(value.status)) return `unknown status ${JSON.stringify(value.status)}`;
  if (typeof value.translation !== 'string' || typeof value.comment !== 'string')
    return 'translation and comment must be text';
  if (typeof value.modified !== 'string') return 'modified must be a date';
  return null;
}

export function glossProblem(value: unknown): string | null {
  if (!isObject(value)) return `not an object (${value === null ? 'null' : typeof value})`;
  for (const key of ['key', 'articleId', 'sentenceId', 'lang', 'text'] as const)
    if (typeof value[key] !== 'string') return `${key} is not text`;
  return null;
}

/**
 * An article as far as it can be opened: blocks of an unknown type are read
 * as paragraphs, blocks without text are left out, each said in `problems`.
 * Null when there is nothing to open (not an object, no id, no readable block).
 */
export function readableArticle(
  value: unknown,
): { article: StoredArticle; problems: string[] } | { article: null; problem: string } {
  if (!isObject(value)) return { article: null, problem: 'not an object' };
  if (typeof value.id !== 'string' || value.id === '') return { article: null, problem: 'no id' };
  if (!Array.isArray(value.blocks)) return { article: null, problem: 'it has no blocks' };
  const problems: string[] = [];
  const blocks: ArticleBlock[] = [];
  value.blocks.forEach((block: unknown, i) => {
    if (!isObject(block) || typeof block.text !== 'string') {
      problems.push(`block ${i + 1} has no text and is left out`);
      return;
    }
    if (isBlockType(block.type)) blocks.push({ type: block.type, text: block.text });
    else {
      problems.push(`block ${i + 1} has the unknown type ${JSON.stringify(block.type)}`);
      blocks.push({ type: 'paragraph', text: block.text });
    }
  });
  if (blocks.length === 0) return { article: null, problem: 'it has no readable block' };
  const title =
    typeof value.title === 'string' && value.title !== '' ? value.title : blocks[0]!.text;
  if (title !== value.title) problems.push('it has no title');
  const article: StoredArticle = {
    ...(value as unknown as StoredArticle),
    title,
    lang: typeof value.lang === 'string' ? value.lang : 'fr',
    blocks,
  };
  // Where it was published (optional): kept as far as it is readable.
  if (value.origin !== undefined) {
    const origin = cleanOrigin(value.origin);
    if (origin) article.origin = origin;
    else delete article.origin;
    if (JSON.stringify(origin) !== JSON.stringify(value.origin))
      problems.push('its publication details are not all readable; what could be read is kept');
  }
  return { article, problems };
}

/** Splits what was read into the records that can be used and those set aside. */
export function sortRecords(
  read: { annotations: unknown[]; reviews: unknown[]; glosses: unknown[] },
  textLength: number,
): {
  annotations: Annotation[];
  reviews: Review[];
  glosses: UserGloss[];
  quarantined: QuarantinedRecord[];
} {
  const quarantined: QuarantinedRecord[] = [];
  const keep = <T>(
    store: QuarantinedRecord['store'],
    values: unknown[],
    problem: (v: unknown) => string | null,
    keyOf: (v: Record<string, unknown>) => unknown,
  ): T[] =>
    values.filter((value, i) => {
      const reason = problem(value);
      if (reason === null) return true;
      const key = isObject(value) ? keyOf(value) : undefined;
      quarantined.push({ store, key: typeof key === 'string' ? key : `#${i}`, reason, value });
      return false;
    }) as T[];
  return {
    annotations: keep<Annotation>(
      'annotations',
      read.annotations,
      (v) => annotationProblem(v, textLength),
      (v) => v.id,
    ),
    reviews: keep<Review>('reviews', read.reviews, reviewProblem, (v) => v.annotationId),
    glosses: keep<UserGloss>('glosses', read.glosses, glossProblem, (v) => v.key),
    quarantined,
  };
}
