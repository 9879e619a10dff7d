/**
 * An article's web address (ArticleOrigin.url) in the exports: the W3C
 * target's source, with the Glossa URN as its scope; the Hypothesis uri;
 * and the native backup carries the whole origin.
 */
import { describe as suite, expect, it } from 'vitest';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { readableArticle } from '../model/record-checks';
import { toHypothesis } from './hypothesis';
import { parseNative, toNative } from './native';
import { validateW3C } from './testing/w3c-validator';
import { parseW3C, toW3C, toW3CAll } from './w3c';

const URL_ = 'https://www.example.fr/2021/03/parler-amazon';
const plain = articleJson as Article;
const article: Article = {
  ...plain,
  origin: { url: URL_, publisher: 'Example', author: 'Marie Dupont', published: '2021-03-03' },
};
const T = '2021-03-03T10:00:00.000Z';
const annotation: Annotation = {
  id: '11111111-1111-4111-8111-111111111111',
  articleId: article.id,
  kind: 'claim',
  start: 100,
  end: 140,
  ...describe(new CodePointIndex(canonicalText(article.blocks)), 100, 140),
  note: '',
  fields: {},
  created: T,
  modified: T,
};

suite('the article’s web address in exports', () => {
  it('W3C: target.source is the web address, scope the Glossa URN; valid; read back to the article', () => {
    const collection = toW3C(article, [annotation]);
    expect(collection.first.items[0]!.target).toMatchObject({
      source: URL_,
      scope: `urn:glossa:article:${article.id}`,
    });
    const { status, output } = validateW3C(JSON.parse(JSON.stringify(collection)), {
      containers: true,
    });
    expect(output).toMatch(/0 failures\s*$/);
    expect(status).toBe(0);
    const parsed = parseW3C(JSON.parse(JSON.stringify(collection)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.records[0]).toMatchObject({ articleId: article.id, targetSource: URL_ });
    expect(toW3CAll([{ article, annotations: [annotation] }]).first.items[0]!.target.source).toBe(
      URL_,
    );
  });

  it('W3C: without a web address the source is the URN and there is no scope', () => {
    const target = toW3C(plain, [annotation]).first.items[0]!.target;
    expect(target.source).toBe(`urn:glossa:article:${plain.id}`);
    expect(target.scope).toBeUndefined();
  });

  it('Hypothesis: uri and target[0].source are the web address', () => {
    const out = toHypothesis(article, [annotation]);
    expect(out.annotations[0]!.uri).toBe(URL_);
    expect(out.annotations[0]!.target[0]!.source).toBe(URL_);
  });

  it('native: the origin goes out and comes back; a wrong shape is named', () => {
    const json = JSON.parse(JSON.stringify(toNative([{ article, annotations: [annotation] }]))) as {
      articles: { article: Record<string, unknown> }[];
    };
    expect(json.articles[0]!.article.origin).toEqual(article.origin);
    expect(parseNative(json).document?.articles[0]!.article.origin).toEqual(article.origin);
    json.articles[0]!.article.origin = ['https://x'];
    const bad = parseNative(json);
    expect(bad.problems).toContainEqual(
      expect.objectContaining({ code: 'wrong-shape', path: 'articles[0].article.origin' }),
    );
  });

  it('a stored origin is read as far as it is readable', () => {
    const read = readableArticle({
      ...article,
      created: T,
      modified: T,
      origin: { url: 'javascript:alert(1)', author: 'Marie Dupont', published: 7 },
    });
    expect(read.article?.origin).toEqual({ author: 'Marie Dupont' });
    expect('problems' in read && read.problems).toHaveLength(1);
    const clean = readableArticle({ ...article, created: T, modified: T });
    expect(clean.article?.origin).toEqual(article.origin);
    expect('problems' in clean && clean.problems).toEqual([]);
  });
});
