/**
 * W3C Web Annotation export (https://www.w3.org/TR/annotation-model/).
 *
 * toW3C() / toW3CAll() write Glossa annotations as JSON-LD that other tools
 * (Hypothesis, Recogito, …) can read; parseW3C() reads annotations written by
 * Glossa or by those tools into ImportedAnnotation candidates, which
 * planImport() then anchors. W3C is the interchange format and is lossy;
 * the native format (native.ts) is the lossless one.
 *
 * ## Mapping
 *
 * | Glossa                      | W3C Web Annotation                                                                 |
 * | --------------------------- | ---------------------------------------------------------------------------------- |
 * | one article's annotations   | `AnnotationCollection`, id `urn:glossa:collection:<article-id>`, `label` = article title, `total`, `first` = embedded `AnnotationPage` (id `…:page:1`, `startIndex` 0, `items` in document order), `last` = that page's id |
 * | every article (toW3CAll)    | `AnnotationCollection`, id `urn:glossa:library`, `label` "Glossa", `total`; one embedded `AnnotationPage` (`urn:glossa:library:page:1`) holding every article's annotations, article after article; each annotation's target names its article. One page, not a chain: the W3C suite requires `next` to be an IRI (5.2), and Glossa has no server to resolve page IRIs |
 * | annotation                  | `type` `Annotation`, `motivation` `classifying` (it classifies a span as a claim, quote or event), `@context` `http://www.w3.org/ns/anno.jsonld` |
 * | `id`                        | `id` `urn:uuid:<id>`                                                               |
 * | `created`, `modified`       | `created`, `modified` (RFC 3339)                                                   |
 * | `kind`                      | `TextualBody`, `purpose` `tagging`, `value` `claim` / `quote` / `event`            |
 * | `note`                      | `TextualBody`, `purpose` `commenting`, `format` `text/plain`, `language` only when the caller knows it (option; omitted by default: the interface language says nothing of the note's) |
 * | `fields.speaker`            | `TextualBody`, `purpose` `identifying`, `glossa:field` `speaker`                   |
 * | `fields.claimant`           | `TextualBody`, `purpose` `identifying`, `glossa:field` `claimant`                  |
 * | `fields.date`               | `TextualBody`, `purpose` `describing`, `glossa:field` `date`                       |
 * | review translation          | `TextualBody`, `purpose` `describing`, `language` `en`, `format` `text/plain`, `glossa:field` `translation`, `glossa:reviewStatus` = the review's status, `creator` = the review's `modifier` (a `Person` with its `name`) |
 * | `articleId`                 | `target.source` the web address, `scope` the URN (else `source` the URN)          |
 * | `exact`, `prefix`, `suffix` | `target.selector[]` `TextQuoteSelector`                                            |
 * | `start`, `end`              | `target.selector[]` `TextPositionSelector` (Unicode code points, end exclusive)    |
 * | `orphaned: true`            | the `TextQuoteSelector` only: an orphan has no valid position                      |
 *
 * `glossa:field` and `glossa:reviewStatus` are extension properties (the
 * model allows them); without a context defining the `glossa:` prefix,
 * JSON-LD reads them as IRIs of that scheme. They tell apart bodies that
 * share a purpose. Article ids are percent-encoded inside the URNs.
 *
 * Who last wrote a review is the translation body's `creator`, W3C's own
 * property for a body's agent (Web Annotation model §3.3.3, "Agents": a
 * body SHOULD have one), not an extension: the body carries the translation
 * and status that person left, and the model has no "modifier". Recogito's
 * W3C body type has a `creator` (id, name): who wrote that body; Hypothesis
 * reads only text and tags and ignores it. A second body (purpose `editing`
 * or `assessing`) was not chosen: readers that show every body would show
 * the name as if it were a comment or a tag.
 *
 * The export passes every MUST assertion of the W3C test suite, containers
 * included (`testing/w3c-validator.ts` with `containers`, in the tests).
 *
 * Not carried: empty notes and fields (no body is written), reviews whose
 * translation is still an unedited suggestion, a review's comment, origin,
 * approved quote and dates, the user's glosses, and the article's text.
 *
 */
import { compareAnnotations, type Annotation } from '../../model/annotation';
import { webAddress, type Article } from '../../model/article';
import type { Review } from '../../model/review';
import {
  ANNO_CONTEXT,
  COLLECTION_URN,
  GLOSSA_FIELD,
  GLOSSA_REVIEW_STATUS,
  LIBRARY_URN,
  UUID_URN,
  articleUrn,
  type GlossaField,
  type W3CAnnotation,
  type W3CAnnotationCollection,
  type W3CAnnotationPage,
  type W3CExportEntry,
  type W3CExportOptions,
  type W3CTextualBody,
} from './model';

/** One annotation as a W3C Annotation; `review` adds its translation. */
export function toW3CAnnotation(
  annotation: Annotation,
  review?: Review,
  options: W3CExportOptions = {},
  /** The article's web address (ArticleOrigin.url), when known. */
  sourceUrl?: string,
): W3CAnnotation {
  const body: W3CTextualBody[] = [
    { type: 'TextualBody', purpose: 'tagging', value: annotation.kind },
  ];
  if (annotation.note !== '') {
    body.push({
      type: 'TextualBody',
      purpose: 'commenting',
      value: annotation.note,
      format: 'text/plain',
      // A note is in whatever language its author wrote it; the interface
      // language says nothing about that, so none is claimed unless given.
      ...(options.language ? { language: options.language } : {}),
    });
  }
  const { speaker, claimant, date } = annotation.fields;
  if (speaker) body.push(fieldBody('identifying', 'speaker', speaker));
  if (claimant) body.push(fieldBody('identifying', 'claimant', claimant));
  if (date) body.push(fieldBody('describing', 'date', date));
  // An unedited suggestion is derived from the shipped glosses: not exported.
  if (review && review.origin === 'human' && review.translation !== '') {
    body.push({
      ...fieldBody('describing', 'translation', review.translation),
      format: 'text/plain',
      language: 'en',
      [GLOSSA_REVIEW_STATUS]: review.status,
      ...(review.modifier ? { creator: { type: 'Person', name: review.modifier } } : {}),
    });
  }

  const selector: W3CAnnotation['target']['selector'] = [
    {
      type: 'TextQuoteSelector',
      exact: annotation.exact,
      prefix: annotation.prefix,
      suffix: annotation.suffix,
    },
  ];
  if (!annotation.orphaned) {
    selector.push({ type: 'TextPositionSelector', start: annotation.start, end: annotation.end });
  }
  return {
    '@context': ANNO_CONTEXT,
    id: UUID_URN + annotation.id,
    type: 'Annotation',
    motivation: 'classifying',
    created: annotation.created,
    modified: annotation.modified,
    body,
    // The publisher's page when its address is known, so that a tool can
    // place the annotation there; the Glossa article stays named as the
    // target's scope (one target, not two: Recogito reads every target as
    // a span and refuses one without selectors, and Hypothesis reads only
    // the first).
    target: sourceUrl
      ? { source: sourceUrl, scope: articleUrn(annotation.articleId), selector }
      : { source: articleUrn(annotation.articleId), selector },
  };
}

function fieldBody(
  purpose: W3CTextualBody['purpose'],
  field: GlossaField,
  value: string,
): W3CTextualBody {
  return { type: 'TextualBody', purpose, value, [GLOSSA_FIELD]: field };
}

/** One article's annotations (in document order) as an AnnotationCollection with one embedded page. */
export function toW3C(
  article: Article,
  annotations: readonly Annotation[],
  reviews: readonly Review[] = [],
  options: W3CExportOptions = {},
): W3CAnnotationCollection {
  const id = COLLECTION_URN + encodeURIComponent(article.id);
  const page: W3CAnnotationPage = {
    id: `${id}:page:1`,
    type: 'AnnotationPage',
    startIndex: 0,
    items: toItems(annotations, reviews, options, webAddress(article.origin?.url)),
  };
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: article.title,
    total: page.items.length,
    first: page,
    last: page.id,
  };
}

/**
 * Every article's annotations as one AnnotationCollection with a single
 * embedded page: the articles in the order given, each article's
 * annotations in document order. (One page rather than a chain of embedded
 * pages: the W3C suite requires a page's `next` to be an IRI — 5.2 — and
 * Glossa has no server to resolve page IRIs.)
 */
export function toW3CAll(
  entries: readonly W3CExportEntry[],
  options: W3CExportOptions = {},
): W3CAnnotationCollection {
  const items = entries.flatMap((e) =>
    toItems(e.annotations, e.reviews ?? [], options, webAddress(e.article.origin?.url)),
  );
  const page: W3CAnnotationPage = {
    id: `${LIBRARY_URN}:page:1`,
    type: 'AnnotationPage',
    startIndex: 0,
    items,
  };
  return {
    '@context': ANNO_CONTEXT,
    id: LIBRARY_URN,
    type: 'AnnotationCollection',
    label: 'Glossa',
    total: items.length,
    first: page,
    last: page.id,
  };
}

/** Annotations in document order as W3C items, each with its review. */
function toItems(
  annotations: readonly Annotation[],
  reviews: readonly Review[],
  options: W3CExportOptions,
  sourceUrl: string | undefined,
): W3CAnnotation[] {
  const byAnnotation = new Map(reviews.map((r) => [r.annotationId, r]));
  return [...annotations]
    .sort(compareAnnotations)
    .map((a) => toW3CAnnotation(a, byAnnotation.get(a.id), options, sourceUrl));
}

// ---------------------------------------------------------------- import
