/**
 * The library-wide search benchmark (bench/library-search.mjs bundles this
 * and runs it in Node): 1,000 articles × 200 annotations, typed a keystroke
 * at a time; every query is timed. Times in milliseconds.
 */
import type { Annotation, AnnotationKind } from '../src/model/annotation';
import type { Relation } from '../src/model/factcheck';
import { LibrarySearchIndex, type LibraryQuery } from '../src/model/library-search';

const WORDS =
  'parler amazon plainte contrat juge procès réseau émeutes capitole répudiation diffamation serveurs hébergement accusations fausses voix conservatrices président plateforme contenu modération'.split(
    ' ',
  );
const KINDS: AnnotationKind[] = ['claim', 'quote', 'event'];

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SearchRun {
  articles: number;
  annotations: number;
  buildMs: number;
  keystrokes: number[];
  filters: number[];
  /** Each filter's times, by its query as JSON. */
  byFilter: Record<string, number[]>;
}

export function run(articleCount: number, perArticle: number): SearchRun {
  const rand = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const articles = [];
  const relations: Relation[] = [];
  for (let i = 0; i < articleCount; i++) {
    const annotations: Annotation[] = [];
    for (let j = 0; j < perArticle; j++) {
      const kind = pick(KINDS);
      const exact = Array.from({ length: 4 + Math.floor(rand() * 8) }, () => pick(WORDS)).join(' ');
      const month = 1 + Math.floor(rand() * 12);
      annotations.push({
        id: `a${i}-${j}`,
        articleId: `art${i}`,
        kind,
        start: j * 100,
        end: j * 100 + exact.length,
        exact,
        prefix: '',
        suffix: '',
        note: rand() < 0.3 ? `${pick(WORDS)} ${pick(WORDS)}` : '',
        fields: kind === 'quote' ? { speaker: pick(['Parler', 'Amazon', 'Le juge']) } : {},
        created: '',
        modified: '',
        creator: pick(['Camille', 'Léa', 'Sam']),
        ...(kind === 'event' ? { dateValue: `2021-${String(month).padStart(2, '0')}` } : {}),
        ...(kind === 'claim' && rand() < 0.5
          ? {
              verdict: {
                rating: pick(['true', 'false', 'misleading']),
                explanation: '',
                reviewed: '',
              },
            }
          : {}),
      });
      if (kind === 'quote')
        relations.push({
          id: `r${i}-${j}`,
          type: 'saidBy',
          from: { annotationId: `a${i}-${j}`, articleId: `art${i}` },
          to: { entityId: pick(['e-parler', 'e-amazon']) },
          created: '',
        });
    }
    articles.push({ id: `art${i}`, title: `Article ${i}`, annotations });
  }
  const t0 = performance.now();
  const index = new LibrarySearchIndex(articles, relations);
  const buildMs = performance.now() - t0;

  const keystrokes: number[] = [];
  // Typing words one letter at a time, then deleting them, as a person refines a search.
  for (const word of [
    'plainte',
    'diffamation',
    'capitole',
    'amazon',
    'juge',
    'hébergement',
    'xyz',
  ]) {
    for (let n = 1; n <= word.length; n++) keystrokes.push(time(index, { text: word.slice(0, n) }));
    for (let n = word.length - 1; n >= 1; n--)
      keystrokes.push(time(index, { text: word.slice(0, n) }));
  }
  const filters: number[] = [];
  const queries: LibraryQuery[] = [
    { kinds: ['quote'] },
    { entityId: 'e-parler' },
    { verdict: 'false' },
    { from: '2021-03-01', to: '2021-04-30' },
    { creator: 'camille', kinds: ['claim'] },
    { relation: 'saidBy', text: 'amazon' },
  ];
  const byFilter: Record<string, number[]> = {};
  for (let r = 0; r < 5; r++)
    for (const q of queries) {
      const ms = time(index, q);
      filters.push(ms);
      (byFilter[JSON.stringify(q)] ??= []).push(ms);
    }
  return {
    articles: articleCount,
    annotations: index.size,
    buildMs,
    keystrokes,
    filters,
    byFilter,
  };
}

function time(index: LibrarySearchIndex, query: LibraryQuery): number {
  const t0 = performance.now();
  index.search(query);
  return performance.now() - t0;
}
