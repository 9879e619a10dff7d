/**
 * W3C export and import: the shape Glossa writes (checked by the W3C test
 * suite's MUST assertions), the shapes other tools write, and the problems
 * reported for what cannot be read.
 */
import { describe as suite, expect, it } from 'vitest';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import type { Annotation, AnnotationKind } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { REVIEW_STATUSES, type Review } from '../model/review';
import fc from 'fast-check';
import { planImport } from './import-plan';
import { validateW3C } from './testing/w3c-validator';
import { mapId, parseW3C, toW3C, toW3CAll, uuidV5Url, type W3CAnnotation } from './w3c';

const article = articleJson as Article;
const text = canonicalText(article.blocks);
const index = new CodePointIndex(text);

let serial = 0;
/** An annotation of `needle` (first occurrence) in the shipped article. */
function make(kind: AnnotationKind, needle: string, extra: Partial<Annotation> = {}): Annotation {
  const u = text.indexOf(needle);
  if (u < 0) throw new Error(`not in text: ${needle}`);
  const start = index.toCodePoint(u);
  const end = index.toCodePoint(u + needle.length);
  serial++;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    articleId: article.id,
    kind,
    start,
    end,
    ...describe(index, start, end),
    note: '',
    fields: {},
    created: '2021-03-03T10:00:00.000Z',
    modified: '2021-03-04T11:30:00.000Z',
    ...extra,
  };
}

const claim = make('claim', 'AWS savait être fausses', {
  note: 'Central allegation of the suit.',
  fields: { claimant: 'Parler' },
});
const quote = make('quote', 'a répudié et violé son contrat', {
  note: 'Quoted from the filing.',
  fields: { speaker: 'Parler' },
});
const event = make('event', "AWS a donné le coup d'envoi à Parler", {
  fields: { date: 'janvier 2021' },
});
const orphan: Annotation = {
  ...make('claim', 'Parler'),
  exact: 'Parler a été racheté par Amazon',
  prefix: 'Selon NPR, ',
  suffix: '.',
  orphaned: true,
};
const review: Review = {
  annotationId: quote.id,
  articleId: article.id,
  translation: 'repudiated and breached its contract',
  origin: 'human',
  status: 'approved',
  comment: '',
  modified: '2021-03-05T09:00:00.000Z',
};
const all = [claim, quote, event, orphan];

/**
 * Runs the W3C annotation-model checker (the suite's MUST assertions, on
 * collections and pages too) on a JSON value as it would be written to a file.
 */
function validate(json: unknown): { status: number; output: string } {
  return validateW3C(JSON.parse(JSON.stringify(json)), { containers: true });
}

suite('toW3C', () => {
  const collection = toW3C(article, all, [review], { language: 'fr' });
  const items = collection.first.items;
  const byId = (a: Annotation) => items.find((i) => i.id === `urn:uuid:${a.id}`)!;

  it('writes an AnnotationCollection with an embedded first page', () => {
    expect(collection).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:glossa:collection:parler-amazon-fr',
      type: 'AnnotationCollection',
      label: article.title,
      total: 4,
      first: { type: 'AnnotationPage', startIndex: 0, id: `${collection.id}:page:1` },
      last: collection.first.id,
    });
    expect(items).toHaveLength(4);
  });

  it('maps every field to a body', () => {
    expect(byId(quote)).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:${quote.id}`,
      type: 'Annotation',
      motivation: 'classifying',
      created: quote.created,
      modified: quote.modified,
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'quote' },
        {
          type: 'TextualBody',
          purpose: 'commenting',
          value: quote.note,
          format: 'text/plain',
          language: 'fr',
        },
        { type: 'TextualBody', purpose: 'identifying', value: 'Parler', 'glossa:field': 'speaker' },
        {
          type: 'TextualBody',
          purpose: 'describing',
          value: review.translation,
          format: 'text/plain',
          language: 'en',
          'glossa:field': 'translation',
          'glossa:reviewStatus': 'approved',
        },
      ],
      target: {
        source: 'urn:glossa:article:parler-amazon-fr',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: quote.exact,
            prefix: quote.prefix,
            suffix: quote.suffix,
          },
          { type: 'TextPositionSelector', start: quote.start, end: quote.end },
        ],
      },
    } satisfies W3CAnnotation);
    expect(byId(claim).body).toContainEqual({
      type: 'TextualBody',
      purpose: 'identifying',
      value: 'Parler',
      'glossa:field': 'claimant',
    });
    expect(byId(event).body).toContainEqual({
      type: 'TextualBody',
      purpose: 'describing',
      value: 'janvier 2021',
      'glossa:field': 'date',
    });
  });

  it('exports an orphan with its quote selector only', () => {
    expect(byId(orphan).target.selector).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: orphan.exact,
        prefix: orphan.prefix,
        suffix: orphan.suffix,
      },
    ]);
  });

  it('notes claim no language unless told, and unedited suggestions are not exported', () => {
    const c = toW3C(article, [quote], [{ ...review, origin: 'suggestion' }]);
    expect(c.first.items[0]!.body).toHaveLength(3);
    expect(c.first.items[0]!.body[1]).toMatchObject({ purpose: 'commenting' });
    expect(c.first.items[0]!.body[1]).not.toHaveProperty('language');
  });

  it('passes the W3C test suite (MUST assertions, containers included)', () => {
    const { status, output } = validate(collection);
    expect(output).toMatch(/W3C annotation-model: 4 annotations, 0 failures\s*$/);
    expect(status).toBe(0);
  });

  it('a broken export fails the same check', () => {
    const broken = structuredClone(collection) as unknown as {
      first: { items: Record<string, unknown>[] };
    };
    broken.first.items[0]!.created = 'yesterday';
    delete broken.first.items[1]!.target;
    const { status, output } = validate(broken);
    expect(status).toBe(1);
    expect(output).toMatch(/W3C annotation-model: 4 annotations, [1-9]\d* failures/);
  });

  it('toW3CAll puts every article in one page and passes the suite', () => {
    const other: Article = { ...article, id: 'autre article', title: 'Autre' };
    const moved = { ...claim, id: '00000000-0000-4000-8000-0000000000aa', articleId: other.id };
    const lib = toW3CAll([
      { article, annotations: [event, quote], reviews: [review] },
      { article: other, annotations: [moved] },
    ]);
    expect(lib).toMatchObject({ id: 'urn:glossa:library', total: 3, last: lib.first.id });
    expect(lib.first.items.map((i) => i.id)).toEqual(
      [quote, event, moved].map((a) => `urn:uuid:${a.id}`),
    );
    expect(lib.first.items[2]!.target.source).toBe('urn:glossa:article:autre%20article');
    const { status, output } = validate(lib);
    expect(output).toMatch(/3 annotations, 0 failures\s*$/);
    expect(status).toBe(0);
    const parsed = parseW3C(lib);
    expect(parsed.records.map((r) => r.articleId)).toEqual([article.id, article.id, other.id]);
    expect(toW3CAll([]).first.items).toEqual([]);
  });
});

suite('parseW3C: what Glossa wrote', () => {
  it('reads back every field the mapping carries', () => {
    const { records, problems } = parseW3C(
      JSON.parse(JSON.stringify(toW3C(article, all, [review]))),
    );
    expect(problems).toEqual([]);
    const q = records.find((r) => r.id === quote.id)!;
    expect(q).toMatchObject({
      articleId: article.id,
      kind: 'quote',
      note: quote.note,
      fields: { speaker: 'Parler' },
      created: quote.created,
      modified: quote.modified,
      selectors: {
        position: { start: quote.start, end: quote.end },
        quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      },
      review: { translation: review.translation, status: 'approved', origin: 'human' },
    });
    expect(records.find((r) => r.id === orphan.id)!.selectors.position).toBeUndefined();
  });
});

/** Plans parsed records into an empty store of the shipped article. */
function planFresh(json: unknown) {
  const parsed = parseW3C(json);
  const plan = planImport(parsed.records, {
    article,
    existing: [],
    onExisting: 'skip',
    now: '2024-01-01T00:00:00.000Z',
  });
  return { parsed, plan };
}

suite('parseW3C: what other tools write', () => {
  const exact = 'un juge a annulé le cas de Parler';
  const span = { start: index.toCodePoint(text.indexOf(exact)), end: 0 };
  span.end = span.start + exact.length;

  it('Hypothesis-like: TextQuoteSelector only, a tag body, an id that is not a UUID', () => {
    const hyp = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/AbC123',
      created: '2021-03-03T10:00:00.000000+00:00',
      modified: '2021-03-03T10:00:00.000000+00:00',
      motivation: 'commenting',
      body: [
        { type: 'TextualBody', value: 'The judge *dismissed* it.', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Event' },
      ],
      target: [
        {
          source: 'https://www.example.fr/parler-amazon',
          selector: [
            {
              type: 'RangeSelector',
              startContainer: '/p[3]',
              endContainer: '/p[3]',
              startOffset: 0,
              endOffset: 9,
            },
            { type: 'TextQuoteSelector', exact, prefix: 'janvier 2021, ', suffix: ' , affirmant' },
          ],
        },
      ],
    };
    const { parsed, plan } = planFresh(hyp);
    expect(parsed.problems).toEqual([]);
    expect(parsed.records[0]).toMatchObject({
      id: '891d5851-2ad8-55f8-820d-6107d003635c', // uuid.uuid5(uuid.NAMESPACE_URL, id) in Python
      sourceId: hyp.id,
      targetSource: 'https://www.example.fr/parler-amazon',
      kind: 'event',
      note: 'The judge *dismissed* it.',
    });
    expect(parsed.records[0]!.articleId).toBeUndefined();
    expect(plan.anchored).toHaveLength(1);
    expect(plan.anchored[0]).toMatchObject({ ...span, exact, articleId: article.id });
  });

  it('a plain string body is read as a tag; bodyValue as the note', () => {
    const { parsed } = planFresh({
      type: 'Annotation',
      body: 'quote',
      target: { selector: { type: 'TextQuoteSelector', exact } },
    });
    expect(parsed.records[0]).toMatchObject({ kind: 'quote', note: '' });
    const viaValue = parseW3C({
      type: 'Annotation',
      motivation: 'tagging',
      body: { type: 'TextualBody', value: 'claim' },
      bodyValue: 'why not',
      target: { selector: { type: 'TextQuoteSelector', exact } },
    });
    expect(viaValue.records[0]).toMatchObject({ kind: 'claim', note: 'why not' });
  });

  it('Recogito-like: body array and selector array, position in code points', () => {
    const rec = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: '#c1a9d3e2-6f0b-4a1e-9d5c-2b7f7e5a1c00',
      type: 'Annotation',
      body: [
        { type: 'TextualBody', purpose: 'commenting', value: 'Check the date.' },
        { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
        { type: 'TextualBody', purpose: 'tagging', value: 'important' },
      ],
      target: {
        selector: [
          { type: 'TextQuoteSelector', exact },
          { type: 'TextPositionSelector', start: span.start, end: span.end },
        ],
      },
    };
    const { parsed, plan } = planFresh(rec);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]).toMatchObject({
      kind: 'claim',
      note: 'Check the date.',
      sourceId: rec.id,
    });
    // The extra tag is reported, not guessed, and does not stop the import.
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        code: 'unknown-kind',
        severity: 'warning',
        index: 0,
        path: 'body[2].value',
      }),
    ]);
    expect(plan.anchored[0]).toMatchObject(span);
  });

  it('reads a single annotation, a bare array and an AnnotationPage alike', () => {
    const one = {
      type: 'Annotation',
      id: 'urn:uuid:6F9619FF-8B86-4011-B42D-00C04FC964FF',
      body: { type: 'TextualBody', purpose: 'tagging', value: 'quote' },
      target: { selector: { type: 'TextPositionSelector', start: span.start, end: span.end } },
    };
    const expected = { id: '6f9619ff-8b86-4011-b42d-00c04fc964ff', kind: 'quote' };
    expect(parseW3C(one).records).toEqual([expect.objectContaining({ ...expected, path: '' })]);
    expect(parseW3C([one]).records).toEqual([
      expect.objectContaining({ ...expected, path: '[0]' }),
    ]);
    const page = {
      type: 'AnnotationPage',
      items: [one],
      next: { type: 'AnnotationPage', items: [] },
    };
    expect(parseW3C(page).records).toEqual([
      expect.objectContaining({ ...expected, path: 'items[0]' }),
    ]);
    const { plan } = planFresh(one);
    expect(plan.anchored[0]).toMatchObject({ ...span, exact });
  });

  it('follows embedded next pages and reports pages given as URLs', () => {
    const tagged = (id: string) => ({
      type: 'Annotation',
      id,
      body: 'claim',
      target: { selector: { type: 'TextQuoteSelector', exact } },
    });
    const collection = {
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [tagged('a1')],
        next: { type: 'AnnotationPage', items: [tagged('a2')], next: 'https://example.org/page3' },
      },
    };
    const { records, problems } = parseW3C(collection);
    expect(records.map((r) => r.sourceId)).toEqual(['a1', 'a2']);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unfetched-reference',
        path: 'first.next.next',
        severity: 'warning',
      }),
    ]);
    expect(
      parseW3C({ type: 'AnnotationCollection', first: { items: [tagged('a3')] } }).records,
    ).toHaveLength(1);
  });

  it('uses a quote found in refinedBy, but not a refined position', () => {
    const { records } = parseW3C({
      type: 'Annotation',
      body: 'event',
      target: {
        selector: {
          type: 'XPathSelector',
          value: '/p[3]',
          refinedBy: [
            { type: 'TextPositionSelector', start: 0, end: 5 },
            { type: 'TextQuoteSelector', exact },
          ],
        },
      },
    });
    expect(records[0]!.selectors).toEqual({ quote: { exact, prefix: '', suffix: '' } });
  });

  it('maps ids: UUID URNs kept, other ids to a stable UUID v5, missing ids to a fresh UUID', () => {
    expect(mapId('urn:uuid:0B2B2E8C-0000-4000-8000-000000000001')).toEqual({
      id: '0b2b2e8c-0000-4000-8000-000000000001',
    });
    expect(uuidV5Url('#a1b2')).toBe('558b9324-7870-5f05-ad72-2c4d1f1ef913');
    expect(uuidV5Url('é😀')).toBe('570461e2-0c94-561f-9e1e-8646068fd096');
    expect(mapId('#a1b2')).toEqual({ id: uuidV5Url('#a1b2'), sourceId: '#a1b2' });
    const fresh = mapId(undefined).id;
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(mapId(undefined).id).not.toBe(fresh);
  });
});

suite('parseW3C: problems', () => {
  const base = {
    type: 'Annotation',
    id: 'urn:uuid:00000000-0000-4000-8000-00000000beef',
    body: 'claim',
    target: { selector: { type: 'TextQuoteSelector', exact: 'Parler' } },
  };

  it.each([
    ['a tag outside the three kinds', { body: 'rumour' }, 'unknown-kind', 'body'],
    [
      'no tag',
      { body: { type: 'TextualBody', purpose: 'commenting', value: 'hm' } },
      'missing-kind',
      'body',
    ],
    ['two kinds', { body: ['claim', 'quote'] }, 'ambiguous-kind', 'body'],
    ['no target', { target: undefined }, 'missing-selector', 'target'],
    [
      'a target without a selector',
      { target: 'https://example.org/a' },
      'missing-selector',
      'target',
    ],
    [
      'start after end',
      { target: { selector: { type: 'TextPositionSelector', start: 9, end: 3 } } },
      'start-not-before-end',
      'target.selector',
    ],
    [
      'a negative offset',
      { target: { selector: [{ type: 'TextPositionSelector', start: -2, end: 3 }] } },
      'offset-out-of-range',
      'target.selector[0]',
    ],
    [
      'a non-numeric offset',
      { target: { selector: { type: 'TextPositionSelector', start: '1', end: 3 } } },
      'wrong-shape',
      'target.selector',
    ],
  ])('%s is an error naming the record', (_, change, code, where) => {
    const { records, problems } = parseW3C([base, { ...base, ...change }]);
    expect(records).toHaveLength(1);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code,
        severity: 'error',
        index: 1,
        id: base.id,
        path: `[1].${where}`,
        detail: expect.any(String),
      }),
    );
  });

  it('a bad position beside a good quote is only a warning', () => {
    const { records, problems } = parseW3C({
      ...base,
      target: {
        selector: [
          { type: 'TextQuoteSelector', exact: 'Parler' },
          { type: 'TextPositionSelector', start: 5, end: 5 },
        ],
      },
    });
    expect(records).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'start-not-before-end', severity: 'warning' }),
    ]);
  });

  it('reports values that are not annotations, and inputs that hold none', () => {
    expect(parseW3C([base, 42, null]).problems.map((p) => [p.code, p.index])).toEqual([
      ['wrong-shape', 1],
      ['wrong-shape', 2],
    ]);
    expect(parseW3C('hello').problems).toEqual([expect.objectContaining({ code: 'wrong-shape' })]);
    expect(parseW3C([]).problems).toEqual([expect.objectContaining({ code: 'empty' })]);
    expect(parseW3C({ hello: 1 }).problems[0]).toMatchObject({ code: 'wrong-shape', index: 0 });
  });

  it('ignores a bad timestamp with a warning', () => {
    const { records, problems } = parseW3C({ ...base, created: 'last week' });
    expect(records[0]!.created).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'wrong-shape', severity: 'warning', path: 'created' }),
    ]);
  });
});

suite('importing into a revised article', () => {
  it('re-anchors exported annotations whose text moved or changed slightly', () => {
    // The site added a sentence to the standfirst and fixed a typo in the quoted words.
    const revised: Article = {
      ...article,
      blocks: article.blocks.map((b, i) =>
        i === 1
          ? { ...b, text: `${b.text} Mise à jour : Amazon n'a pas répondu.` }
          : i === 4
            ? { ...b, text: b.text.replace('a répudié et violé', 'a répudié puis violé') }
            : b,
      ),
    };
    const revisedText = canonicalText(revised.blocks);
    const revisedIndex = new CodePointIndex(revisedText);
    const exported = JSON.parse(JSON.stringify(toW3C(article, [claim, quote]))) as unknown;
    const { records } = parseW3C(exported);
    const plan = planImport(records, { article: revised, existing: [], onExisting: 'skip' });
    expect(plan.orphaned).toEqual([]);
    expect(plan.moved).toHaveLength(2);
    const at = (needle: string) => revisedIndex.toCodePoint(revisedText.indexOf(needle));
    const movedClaim = plan.moved.find((a) => a.id === claim.id)!;
    expect(movedClaim).toMatchObject({ start: at(claim.exact), exact: claim.exact });
    const movedQuote = plan.moved.find((a) => a.id === quote.id)!;
    expect(movedQuote).toMatchObject({
      start: at('a répudié puis violé son contrat'),
      exact: 'a répudié puis violé son contrat',
    });
  });
});

suite('W3C: the review modifier', () => {
  const translation = fc.string({ minLength: 1 }).filter((s) => s.trim() !== '');
  const name = fc.oneof(
    fc.constantFrom('Camille Martin', '<img src=x onerror=alert(1)>', 'Zoë 😀', ' espace '),
    fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
  );

  it('round-trips: the translation body’s creator is the review’s modifier, and none is none', () => {
    fc.assert(
      fc.property(
        translation,
        fc.constantFrom(...REVIEW_STATUSES),
        fc.option(name, { nil: undefined }),
        (text, status, modifier) => {
          const r: Review = {
            ...review,
            translation: text,
            status,
            ...(modifier !== undefined ? { modifier } : {}),
          };
          const json = JSON.parse(JSON.stringify(toW3C(article, [quote], [r]))) as unknown;
          const { records, problems } = parseW3C(json);
          expect(problems).toEqual([]);
          const back = records.find((x) => x.id === quote.id)!.review!;
          expect(back.translation).toBe(text);
          expect(back.status).toBe(status);
          expect(back.modifier).toBe(modifier);
          expect('modifier' in back).toBe(modifier !== undefined);
        },
      ),
    );
  });

  it('is W3C’s own body creator, a Person, and still passes the W3C test suite', () => {
    const collection = toW3C(article, all, [{ ...review, modifier: 'Camille Martin' }]);
    const body = collection.first.items
      .find((i) => i.id === `urn:uuid:${quote.id}`)!
      .body.find((b) => b['glossa:field'] === 'translation');
    expect(body?.creator).toEqual({ type: 'Person', name: 'Camille Martin' });
    const { status, output } = validate(collection);
    expect(output).toMatch(/W3C annotation-model: 4 annotations, 0 failures\s*$/);
    expect(status).toBe(0);
  });

  it('reads Recogito’s creator (an id and a name), and a nameless one with a warning', () => {
    const withCreator = (creator: unknown) => {
      const json = JSON.parse(JSON.stringify(toW3C(article, [quote], [review]))) as {
        first: { items: { body: Record<string, unknown>[] }[] };
      };
      const body = json.first.items[0]!.body.find((b) => b['glossa:field'] === 'translation')!;
      body.creator = creator;
      return parseW3C(json);
    };
    const recogito = withCreator({ id: 'https://example.org/users/camille', name: 'Camille' });
    expect(recogito.problems).toEqual([]);
    expect(recogito.records[0]!.review!.modifier).toBe('Camille');
    const nameless = withCreator({ id: 'https://example.org/users/camille' });
    expect(nameless.records[0]!.review!.modifier).toBeUndefined();
    expect(nameless.problems).toMatchObject([
      { code: 'wrong-shape', severity: 'warning', path: expect.stringMatching(/creator$/) },
    ]);
  });
});
