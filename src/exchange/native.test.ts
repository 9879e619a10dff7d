/**
 * The native format's validation: each wrong field is reported against its
 * record, and only that record is left out.
 */
import { describe as suite, expect, it } from 'vitest';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import { parseNative, toNative } from './native';

const article = articleJson as Article;
const index = new CodePointIndex(canonicalText(article.blocks));
const T = '2021-03-03T10:00:00.000Z';

const annotation: Annotation = {
  id: '11111111-1111-4111-8111-111111111111',
  articleId: article.id,
  kind: 'quote',
  start: 100,
  end: 140,
  ...describe(index, 100, 140),
  note: '',
  fields: { speaker: 'Parler' },
  created: T,
  modified: T,
};
const second: Annotation = {
  ...annotation,
  id: '22222222-2222-4222-8222-222222222222',
  kind: 'event',
};
const gloss: UserGloss = {
  key: `${article.id}/b1.s0`,
  articleId: article.id,
  sentenceId: 'b1.s0',
  lang: 'en',
  text: 'Parler dropped its suit.',
  modified: T,
};
const review: Review = {
  annotationId: annotation.id,
  articleId: article.id,
  translation: 'x',
  origin: 'human',
  status: 'approved',
  comment: '',
  modified: T,
  approvedQuote: { start: 100, end: 140, exact: annotation.exact },
};

/** A native file as plain JSON, with `edit` applied to its first entry. */
function file(edit: (entry: Record<string, unknown[] | unknown>) => void = () => {}): unknown {
  const json = JSON.parse(
    JSON.stringify(
      toNative([
        { article, annotations: [annotation, second], glosses: [gloss], reviews: [review] },
      ]),
    ),
  ) as { articles: Record<string, unknown>[] };
  edit(json.articles[0]!);
  return json;
}

/** Sets a field of the entry's first annotation. */
const setAnnotation = (key: string, value: unknown) => (entry: Record<string, unknown>) => {
  (entry.annotations as Record<string, unknown>[])[0]![key] = value;
};

suite('parseNative', () => {
  it('reads a valid file without problems', () => {
    const parsed = parseNative(file());
    expect(parsed.problems).toEqual([]);
    expect(parsed.document!.articles[0]).toEqual({
      article,
      annotations: [annotation, second],
      glosses: [gloss],
      reviews: [review],
    });
    expect(parsed.records.map((r) => r.id)).toEqual([annotation.id, second.id]);
    expect(parsed.records[0]!.review).toMatchObject({ translation: 'x', status: 'approved' });
  });

  it.each([
    ['kind', 'rumour', 'unknown-kind', 'kind'],
    ['start', 1.5, 'wrong-shape', 'start'],
    ['start', -3, 'offset-out-of-range', 'start'],
    ['end', 100, 'start-not-before-end', 'start'],
    ['end', 99_999, 'offset-out-of-range', 'end'],
    ['id', 'not-a-uuid', 'wrong-shape', 'id'],
    ['articleId', 'another', 'other-article', 'articleId'],
    ['note', 42, 'wrong-shape', 'note'],
    ['fields', { speaker: 7 }, 'wrong-shape', 'fields.speaker'],
    ['created', '3 March', 'wrong-shape', 'created'],
    ['orphaned', 'yes', 'wrong-shape', 'orphaned'],
  ])('%s = %j is reported as %s, and only that record is dropped', (key, value, code, where) => {
    const parsed = parseNative(file(setAnnotation(key, value)));
    const ownId = key === 'id' ? 'not-a-uuid' : annotation.id;
    expect(parsed.problems).toContainEqual(
      expect.objectContaining({
        code,
        severity: 'error',
        index: 0,
        id: ownId,
        path: `articles[0].annotations[0].${where}`,
      }),
    );
    expect(parsed.records.map((r) => r.id)).toEqual([second.id]);
    expect(parsed.document!.articles[0]!.annotations).toEqual([second]);
  });

  it('lets an orphan point past the text, or nowhere (0, 0)', () => {
    const orphan = { ...second, orphaned: true, start: 0, end: 0 };
    const far = {
      ...second,
      id: '33333333-3333-4333-8333-333333333333',
      orphaned: true,
      start: 9000,
      end: 9100,
    };
    const parsed = parseNative(
      file((e) => {
        e.annotations = [orphan, far];
        e.reviews = [];
      }),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toHaveLength(2);
  });

  it('reports duplicate annotation ids and keeps the first', () => {
    const parsed = parseNative(
      file((e) => (e.annotations = [annotation, { ...second, id: annotation.id }])),
    );
    expect(parsed.problems).toEqual([
      expect.objectContaining({ code: 'duplicate-id', index: 1, id: annotation.id }),
    ]);
    expect(parsed.records).toHaveLength(1);
  });

  it('validates glosses and reviews', () => {
    const parsed = parseNative(
      file((e) => {
        e.glosses = [
          { ...gloss, key: 'wrong' },
          { ...gloss, articleId: 'x' },
        ];
        e.reviews = [
          { ...review, status: 'done' },
          { ...review, annotationId: '99999999-9999-4999-8999-999999999999' },
          { ...review, approvedQuote: { start: 5, end: 2, exact: '' } },
        ];
      }),
    );
    expect(parsed.problems.map((p) => [p.code, p.path])).toEqual([
      ['wrong-shape', 'articles[0].glosses[0].key'],
      ['other-article', 'articles[0].glosses[1].articleId'],
      ['wrong-shape', 'articles[0].reviews[0].status'],
      ['dangling-review', 'articles[0].reviews[1].annotationId'],
      ['start-not-before-end', 'articles[0].reviews[2].approvedQuote.start'],
    ]);
    expect(parsed.document!.articles[0]!.glosses).toEqual([]);
    expect(parsed.document!.articles[0]!.reviews).toEqual([]);
    expect(parsed.records[0]!.review).toBeUndefined();
  });

  it('drops an entry whose article is malformed, counting its annotations', () => {
    const progress: number[] = [];
    const parsed = parseNative(
      file((e) => ((e.article as Record<string, unknown>).blocks = [{ type: 'aside', text: 'x' }])),
      { onProgress: (done) => progress.push(done) },
    );
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        code: 'wrong-shape',
        path: 'articles[0].article.blocks[0].type',
        id: article.id,
      }),
    ]);
    expect(parsed.document!.articles).toEqual([]);
    expect(progress.at(-1)).toBe(2);
  });

  it('refuses other versions and shapes as a whole', () => {
    expect(parseNative({ format: 'glossa', version: 3, articles: [] })).toMatchObject({
      document: null,
      problems: [{ code: 'unsupported-version', path: 'version' }],
    });
    expect(parseNative({ format: 'glossa', version: 1, articles: {} }).problems[0]).toMatchObject({
      code: 'wrong-shape',
      path: 'articles',
    });
    expect(parseNative([]).problems[0]).toMatchObject({ code: 'wrong-shape' });
  });

  it('drops keys the format does not define', () => {
    const parsed = parseNative(file(setAnnotation('colour', 'red')));
    expect(parsed.document!.articles[0]!.annotations[0]).toEqual(annotation);
  });
});

suite('version 2: the library bookkeeping, the translation memory and the termbase', () => {
  const tmUnit = {
    id: 'tm-1',
    source: 'le gouvernement',
    sourceKey: 'le gouvernement',
    target: 'the government',
    sourceLang: 'fr',
    targetLang: 'en',
    origin: 'user' as const,
    articleId: article.id,
    created: T,
    modified: T,
  };
  const term = {
    id: 'term-1',
    term: 'réforme',
    termKey: 'reforme',
    equivalents: ['reform', 'overhaul'],
    origin: 'tbx' as const,
    domain: 'politics',
    created: T,
    modified: T,
  };
  const stored = {
    ...article,
    created: T,
    modified: T,
    contentHash: 'abc',
    previousVersions: [{ blocks: [{ type: 'paragraph' as const, text: 'Avant.' }], replaced: T }],
  };

  it('round-trips articles with their versions, TM units and terms', () => {
    const doc = toNative([{ article: stored, annotations: [annotation] }], {
      exported: T,
      tmUnits: [tmUnit],
      terms: [term],
    });
    expect(doc.version).toBe(2);
    const parsed = parseNative(JSON.parse(JSON.stringify(doc)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.document).toEqual(doc);
  });

  it('still reads version 1 (no TM, no termbase)', () => {
    const v1 = { ...(file() as object), version: 1 } as Record<string, unknown>;
    delete v1.tmUnits;
    delete v1.terms;
    const parsed = parseNative(v1);
    expect(parsed.problems).toEqual([]);
    expect(parsed.document?.articles).toHaveLength(1);
    expect(parsed.document).toMatchObject({ tmUnits: [], terms: [] });
  });

  it('reports a bad TM unit or term by its path and keeps the others', () => {
    const doc = JSON.parse(
      JSON.stringify(
        toNative([{ article, annotations: [] }], { tmUnits: [tmUnit], terms: [term] }),
      ),
    ) as { tmUnits: unknown[]; terms: unknown[] };
    doc.tmUnits.push({ ...tmUnit, id: 'tm-2', origin: 'guess' }, tmUnit, '<img src=x>');
    doc.terms.push({ ...term, id: 'term-2', equivalents: 'reform' });
    const parsed = parseNative(doc);
    expect(parsed.document?.tmUnits).toEqual([tmUnit]);
    expect(parsed.document?.terms).toEqual([term]);
    expect(parsed.problems).toMatchObject([
      { code: 'wrong-shape', path: 'tmUnits[1].origin', id: 'tm-2' },
      { code: 'duplicate-id', path: 'tmUnits[2].id' },
      { code: 'wrong-shape', path: 'tmUnits[3]' },
      { code: 'wrong-shape', path: 'terms[1].equivalents', id: 'term-2' },
    ]);
  });

  it('refuses a TM that is not an array, and a bad previous version', () => {
    const doc = file((e) => {
      (e.article as Record<string, unknown>).previousVersions = [{ blocks: [], replaced: 'hier' }];
    }) as Record<string, unknown>;
    doc.tmUnits = {};
    const parsed = parseNative(doc);
    expect(parsed.document?.articles).toEqual([]);
    expect(parsed.problems).toMatchObject([
      { code: 'wrong-shape', path: 'articles[0].article.previousVersions[0].replaced' },
      { code: 'wrong-shape', path: 'tmUnits' },
    ]);
  });

  it('round-trips the fact-checking records: entities, relations, verdicts, dates, who did it', () => {
    const claim: Annotation = {
      ...annotation,
      id: '33333333-3333-4333-8333-333333333333',
      kind: 'claim',
      verdict: { rating: 'misleading', explanation: 'AWS avait prévenu.', reviewed: '2021-03-04' },
      entityIds: ['e1'],
      creator: 'Camille',
      modifier: 'Léa',
    };
    const event: Annotation = { ...second, dateValue: '2021-01-09', creator: 'Camille' };
    const entity = {
      id: 'e1',
      type: 'organization' as const,
      name: 'Amazon Web Services',
      aliases: ['AWS'],
      created: T,
      modified: T,
      creator: 'Camille',
      mergedIds: ['e0'],
    };
    const relations = [
      {
        id: 'r1',
        type: 'madeBy' as const,
        from: { annotationId: claim.id, articleId: article.id },
        to: { entityId: 'e1' },
        created: T,
        creator: 'Camille',
      },
      {
        id: 'r2',
        type: 'contradictedBy' as const,
        from: { annotationId: claim.id, articleId: article.id },
        to: { annotationId: 'x', articleId: 'another-article' },
        created: T,
      },
    ];
    const doc = toNative(
      [{ article, annotations: [claim, event], reviews: [{ ...review, modifier: 'Léa' }] }],
      { exported: T, entities: [entity], relations },
    );
    doc.articles[0]!.reviews[0]!.annotationId = claim.id;
    const parsed = parseNative(JSON.parse(JSON.stringify(doc)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.document).toEqual(doc);
  });

  it('reports a bad entity or relation by its path and keeps the others', () => {
    const entity = {
      id: 'e1',
      type: 'person',
      name: 'Jean',
      aliases: [],
      created: T,
      modified: T,
    };
    const relation = {
      id: 'r1',
      type: 'saidBy',
      from: { annotationId: annotation.id, articleId: article.id },
      to: { entityId: 'e1' },
      created: T,
    };
    const doc = file() as Record<string, unknown>;
    doc.entities = [
      entity,
      { ...entity, id: 'e2', type: 'robot' },
      { ...entity, id: 'e3', aliases: 'AWS' },
      { ...entity, id: 'e4', name: '  ' },
    ];
    doc.relations = [
      relation,
      { ...relation, id: 'r2', type: 'likes' },
      { ...relation, id: 'r3', from: { entityId: 'e1' } },
      { ...relation, id: 'r4', to: '<img src=x onerror=alert(1)>' },
      relation,
    ];
    const parsed = parseNative(doc);
    expect(parsed.document?.entities).toEqual([entity]);
    expect(parsed.document?.relations).toEqual([relation]);
    expect(parsed.problems).toMatchObject([
      { code: 'wrong-shape', path: 'entities[1].type', id: 'e2' },
      { code: 'wrong-shape', path: 'entities[2].aliases', id: 'e3' },
      { code: 'wrong-shape', path: 'entities[3].name', id: 'e4' },
      { code: 'wrong-shape', path: 'relations[1].type', id: 'r2' },
      { code: 'wrong-shape', path: 'relations[2].from', id: 'r3' },
      { code: 'wrong-shape', path: 'relations[3].to', id: 'r4' },
      { code: 'duplicate-id', path: 'relations[4].id' },
    ]);
  });

  it('refuses a verdict, a date value or entity ids of the wrong shape, leaving that annotation out', () => {
    const parsed = parseNative(
      file((e) => {
        const [a, b] = e.annotations as Record<string, unknown>[];
        a!.verdict = { rating: 'false' };
        b!.dateValue = 'janvier 2021 (plainte)';
      }),
    );
    expect(parsed.document?.articles[0]?.annotations).toEqual([]);
    expect(parsed.problems).toMatchObject([
      { path: 'articles[0].annotations[0].verdict.explanation' },
      { path: 'articles[0].annotations[0].verdict.reviewed' },
      { path: 'articles[0].annotations[1].dateValue' },
      // The left-out quote's review has nothing to be attached to.
      { code: 'dangling-review' },
    ]);
  });
});
