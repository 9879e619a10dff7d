/**
 * Tests of what the review view derives for each quote: the sentence
 * around it, the suggestion, the review shown (lazy, reconciled) and the
 * order.
 */
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../anchoring/code-points';
import type { Annotation } from '../model/annotation';
import { canonicalText, type ArticleBlock } from '../model/article';
import type { Review } from '../model/review';
import { segmentSentences, type Sentence } from '../glosses/sentences';
import { setStatus } from './review';
import {
  quoteContext,
  quoteItems,
  sentenceGlossFor,
  suggestionFor,
  type GlossReader,
} from './quote-items';

const BLOCKS: ArticleBlock[] = [
  { type: 'title', text: 'Parler annule la poursuite' },
  {
    type: 'paragraph',
    text: 'Un juge a dit que la plate-forme «n’avait pas allégué les faits». Parler a fait appel.',
  },
];
const TEXT = canonicalText(BLOCKS);
const INDEX = new CodePointIndex(TEXT);
const SENTENCES = segmentSentences(BLOCKS);
const GLOSSES: Record<string, string> = {
  'b1.s0': 'A judge said the platform "had not alleged the facts".',
  'b1.s1': 'Parler appealed.',
};
const READER: GlossReader = {
  glossOf: (s: Sentence) => (GLOSSES[s.id] ? { text: GLOSSES[s.id]!, origin: 'shipped' } : null),
};
const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2024-02-01T00:00:00.000Z';

function quote(exact: string, overrides: Partial<Annotation> = {}): Annotation {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(exact))).length;
  return {
    id: `q-${exact}`,
    articleId: 'a',
    kind: 'quote',
    start,
    end: start + Array.from(exact).length,
    exact,
    prefix: '',
    suffix: '',
    note: '',
    fields: {},
    created: T0,
    modified: T0,
    ...overrides,
  };
}

describe('quoteContext', () => {
  it('shows the quote inside its sentence', () => {
    expect(quoteContext(INDEX, SENTENCES, quote('n’avait pas allégué'))).toEqual({
      before: 'Un juge a dit que la plate-forme «',
      quote: 'n’avait pas allégué',
      after: ' les faits».',
    });
  });

  it('shows every sentence a quote runs across', () => {
    const c = quoteContext(INDEX, SENTENCES, quote('faits». Parler'));
    expect(c.before).toBe('Un juge a dit que la plate-forme «n’avait pas allégué les ');
    expect(c.after).toBe(' a fait appel.');
  });
});

describe('suggestionFor', () => {
  it('is the English of the quote, found inside its sentence’s gloss', () => {
    expect(suggestionFor(READER, SENTENCES, quote('n’avait pas allégué les faits'))).toEqual({
      text: 'had not alleged the facts',
      scope: 'quote',
    });
    expect(suggestionFor(READER, SENTENCES, quote('n’avait pas allégué'))).toEqual({
      text: 'had not alleged',
      scope: 'quote',
    });
  });

  it('joins the counterparts in several sentences', () => {
    expect(
      suggestionFor(READER, SENTENCES, quote('allégué les faits». Parler a fait appel')),
    ).toEqual({
      text: 'alleged the facts" Parler appealed.',
      scope: 'quote',
    });
  });

  it('falls back to the whole sentence when no counterpart is found', () => {
    expect(suggestionFor(READER, SENTENCES, quote('a dit que'))).toEqual({
      text: GLOSSES['b1.s0'],
      scope: 'sentence',
    });
  });

  it('is undefined without a gloss', () => {
    expect(suggestionFor(READER, SENTENCES, quote('Parler annule'))).toBeUndefined();
  });
});

describe('sentenceGlossFor', () => {
  it('joins the glosses of every sentence the quote touches', () => {
    expect(sentenceGlossFor(READER, SENTENCES, quote('faits». Parler'))).toBe(
      `${GLOSSES['b1.s0']} ${GLOSSES['b1.s1']}`,
    );
  });
});

describe('quoteItems', () => {
  it('lists quotes only, in document order, each with a review to show', () => {
    const later = quote('Parler a fait appel');
    const earlier = quote('n’avait pas allégué les faits');
    const claim = { ...quote('Un juge'), kind: 'claim' as const };
    const items = quoteItems([later, claim, earlier], new Map(), INDEX, SENTENCES, READER);
    expect(items.map((i) => i.annotation.id)).toEqual([earlier.id, later.id]);
    // Nothing stored yet: the suggestion, to review.
    expect(items[0]!.stored).toBeUndefined();
    expect(items[0]!.review).toMatchObject({
      translation: 'had not alleged the facts',
      origin: 'suggestion',
      status: 'to-review',
    });
    expect(items[0]!.suggestionScope).toBe('quote');
    expect(items[0]!.sentenceGloss).toBe(GLOSSES['b1.s0']);
  });

  it('shows a stale approval as "to review", dated from the quote’s change, without writing', () => {
    const q = quote('n’avait pas allégué');
    const approved = setStatus(
      { ...quoteItems([q], new Map(), INDEX, SENTENCES, READER)[0]!.review },
      'approved',
      q,
      T0,
    );
    const reviews = new Map<string, Review>([[q.id, approved]]);
    const moved = quote('n’avait pas allégué les faits', { id: q.id, modified: T1 });
    const [item] = quoteItems([moved], reviews, INDEX, SENTENCES, READER);
    expect(item!.stored).toBe(approved);
    expect(item!.review).toMatchObject({
      status: 'to-review',
      staleReason: 'quote-changed',
      modified: T1,
    });
    expect(reviews.get(q.id)).toBe(approved);
    // The same records give the same item: showing it changes nothing.
    expect(quoteItems([moved], reviews, INDEX, SENTENCES, READER)[0]!.review).toEqual(item!.review);
  });

  it('keeps orphans, without context or suggestion', () => {
    const orphan = quote('Parler a fait appel', { orphaned: true });
    const [item] = quoteItems([orphan], new Map(), INDEX, SENTENCES, READER);
    expect(item!.context).toBeNull();
    expect(item!.suggestion).toBeUndefined();
    expect(item!.review.translation).toBe('');
  });
});
