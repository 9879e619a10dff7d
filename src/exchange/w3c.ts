/**
 * W3C Web Annotation export and import (https://www.w3.org/TR/annotation-model/).
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
 * | `note`                      | `TextualBody`, `purpose` `commenting`, `format` `text/plain`, `language` = the interface language (option, default `en`) |
 * | `fields.speaker`            | `TextualBody`, `purpose` `identifying`, `glossa:field` `speaker`                   |
 * | `fields.claimant`           | `TextualBody`, `purpose` `identifying`, `glossa:field` `claimant`                  |
 * | `fields.date`               | `TextualBody`, `purpose` `describing`, `glossa:field` `date`                       |
 * | review translation          | `TextualBody`, `purpose` `describing`, `language` `en`, `format` `text/plain`, `glossa:field` `translation`, `glossa:reviewStatus` = the review's status, `creator` = the review's `modifier` (a `Person` with its `name`) |
 * | `articleId`                 | `target.source` `urn:glossa:article:<article-id>`                                  |
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
 * ## Reading other tools' annotations
 *
 * - Input: a single annotation, an array, an `AnnotationPage`, or an
 *   `AnnotationCollection` with `first` embedded (embedded `next` pages are
 *   followed; pages and annotations given as URLs are reported, not fetched).
 * - `target`: an object, a string or an array (the first target with a text
 *   selector is used); `selector`: an object or an array. `TextQuoteSelector`
 *   and `TextPositionSelector` are used; other selectors (`RangeSelector`,
 *   `XPathSelector`, …) are ignored, except that a `TextQuoteSelector` found
 *   in their `refinedBy` serves when there is none at the top level (a
 *   refined position is relative, so it is not used).
 * - A target source `urn:glossa:article:<id>` names the article; any other
 *   source (another tool's URL) leaves the article open: the annotation goes
 *   to the article being imported into.
 * - Bodies: `body` as a string, object or array, and `bodyValue`. The kind
 *   comes from `tagging` / `classifying` bodies (or bodies without a purpose
 *   under a `tagging` / `classifying` motivation) and from string bodies;
 *   tags are compared case-insensitively with `claim`, `quote`, `event` and
 *   nothing else is guessed: other tags are reported as `unknown-kind`
 *   (a warning beside exactly one known kind, an error otherwise); two
 *   different kinds are `ambiguous-kind`, none at all `missing-kind`.
 *   `commenting`, `describing` and `replying` bodies, bodies without a
 *   purpose and `bodyValue` make up the note (joined by blank lines).
 *   Bodies with a `glossa:field` go to that field; other purposes
 *   (`identifying`, `linking`, …) and Choice / List / Composite bodies are
 *   ignored and reported as `ignored-value`.
 * - Ids: `urn:uuid:<uuid>` and bare UUIDs are kept (lower-cased). Any other
 *   id is mapped deterministically to the name-based UUID v5 of the id in
 *   the URL namespace (Python: `uuid.uuid5(uuid.NAMESPACE_URL, id)`), so
 *   importing the same file twice finds the same ids; the original id is
 *   kept in `sourceId`. An annotation without an id gets a fresh random UUID.
 *
 * The code is in w3c/: model.ts (shapes and names), serialize.ts (export),
 * parse.ts (import), uuid-v5.ts (ids of other tools). This module is the
 * public API.
 */
export * from './w3c/model';
export * from './w3c/serialize';
export * from './w3c/parse';
export { uuidV5Url } from './w3c/uuid-v5';
