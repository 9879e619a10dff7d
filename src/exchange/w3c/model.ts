/**
 * The W3C Web Annotation shapes Glossa writes, and the names they share
 * (the JSON-LD context, the `glossa:` extension properties, the URNs).
 * See ../w3c.ts for the mapping.
 */
import type { Annotation } from '../../model/annotation';
import type { Article } from '../../model/article';
import type { Review, ReviewStatus } from '../../model/review';

/** The Web Annotation JSON-LD context. */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Extension property naming which Glossa value a body carries. */
export const GLOSSA_FIELD = 'glossa:field';
/** Extension property carrying a review's status on the translation body. */
export const GLOSSA_REVIEW_STATUS = 'glossa:reviewStatus';

export const ARTICLE_URN = 'urn:glossa:article:';
export const COLLECTION_URN = 'urn:glossa:collection:';
export const LIBRARY_URN = 'urn:glossa:library';
export const UUID_URN = 'urn:uuid:';

/** Values of `glossa:field`. */
export type GlossaField = 'speaker' | 'claimant' | 'date' | 'translation';

/** A person as W3C names an agent (`creator`): no IRI, only the name set in the browser. */
export interface W3CPerson {
  type: 'Person';
  name: string;
}

/** An embedded textual body, as Glossa writes them. */
export interface W3CTextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting' | 'identifying' | 'describing';
  value: string;
  format?: 'text/plain';
  language?: string;
  [GLOSSA_FIELD]?: GlossaField;
  [GLOSSA_REVIEW_STATUS]?: ReviewStatus;
  /** On the translation body: who last wrote the review (Review.modifier). */
  creator?: W3CPerson;
}

export interface W3CTextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface W3CTextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** One annotation as Glossa writes it. */
export interface W3CAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'classifying';
  created: string;
  modified: string;
  body: W3CTextualBody[];
  target: {
    /** The article's web address when known (ArticleOrigin.url), else its Glossa URN. */
    source: string;
    /** With a web address as source: the Glossa URN, so the article is still named. */
    scope?: string;
    selector: (W3CTextQuoteSelector | W3CTextPositionSelector)[];
  };
}

export interface W3CAnnotationPage {
  id: string;
  type: 'AnnotationPage';
  startIndex: number;
  items: W3CAnnotation[];
}

export interface W3CAnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: W3CAnnotationPage;
  last: string;
}

/** Options of the W3C export. */
export interface W3CExportOptions {
  /** BCP 47 language of the notes, when known; omitted by default (never the interface language). */
  language?: string;
}

/** One article and what to export with it. */
export interface W3CExportEntry {
  article: Article;
  annotations: readonly Annotation[];
  reviews?: readonly Review[];
}

/** The W3C target source naming an article. */
export function articleUrn(articleId: string): string {
  return ARTICLE_URN + encodeURIComponent(articleId);
}
