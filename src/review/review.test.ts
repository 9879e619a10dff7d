/**
 * Tests of the review rules: creation from a suggestion, edits, statuses,
 * staleness when an approved quote changes, and progress counts.
 */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import { signedBy, type Review } from '../model/review';
import {
  acceptSuggestion,
  editTranslation,
  progress,
  reconcile,
  reviewFor,
  setComment,
  setStatus,
} from './review';

const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2024-01-02T00:00:00.000Z';
const T2 = '2024-01-03T00:00:00.000Z';

function quote(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: '6f1c2a7e-8d3b-4c5a-9e0f-1a2b3c4d5e6f',
    articleId: 'parler-amazon-fr',
    kind: 'quote',
    start: 100,
    end: 120,
    exact: 'n’avait pas allégué',
    prefix: '',
    suffix: '',
    note: '',
    fields: { speaker: 'un juge' },
    created: T0,
    modified: T0,
    ...overrides,
  };
}

describe('reviewFor', () => {
  it('starts a new review from the suggestion', () => {
    const r = reviewFor(quote(), undefined, 'had not alleged', T0);
    expect(r).toEqual({
      annotationId: quote().id,
      articleId: 'parler-amazon-fr',
      translation: 'had not alleged',
      origin: 'suggestion',
      status: 'to-review',
      comment: '',
      modified: T0,
    });
  });

  it('starts empty without a suggestion', () => {
    expect(reviewFor(quote(), undefined, undefined, T0).translation).toBe('');
  });

  it('keeps an existing review as it is', () => {
    const existing = editTranslation(reviewFor(quote(), undefined, 'a', T0), 'mine', T1);
    expect(reviewFor(quote(), existing, 'other gloss', T2)).toBe(existing);
  });

  it('follows a changed suggestion while nobody has touched it', () => {
    const existing = reviewFor(quote(), undefined, 'old gloss', T0);
    const r = reviewFor(quote(), existing, 'new gloss', T1);
    expect(r.translation).toBe('new gloss');
    expect(r.origin).toBe('suggestion');
    expect(r.modified).toBe(T1);
  });

  it('reconciles an existing approved review with a changed quote', () => {
    const approved = setStatus(reviewFor(quote(), undefined, 'x', T0), 'approved', quote(), T0);
    const r = reviewFor(quote({ end: 121, exact: 'n’avait pas allégué ' }), approved, 'x', T1);
    expect(r.status).toBe('to-review');
    expect(r.staleReason).toBe('quote-changed');
  });
});

describe('acceptSuggestion', () => {
  it('makes the suggestion human and translated', () => {
    const r = acceptSuggestion(reviewFor(quote(), undefined, 'had not alleged', T0), T1);
    expect(r).toMatchObject({
      translation: 'had not alleged',
      origin: 'human',
      status: 'translated',
      modified: T1,
    });
  });

  it('keeps a later status', () => {
    const base = reviewFor(quote(), undefined, 's', T0);
    const flagged = setStatus(base, 'needs-revision', quote(), T0);
    expect(acceptSuggestion(flagged, T1).status).toBe('needs-revision');
  });
});

describe('editTranslation', () => {
  it('makes the translation human and moves "to review" to "translated"', () => {
    const r = editTranslation(reviewFor(quote(), undefined, 's', T0), 'had not alleged', T1);
    expect(r).toMatchObject({
      translation: 'had not alleged',
      origin: 'human',
      status: 'translated',
      modified: T1,
    });
  });

  it('leaves "needs revision" for the translator to resolve', () => {
    const flagged = setStatus(
      reviewFor(quote(), undefined, 's', T0),
      'needs-revision',
      quote(),
      T0,
    );
    expect(editTranslation(flagged, 'better', T1).status).toBe('needs-revision');
  });

  it('takes back an approval when the approved text changes', () => {
    const approved = setStatus(reviewFor(quote(), undefined, 's', T0), 'approved', quote(), T0);
    expect(editTranslation(approved, 'different', T1).status).toBe('translated');
  });

  it('changes nothing when the text is the same', () => {
    const r = reviewFor(quote(), undefined, 's', T0);
    expect(editTranslation(r, 's', T1)).toBe(r);
  });
});

describe('setStatus', () => {
  it('records the quote when approving', () => {
    const r = setStatus(reviewFor(quote(), undefined, 's', T0), 'approved', quote(), T1);
    expect(r.status).toBe('approved');
    expect(r.origin).toBe('human');
    expect(r.approvedQuote).toEqual({ start: 100, end: 120, exact: 'n’avait pas allégué' });
    expect(r.modified).toBe(T1);
  });

  it('sets every status', () => {
    const base = reviewFor(quote(), undefined, 's', T0);
    for (const status of ['translated', 'needs-revision', 'approved', 'to-review'] as const) {
      expect(setStatus(base, status, quote(), T1).status).toBe(status);
    }
  });

  it('changes nothing when the status is the same', () => {
    const r = reviewFor(quote(), undefined, 's', T0);
    expect(setStatus(r, 'to-review', quote(), T1)).toBe(r);
    const approved = setStatus(r, 'approved', quote(), T1);
    expect(setStatus(approved, 'approved', quote(), T2)).toBe(approved);
  });

  it('keeps a suggestion a suggestion when flagged for revision', () => {
    const r = setStatus(reviewFor(quote(), undefined, 's', T0), 'needs-revision', quote(), T1);
    expect(r.origin).toBe('suggestion');
  });
});

describe('setComment', () => {
  it('sets the comment', () => {
    const r = setComment(reviewFor(quote(), undefined, 's', T0), 'Check « allégué »', T1);
    expect(r.comment).toBe('Check « allégué »');
    expect(r.modified).toBe(T1);
  });

  it('changes nothing for the same comment', () => {
    const r = reviewFor(quote(), undefined, 's', T0);
    expect(setComment(r, '', T1)).toBe(r);
  });
});

describe('reconcile', () => {
  const approved = setStatus(reviewFor(quote(), undefined, 's', T0), 'approved', quote(), T0);

  it('leaves an approval whose quote is unchanged', () => {
    expect(reconcile(approved, quote(), T1)).toBe(approved);
  });

  it.each([
    ['the text', { exact: 'n’avait pas alléguée' }],
    ['the start', { start: 99 }],
    ['the end', { end: 121 }],
  ])('sends the review back when %s changed', (_what, change) => {
    const r = reconcile(approved, quote(change), T1);
    expect(r.status).toBe('to-review');
    expect(r.staleReason).toBe('quote-changed');
    expect(r.modified).toBe(T1);
    // What was approved is kept, so the view can show it.
    expect(r.approvedQuote).toEqual(approved.approvedQuote);
    // Idempotent: once back to "to review", nothing more happens.
    expect(reconcile(r, quote(change), T2)).toBe(r);
  });

  it('clears the reason once approved again', () => {
    const changed = quote({ exact: 'autre texte', end: 111 });
    const stale = reconcile(approved, changed, T1);
    const again = setStatus(stale, 'approved', changed, T2);
    expect(again.status).toBe('approved');
    expect(again.staleReason).toBeUndefined();
    expect(again.approvedQuote).toEqual({ start: 100, end: 111, exact: 'autre texte' });
    expect(reconcile(again, changed, T2)).toBe(again);
  });

  it('clears the reason when the translator moves the review on', () => {
    const stale = reconcile(approved, quote({ start: 1 }), T1);
    expect(setStatus(stale, 'translated', quote({ start: 1 }), T2).staleReason).toBeUndefined();
  });

  it('leaves reviews that are not approved alone', () => {
    const translated = editTranslation(reviewFor(quote(), undefined, 's', T0), 't', T0);
    expect(reconcile(translated, quote({ start: 5 }), T1)).toBe(translated);
  });

  it('sends back an approval with no record of what was approved', () => {
    const legacy: Review = { ...approved };
    delete legacy.approvedQuote;
    expect(reconcile(legacy, quote(), T1).staleReason).toBe('quote-changed');
  });
});

describe('progress', () => {
  it('counts reviews per status and in all', () => {
    const base = reviewFor(quote(), undefined, 's', T0);
    const reviews = [
      base,
      base,
      setStatus(base, 'translated', quote(), T1),
      setStatus(base, 'approved', quote(), T1),
      setStatus(base, 'needs-revision', quote(), T1),
      setStatus(base, 'approved', quote(), T1),
    ];
    expect(progress(reviews)).toEqual({
      'to-review': 2,
      translated: 1,
      approved: 2,
      'needs-revision': 1,
      total: 6,
    });
  });

  it('counts nothing in an empty list', () => {
    expect(progress(new Map<string, Review>().values())).toEqual({
      'to-review': 0,
      translated: 0,
      approved: 0,
      'needs-revision': 0,
      total: 0,
    });
  });
});

describe('signedBy', () => {
  const base: Review = {
    annotationId: 'q',
    articleId: 'a',
    translation: 'we will hold firm',
    origin: 'human',
    status: 'translated',
    comment: '',
    modified: '2024-01-01T00:00:00.000Z',
  };
  it('records the name set as the last modifier, and drops another one when no name is set', () => {
    expect(signedBy(base, 'Camille').modifier).toBe('Camille');
    const signed = signedBy(base, 'Camille');
    expect(signedBy(signed, 'Camille')).toBe(signed);
    expect(signedBy(signed, 'Léa').modifier).toBe('Léa');
    expect('modifier' in signedBy(signed, '')).toBe(false);
    expect(signedBy(base, '')).toBe(base);
  });
});
