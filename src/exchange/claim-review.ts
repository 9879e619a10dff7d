/**
 * An article's rated claims as schema.org ClaimReview JSON-LD, the markup
 * Google's Fact Check Explorer and fact-check rich results read
 * (https://developers.google.com/search/docs/appearance/structured-data/factcheck).
 *
 * Google marks as required: ClaimReview `claimReviewed`, `reviewRating`,
 * `url`, and Rating `alternateName`; as recommended: ClaimReview `author`
 * (the organisation), `datePublished`, `itemReviewed` (a Claim), Claim
 * `author`, `appearance`, `datePublished`, `firstAppearance`, and Rating
 * `bestRating`, `worstRating`, `ratingValue`, `name`. Glossa writes all of
 * them it knows: a Claim's `datePublished` and `firstAppearance` are left
 * out, because an article is where the claim was read, not proof of when or
 * where it was first made.
 */
import type { Annotation } from '../model/annotation';
import type { Article } from '../model/article';
import {
  BEST_RATING,
  WORST_RATING,
  isEntityEnd,
  ratingOf,
  type Entity,
  type Relation,
} from '../model/factcheck';

/** Who publishes the fact checks (settable, kept with the browser's settings). */
export interface FactCheckPublisher {
  name: string;
  /** The organisation's site. */
  url?: string;
  /**
   * The page that will host the fact check; each review's `url` is this page
   * with `#claim-<annotation id>`. When empty, the organisation's site is used.
   */
  pageUrl?: string;
  /** The language the ratings are published in ("fr" or "en"): the `alternateName`'s. */
  language?: 'fr' | 'en';
}

export interface ClaimReviewJson {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  author: { '@type': 'Organization'; name: string; url?: string };
  reviewRating: {
    '@type': 'Rating';
    alternateName: string;
    name: string;
    ratingValue?: number;
    bestRating: number;
    worstRating: number;
    ratingExplanation?: string;
  };
  itemReviewed: {
    '@type': 'Claim';
    author?: { '@type': 'Person' | 'Organization'; name: string };
    appearance: { '@type': 'CreativeWork'; url: string; headline: string };
  };
}

/** Why a rated claim could not be exported (translated at the edge). */
export interface ClaimReviewProblem {
  code: 'no-publisher' | 'no-url';
  severity: 'error';
  id?: string;
  detail: string;
}

const ARTICLE_URN = 'urn:glossa:article:';

/** The article's address: its source when that is a web URL, else its Glossa URN. */
export function articleAppearance(article: Article): string {
  const source = article.source ?? '';
  return /^https?:\/\//i.test(source) ? source : ARTICLE_URN + encodeURIComponent(article.id);
}

/**
 * The ClaimReviews of an article's rated claims, in document order. The
 * claimant is the `madeBy` entity, else the claim's free-text claimant.
 */
export function toClaimReviews(
  article: Article,
  annotations: Iterable<Annotation>,
  relations: Iterable<Relation>,
  entities: ReadonlyMap<string, Entity>,
  publisher: FactCheckPublisher,
): { records: ClaimReviewJson[]; problems: ClaimReviewProblem[] } {
  const problems: ClaimReviewProblem[] = [];
  const name = publisher.name.trim();
  const base = (publisher.pageUrl?.trim() || publisher.url?.trim() || '').replace(/#.*$/, '');
  if (!name)
    problems.push({ code: 'no-publisher', severity: 'error', detail: 'no organisation is set' });
  if (!/^https?:\/\//i.test(base))
    problems.push({ code: 'no-url', severity: 'error', detail: 'no fact-check page URL is set' });
  if (problems.length) return { records: [], problems };

  const claimant = new Map<string, Entity>();
  for (const r of relations) {
    if (r.type !== 'madeBy' || !isEntityEnd(r.to)) continue;
    const e = entities.get(r.to.entityId);
    if (e) claimant.set(r.from.annotationId, e);
  }
  const language = publisher.language ?? 'fr';
  const records: ClaimReviewJson[] = [];
  const rated = [...annotations]
    .filter((a) => a.kind === 'claim' && a.verdict && ratingOf(a.verdict.rating))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const a of rated) {
    const verdict = a.verdict!;
    const rating = ratingOf(verdict.rating)!;
    const entity = claimant.get(a.id);
    const authorName = entity?.name ?? a.fields.claimant?.trim();
    records.push({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `${base}#claim-${a.id}`,
      claimReviewed: a.exact,
      datePublished: verdict.reviewed || a.modified.slice(0, 10),
      author: {
        '@type': 'Organization',
        name,
        ...(publisher.url?.trim() ? { url: publisher.url.trim() } : {}),
      },
      reviewRating: {
        '@type': 'Rating',
        alternateName: rating[language],
        name: rating[language],
        ...(rating.value !== null ? { ratingValue: rating.value } : {}),
        bestRating: BEST_RATING,
        worstRating: WORST_RATING,
        ...(verdict.explanation.trim() ? { ratingExplanation: verdict.explanation.trim() } : {}),
      },
      itemReviewed: {
        '@type': 'Claim',
        ...(authorName
          ? {
              author: {
                '@type': entity?.type === 'organization' ? 'Organization' : 'Person',
                name: authorName,
              },
            }
          : {}),
        appearance: {
          '@type': 'CreativeWork',
          url: articleAppearance(article),
          headline: article.title,
        },
      },
    });
  }
  return { records, problems };
}
