import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import { canonicalText, type StoredArticle } from '../model/article';
import { describe as quoteOf } from '../anchoring/describe';
import { CodePointIndex } from '../anchoring/code-points';
import { planRevision } from './revise';
import { carryOver } from './rebase';

const T0 = '2026-01-01T00:00:00.000Z';
const OLD: StoredArticle = {
  id: 'a',
  title: 'Pont',
  lang: 'fr',
  created: T0,
  modified: T0,
  blocks: [
    { type: 'title', text: 'Pont' },
    {
      type: 'paragraph',
      text: 'Le maire a annoncé lundi la fermeture du pont. Les travaux dureront trois mois.',
    },
  ],
};
const NEW: StoredArticle = {
  ...OLD,
  blocks: [
    { type: 'title', text: 'Pont' },
    { type: 'paragraph', text: 'Une phrase ajoutée en tête.' },
    {
      type: 'paragraph',
      text: 'Le maire a annoncé lundi la fermeture du pont. La circulation reprendra en mai.',
    },
  ],
  previousVersions: [{ blocks: OLD.blocks, replaced: '2026-01-02T00:00:00.000Z' }],
};

function on(
  article: StoredArticle,
  id: string,
  words: string,
  extra: Partial<Annotation> = {},
): Annotation {
  const text = canonicalText(article.blocks);
  const index = new CodePointIndex(text);
  const start = index.toCodePoint(text.indexOf(words));
  const end = start + [...words].length;
  return {
    id,
    articleId: article.id,
    kind: 'claim',
    start,
    end,
    ...quoteOf(index, start, end),
    note: '',
    fields: {},
    created: T0,
    modified: T0,
    ...extra,
  };
}

/** The words an annotation's offsets cover in an article. */
function covered(article: StoredArticle, a: Annotation): string {
  return new CodePointIndex(canonicalText(article.blocks)).slice(a.start, a.end);
}

describe('carryOver: a stale tab’s unsaved work onto the new version', () => {
  it('re-anchors a note edit and a new tag, keeps what does not anchor as an orphan, and merges with what is stored', () => {
    const saved = on(OLD, 'x', 'la fermeture du pont');
    // Stored now: the revision moved it (and another tab set its claimant).
    const revised = planRevision(
      canonicalText(OLD.blocks),
      canonicalText(NEW.blocks),
      [saved],
      '2026-01-02T00:00:00.000Z',
    ).annotations[0]!;
    const stored = { ...revised, fields: { claimant: 'la mairie' } };
    const work = {
      article: OLD,
      changes: {
        annotations: new Map<string, Annotation | null>([
          [
            'x',
            {
              ...saved,
              note: 'écrit dans l’onglet resté sur l’ancien texte',
              modified: '2026-01-03T00:00:00.000Z',
            },
          ],
          ['y', on(OLD, 'y', 'lundi')],
          ['z', on(OLD, 'z', 'trois mois')],
        ]),
      },
      bases: {
        annotations: new Map<string, Annotation | null>([
          ['x', saved],
          ['y', null],
          ['z', null],
        ]),
      },
    };
    const current = {
      annotations: new Map([['x', stored]]),
      reviews: new Map(),
      glosses: new Map(),
    };
    const { change, report, orphans } = carryOver(work, NEW, current, '2026-01-04T00:00:00.000Z');
    const out = change.annotations!;
    const x = out.get('x')!;
    expect(covered(NEW, x)).toBe('la fermeture du pont');
    expect(x.note).toBe('écrit dans l’onglet resté sur l’ancien texte');
    expect(x.fields.claimant).toBe('la mairie');
    const y = out.get('y')!;
    expect(covered(NEW, y)).toBe('lundi');
    expect(y.exact).toBe('lundi');
    const z = out.get('z')!;
    expect(z.orphaned).toBe(true);
    expect(z.exact).toBe('trois mois');
    expect(report).toEqual({ stayed: [], moved: ['x', 'y'], orphaned: ['z'] });
    expect(orphans.map((a) => a.id)).toEqual(['z']);
  });

  it('a delete made on the old text deletes the moved record, unless another tab changed it since', () => {
    const saved = on(OLD, 'x', 'la fermeture du pont');
    const revised = planRevision(
      canonicalText(OLD.blocks),
      canonicalText(NEW.blocks),
      [saved],
      '2026-01-02T00:00:00.000Z',
    ).annotations[0]!;
    const work = {
      article: OLD,
      changes: { annotations: new Map<string, Annotation | null>([['x', null]]) },
      bases: { annotations: new Map<string, Annotation | null>([['x', saved]]) },
    };
    const untouched = {
      annotations: new Map([['x', revised]]),
      reviews: new Map(),
      glosses: new Map(),
    };
    expect(carryOver(work, NEW, untouched, T0).change.annotations?.get('x')).toBeNull();
    const edited = {
      annotations: new Map([['x', { ...revised, note: 'ailleurs' }]]),
      reviews: new Map(),
      glosses: new Map(),
    };
    expect(carryOver(work, NEW, edited, T0).change.annotations).toBeUndefined();
  });
});
