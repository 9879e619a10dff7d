/**
 * Round trips, as properties: export → file text → parseAnnotationFile() →
 * planImport() into an empty store gives back the same data — every field
 * for the native format, every field the mapping carries for W3C. Text
 * fields include hostile strings, which must come back as the same strings.
 */
import { describe as suite, expect, it } from 'vitest';
import fc from 'fast-check';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import { ANNOTATION_KINDS, type Annotation, type AnnotationFields } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { glossKey, type UserGloss } from '../model/gloss';
import { REVIEW_STATUSES, type Review } from '../model/review';
import { planImport } from './import-plan';
import { toNative } from './native';
import { parseAnnotationFile } from './parse-file';
import { toW3C } from './w3c';

const article = articleJson as Article;
const index = new CodePointIndex(canonicalText(article.blocks));

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'; DROP TABLE annotations; --",
  '{{ui:app.name}} $t(ui:app.name)',
  'line\u2028separator\u2029 and \r\n',
  '\u0000\u001f\\"',
];

/** Any text, hostile strings included. */
const anyText = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 20 }),
);
const nonEmptyText = anyText.filter((s) => s !== '');
const timestamp = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());
// Code points absent from the article: an orphan's quote can never be found (not even fuzzily).
const foreignQuote = fc
  .string({ unit: fc.constantFrom('∅', 'ж', '⟦', '⟧', '𝄞', '😀'), minLength: 4, maxLength: 30 })
  .map((s) => `∅${s}`);

function fieldsArb(nonEmpty: boolean): fc.Arbitrary<AnnotationFields> {
  const value = nonEmpty ? nonEmptyText : anyText;
  return fc.record({ speaker: value, claimant: value, date: value }, { requiredKeys: [] });
}

/** An annotation of the shipped article: anchored on a random span, or an orphan. */
function annotationArb(w3c: boolean): fc.Arbitrary<Annotation> {
  const common = fc.record({
    id: fc.uuid(),
    kind: fc.constantFrom(...ANNOTATION_KINDS),
    note: w3c ? fc.oneof(fc.constant(''), nonEmptyText) : anyText,
    fields: fieldsArb(w3c),
    created: timestamp,
    modified: timestamp,
  });
  const anchored = fc
    .tuple(common, fc.nat(index.length - 1), fc.integer({ min: 1, max: 150 }))
    .map(([c, start, len]): Annotation => {
      const end = Math.min(index.length, start + len);
      return { ...c, articleId: article.id, start, end, ...describe(index, start, end) };
    });
  const orphan = fc
    .tuple(common, foreignQuote, anyText, anyText, fc.nat(5000), fc.nat(200))
    .map(([c, exact, prefix, suffix, start, len]): Annotation => ({
      ...c,
      articleId: article.id,
      // W3C carries no position for an orphan; the plan gives it 0, 0.
      start: w3c ? 0 : start,
      end: w3c ? 0 : start + len,
      exact,
      prefix,
      suffix,
      orphaned: true,
    }));
  return fc.oneof({ arbitrary: anchored, weight: 4 }, { arbitrary: orphan, weight: 1 });
}

function reviewArb(annotation: Annotation): fc.Arbitrary<Review> {
  return fc
    .record(
      {
        translation: anyText,
        origin: fc.constantFrom('suggestion' as const, 'human' as const),
        status: fc.constantFrom(...REVIEW_STATUSES),
        comment: anyText,
        modified: timestamp,
        approvedQuote: fc.record({
          start: fc.nat(100),
          end: fc.integer({ min: 101, max: 300 }),
          exact: anyText,
        }),
        staleReason: fc.constant('quote-changed' as const),
      },
      { requiredKeys: ['translation', 'origin', 'status', 'comment', 'modified'] },
    )
    .map((r) => ({ ...r, annotationId: annotation.id, articleId: article.id }));
}

/** Annotations with unique ids and reviews of some of their quotes. */
function dataArb(w3c: boolean) {
  return fc
    .uniqueArray(annotationArb(w3c), { selector: (a) => a.id, maxLength: 12 })
    .chain((annotations) =>
      fc
        .tuple(
          ...annotations.map((a) =>
            a.kind === 'quote' ? fc.option(reviewArb(a)) : fc.constant(null),
          ),
        )
        .map((reviews) => ({
          annotations,
          reviews: reviews.filter((r): r is Review => r !== null),
        })),
    );
}

const glossArb: fc.Arbitrary<UserGloss> = fc
  .record({ sentence: fc.nat(40), text: anyText, modified: timestamp })
  .map(({ sentence, text, modified }) => ({
    key: glossKey(article.id, `b3.s${sentence}`),
    articleId: article.id,
    sentenceId: `b3.s${sentence}`,
    lang: 'en',
    text,
    modified,
  }));

const byId = <T extends { id: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => a.id.localeCompare(b.id));

/** Plans a parsed file's records into an empty store of the shipped article. */
function importInto(text: string) {
  const file = parseAnnotationFile(text);
  const plan = planImport(file.records, {
    article,
    existing: [],
    onExisting: 'skip',
    now: '1999-01-01T00:00:00Z',
  });
  return { file, plan };
}

suite('native round trip', () => {
  it('gives back every field of every record (property)', () => {
    fc.assert(
      fc.property(
        dataArb(false),
        fc.uniqueArray(glossArb, { selector: (g) => g.key, maxLength: 4 }),
        ({ annotations, reviews }, glosses) => {
          const exported = toNative([{ article, annotations, glosses, reviews }], {
            exported: '2024-01-01T00:00:00.000Z',
          });
          const { file, plan } = importInto(JSON.stringify(exported));
          expect(file.format).toBe('glossa');
          expect(file.problems.filter((p) => p.code !== 'orphaned')).toEqual([]);
          expect(file.native).toEqual(exported);
          expect(byId(plan.toWrite)).toEqual(byId(annotations));
          const key = (r: Review) => r.annotationId;
          expect([...plan.reviews].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
            [...reviews].sort((a, b) => key(a).localeCompare(key(b))),
          );
          expect(plan.problems.every((p) => p.code === 'orphaned')).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps hostile text in the article itself', () => {
    const hostile: Article = {
      ...article,
      id: 'hostile-<b>',
      title: HOSTILE[0]!,
      blocks: HOSTILE.map((text) => ({ type: 'paragraph' as const, text })),
    };
    const exported = toNative([{ article: hostile, annotations: [] }]);
    expect(parseAnnotationFile(JSON.stringify(exported)).native!.articles[0]!.article).toEqual(
      hostile,
    );
  });
});

suite('W3C round trip', () => {
  it('gives back every field the mapping carries (property)', () => {
    fc.assert(
      fc.property(
        dataArb(true),
        fc.constantFrom('en', 'fr'),
        ({ annotations, reviews }, language) => {
          const exported = toW3C(article, annotations, reviews, { language });
          const { file, plan } = importInto(JSON.stringify(exported));
          expect(file.format).toBe('w3c');
          // An empty collection is valid; it only says there is nothing to import.
          expect(file.problems.map((p) => p.code)).toEqual(annotations.length ? [] : ['empty']);
          expect(byId(plan.toWrite)).toEqual(byId(annotations));
          // Reviews: the translation and status of human translations.
          const carried = reviews
            .filter((r) => r.origin === 'human' && r.translation !== '')
            .map((r) => ({
              annotationId: r.annotationId,
              translation: r.translation,
              status: r.status,
            }));
          const back = plan.reviews.map((r) => ({
            annotationId: r.annotationId,
            translation: r.translation,
            status: r.status,
          }));
          const key = (r: { annotationId: string }) => r.annotationId;
          expect([...back].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
            [...carried].sort((a, b) => key(a).localeCompare(key(b))),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps each hostile string in every text field', () => {
    for (const evil of HOSTILE) {
      const a: Annotation = {
        id: '00000000-0000-4000-8000-000000000666',
        articleId: article.id,
        kind: 'quote',
        start: 10,
        end: 30,
        ...describe(index, 10, 30),
        note: evil,
        fields: { speaker: evil, claimant: evil, date: evil },
        created: '2021-03-03T10:00:00.000Z',
        modified: '2021-03-03T10:00:00.000Z',
      };
      const review: Review = {
        annotationId: a.id,
        articleId: article.id,
        translation: evil,
        origin: 'human',
        status: 'translated',
        comment: '',
        modified: a.modified,
      };
      const { plan } = importInto(JSON.stringify(toW3C(article, [a], [review])));
      expect(plan.toWrite).toEqual([a]);
      expect(plan.reviews[0]!.translation).toBe(evil);
    }
  });
});
