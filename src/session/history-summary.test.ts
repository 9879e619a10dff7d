import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import { shortExcerpt, summarizeStep } from './history-summary';

const a: Annotation = {
  id: 'a1',
  articleId: 'art',
  kind: 'claim',
  start: 0,
  end: 60,
  exact: 'Parler poursuit Amazon pour diffamation et rupture de contrat',
  prefix: '',
  suffix: '',
  note: '',
  fields: {},
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
};
const step = (before: Annotation | null, after: Annotation | null) => ({
  before: { annotations: new Map([['a1', before]]) },
  after: { annotations: new Map([['a1', after]]) },
});

describe('summarizeStep', () => {
  it('names a single annotation created, deleted, re-kinded, resized or edited, with its text', () => {
    const excerpt = 'Parler poursuit Amazon pour dif…';
    expect(summarizeStep(step(null, a))).toEqual({
      what: 'annotation',
      action: 'created',
      kind: 'claim',
      excerpt,
    });
    expect(summarizeStep(step(a, null))).toMatchObject({
      action: 'deleted',
      kind: 'claim',
      excerpt,
    });
    expect(summarizeStep(step(a, { ...a, kind: 'quote' }))).toMatchObject({
      action: 'kindChanged',
      kind: 'quote',
      from: 'claim',
    });
    expect(summarizeStep(step(a, { ...a, end: 20 }))).toMatchObject({ action: 'resized' });
    expect(summarizeStep(step(a, { ...a, note: 'n' }))).toMatchObject({ action: 'edited' });
  });

  it('counts the records of a step that changed several (an import)', () => {
    expect(
      summarizeStep({
        before: {
          annotations: new Map([
            ['a1', null],
            ['a2', null],
          ]),
        },
        after: {
          annotations: new Map([
            ['a1', a],
            ['a2', { ...a, id: 'a2' }],
          ]),
        },
      }),
    ).toEqual({ what: 'records', count: 2 });
  });

  it('names a review by its quote, and a gloss', () => {
    const review = { annotationId: 'a1' } as never;
    expect(
      summarizeStep(
        {
          before: { reviews: new Map([['a1', null]]) },
          after: { reviews: new Map([['a1', review]]) },
        },
        new Map([['a1', a]]),
      ),
    ).toEqual({ what: 'review', excerpt: 'Parler poursuit Amazon pour dif…' });
    expect(
      summarizeStep({
        before: { glosses: new Map([['k', null]]) },
        after: { glosses: new Map([['k', null]]) },
      }),
    ).toEqual({ what: 'gloss' });
  });

  it('cuts excerpts by code points, never inside an emoji', () => {
    expect(shortExcerpt('😀'.repeat(40), 4)).toBe('😀😀😀…');
    expect(shortExcerpt('  deux\n mots ')).toBe('deux mots');
  });
});
