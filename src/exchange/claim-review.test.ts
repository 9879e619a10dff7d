import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import type { Article } from '../model/article';
import type { Entity, Relation } from '../model/factcheck';
import { toClaimReviews, type ClaimReviewJson } from './claim-review';

/**
 * What Google's fact-check markup documentation marks required and
 * recommended (developers.google.com/search/docs/appearance/structured-data/factcheck),
 * by the object each belongs to.
 */
const GOOGLE = {
  ClaimReview: {
    required: ['claimReviewed', 'reviewRating', 'url'],
    recommended: ['author', 'datePublished', 'itemReviewed'],
  },
  Rating: {
    required: ['alternateName'],
    recommended: ['bestRating', 'name', 'ratingValue', 'worstRating'],
  },
  // Claim's datePublished and firstAppearance are not known from an article (claim-review.ts).
  Claim: { required: [], recommended: ['appearance', 'author'] },
  Organization: { required: ['name'], recommended: ['url'] },
};

const article: Article = {
  id: 'parler-amazon-fr',
  title: 'Parler attaque Amazon',
  lang: 'fr',
  blocks: [{ type: 'paragraph', text: 'AWS savait que ces accusations étaient fausses.' }],
  source: 'https://example.org/parler-amazon',
};
const base = {
  articleId: article.id,
  prefix: '',
  suffix: '',
  note: '',
  fields: {},
  created: '2021-01-01T00:00:00.000Z',
  modified: '2021-01-02T00:00:00.000Z',
};
const claim: Annotation = {
  ...base,
  id: 'c1',
  kind: 'claim',
  start: 0,
  end: 47,
  exact: 'AWS savait que ces accusations étaient fausses',
  verdict: { rating: 'misleading', explanation: 'AWS avait été prévenue.', reviewed: '2021-02-01' },
};
const unrated: Annotation = { ...base, id: 'c2', kind: 'claim', start: 1, end: 3, exact: 'WS' };
const unverifiable: Annotation = {
  ...claim,
  id: 'c3',
  start: 4,
  fields: { claimant: 'un porte-parole' },
  verdict: { rating: 'unverifiable', explanation: '', reviewed: '2021-02-03' },
};
const parler: Entity = {
  id: 'e1',
  type: 'organization',
  name: 'Parler',
  aliases: [],
  created: '',
  modified: '',
};
const madeBy: Relation = {
  id: 'r1',
  type: 'madeBy',
  from: { annotationId: 'c1', articleId: article.id },
  to: { entityId: 'e1' },
  created: '',
};
const publisher = {
  name: 'Les Vérificateurs',
  url: 'https://verif.example/',
  pageUrl: 'https://verif.example/parler',
};

function expectGoogleProperties(
  object: Record<string, unknown>,
  type: keyof typeof GOOGLE,
  all = true,
): void {
  for (const p of GOOGLE[type].required) expect(object, `${type}.${p}`).toHaveProperty(p);
  if (all)
    for (const p of GOOGLE[type].recommended) expect(object, `${type}.${p}`).toHaveProperty(p);
}

describe('toClaimReviews', () => {
  const { records, problems } = toClaimReviews(
    article,
    [unverifiable, claim, unrated],
    [madeBy],
    new Map([['e1', parler]]),
    publisher,
  );

  it('writes one ClaimReview per rated claim, in document order', () => {
    expect(problems).toEqual([]);
    expect(records.map((r) => r.url)).toEqual([
      'https://verif.example/parler#claim-c1',
      'https://verif.example/parler#claim-c3',
    ]);
  });

  it('has every property Google marks required and recommended', () => {
    const r = records[0]!;
    expect(r['@context']).toBe('https://schema.org');
    expect(r['@type']).toBe('ClaimReview');
    expectGoogleProperties(r as unknown as Record<string, unknown>, 'ClaimReview');
    expectGoogleProperties(r.reviewRating, 'Rating');
    expectGoogleProperties(r.itemReviewed, 'Claim');
    expectGoogleProperties(r.author, 'Organization');
    expect(r.itemReviewed['@type']).toBe('Claim');
    expect(r.author['@type']).toBe('Organization');
  });

  it('carries the claim, the verdict, the claimant entity and where the claim appeared', () => {
    expect(records[0]).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://verif.example/parler#claim-c1',
      claimReviewed: claim.exact,
      datePublished: '2021-02-01',
      author: { '@type': 'Organization', name: 'Les Vérificateurs', url: 'https://verif.example/' },
      reviewRating: {
        '@type': 'Rating',
        alternateName: 'Trompeur',
        name: 'Trompeur',
        ratingValue: 2,
        bestRating: 5,
        worstRating: 1,
        ratingExplanation: 'AWS avait été prévenue.',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Organization', name: 'Parler' },
        appearance: {
          '@type': 'CreativeWork',
          url: 'https://example.org/parler-amazon',
          headline: article.title,
        },
      },
    } satisfies ClaimReviewJson);
  });

  it('an unverifiable claim has its name but no place on the scale; a free-text claimant is a Person', () => {
    const r = records[1]!;
    expectGoogleProperties(r.reviewRating, 'Rating', false);
    expect(r.reviewRating).not.toHaveProperty('ratingValue');
    expect(r.reviewRating.alternateName).toBe('Invérifiable');
    expect(r.itemReviewed.author).toEqual({ '@type': 'Person', name: 'un porte-parole' });
  });

  it('names the ratings in English when asked, and an article without a web source by its URN', () => {
    const en = toClaimReviews({ ...article, source: 'parler.txt' }, [claim], [], new Map(), {
      ...publisher,
      language: 'en',
    });
    expect(en.records[0]!.reviewRating.alternateName).toBe('Misleading');
    expect(en.records[0]!.itemReviewed.appearance.url).toBe('urn:glossa:article:parler-amazon-fr');
    expect(en.records[0]!.itemReviewed).not.toHaveProperty('author');
  });

  it('refuses to write reviews without the organisation or a page URL (both required by Google)', () => {
    const none = toClaimReviews(article, [claim], [], new Map(), { name: ' ' });
    expect(none.records).toEqual([]);
    expect(none.problems.map((p) => p.code)).toEqual(['no-publisher', 'no-url']);
    const javascript = toClaimReviews(article, [claim], [], new Map(), {
      name: 'X',
      pageUrl: 'javascript:alert(1)',
    });
    expect(javascript.problems.map((p) => p.code)).toEqual(['no-url']);
  });
});
