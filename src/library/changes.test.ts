import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import type { Review } from '../model/review';
import type { UserGloss } from '../model/gloss';
import type { StoredArticle } from '../model/article';
import { CodePointIndex } from '../anchoring/code-points';
import { describe as describeSpan } from '../anchoring/describe';
import {
  countByKind,
  deletionChange,
  findPreviousVersion,
  lastChanged,
  proposeRevision,
  restoreChange,
} from './changes';

// The tests run from the repository's root.
const shipped = JSON.parse(
  readFileSync(resolve('public/articles/parler-amazon-fr.json'), 'utf8'),
) as Article;
const BEFORE = '2024-01-01T00:00:00.000Z';
const NOW = '2024-06-01T12:00:00.000Z';
const stored: StoredArticle = { ...shipped, created: BEFORE, modified: BEFORE };
const oldText = canonicalText(stored.blocks);
/** The e2e fixture: one sentence of block 10 rewritten, block 11 moved after block 13. */
const revisedLines = readFileSync(
  resolve('e2e/fixtures/library/parler-amazon-revised.fr.txt'),
  'utf8',
)
  .replace(/\n$/, '')
  .split('\n');
const revisedBlocks = stored.blocks.map((b, i) => ({ type: b.type, text: revisedLines[i]! }));
const newText = canonicalText(revisedBlocks);

function annotate(id: string, kind: Annotation['kind'], phrase: string): Annotation {
  const at = oldText.indexOf(phrase);
  if (at < 0) throw new Error(`"${phrase}" not found`);
  const index = new CodePointIndex(oldText);
  const start = index.toCodePoint(at);
  const end = index.toCodePoint(at + phrase.length);
  return {
    id,
    articleId: stored.id,
    kind,
    start,
    end,
    ...describeSpan(index, start, end),
    note: '',
    fields: {},
    created: BEFORE,
    modified: BEFORE,
  };
}

const annotations = [
  annotate('stays', 'claim', 'Parler poursuit Amazon pour diffamation et rupture de contrat'),
  annotate('quote', 'quote', 'a répudié et violé son contrat'),
  annotate('moves', 'event', 'Le PDG et co-fondateur John Matze a été licencié'),
  annotate('gone', 'claim', 'Cette politique est devenue la chute de Parler'),
  annotate('after', 'quote', 'il semble que Parler soit là pour rester'),
];
const review = (annotationId: string, exact: string, start: number, end: number): Review => ({
  annotationId,
  articleId: stored.id,
  translation: 'x',
  origin: 'human',
  status: 'approved',
  comment: '',
  modified: BEFORE,
  approvedQuote: { start, end, exact },
});
const reviews = [
  review('quote', annotations[1]!.exact, annotations[1]!.start, annotations[1]!.end),
  review('after', annotations[4]!.exact, annotations[4]!.start, annotations[4]!.end),
];
const glosses: UserGloss[] = [
  {
    key: `${stored.id}/b10.s0`,
    articleId: stored.id,
    sentenceId: 'b10.s0',
    lang: 'en',
    text: 'Although Parler eventually came back…',
    modified: BEFORE,
  },
];

describe('proposeRevision', () => {
  const proposal = proposeRevision(
    stored,
    { blocks: revisedBlocks, contentHash: 'new-hash', title: stored.title, lang: 'fr' },
    { annotations, reviews, glosses },
    'old-hash',
    NOW,
  );

  it('reports what stayed, moved and was orphaned', () => {
    expect(proposal.report).toEqual({
      stayed: ['stays', 'quote'],
      moved: ['moves', 'after'],
      orphaned: ['gone'],
    });
  });

  it('puts every anchored annotation at offsets holding its text in the new version', () => {
    const index = new CodePointIndex(newText);
    for (const a of proposal.annotations) {
      if (a.orphaned) continue;
      expect(index.slice(a.start, a.end)).toBe(a.exact);
    }
    const gone = proposal.annotations.find((a) => a.id === 'gone')!;
    expect(gone).toMatchObject({ orphaned: true, exact: annotations[3]!.exact });
  });

  it('writes the article, the changed annotations and the reviews to reconcile, in one change', () => {
    expect([...proposal.change.annotations!.keys()].sort()).toEqual(['after', 'gone', 'moves']);
    // The quote that moved goes back to "to review"; the one that stayed stays approved.
    expect(proposal.staleReviews).toEqual(['after']);
    expect(proposal.change.reviews!.get('after')).toMatchObject({
      status: 'to-review',
      staleReason: 'quote-changed',
    });
    expect(proposal.change.reviews!.has('quote')).toBe(false);
    // Glosses are kept under their keys: nothing to write.
    expect(proposal.change.glosses).toBeUndefined();
  });

  it('keeps the old text in previousVersions', () => {
    const article = proposal.change.articles!.get(stored.id)!;
    expect(article.blocks).toEqual(revisedBlocks);
    expect(article.contentHash).toBe('new-hash');
    expect(article.modified).toBe(NOW);
    expect(article.created).toBe(BEFORE);
    expect(article.previousVersions).toEqual([
      { blocks: stored.blocks, replaced: NOW, contentHash: 'old-hash' },
    ]);
  });
});

describe('findPreviousVersion', () => {
  const other: StoredArticle = {
    id: 'other',
    title: 'Renamed by the person',
    lang: 'en',
    blocks: [{ type: 'title', text: 'Original headline' }],
    source: 'story.md',
    created: BEFORE,
    modified: BEFORE,
  };
  it('matches the library title, the title in the text, or the source', () => {
    expect(
      findPreviousVersion({ title: `  ${stored.title.toUpperCase()} ` }, [other, stored]),
    ).toMatchObject({ article: { id: stored.id }, reason: 'title' });
    expect(findPreviousVersion({ title: 'Original headline' }, [stored, other])).toMatchObject({
      article: { id: 'other' },
      reason: 'title',
    });
    expect(
      findPreviousVersion({ title: 'Something else', source: 'story.md' }, [stored, other]),
    ).toMatchObject({ article: { id: 'other' }, reason: 'source' });
    expect(findPreviousVersion({ title: 'Something else' }, [stored, other])).toBeNull();
  });
});

describe('deletion and restore', () => {
  it('delete every record of the article, and put them back as they were', () => {
    const records = { annotations, reviews, glosses };
    const del = deletionChange(stored.id, records);
    expect(del.articles!.get(stored.id)).toBeNull();
    expect([...del.annotations!.values()]).toEqual(annotations.map(() => null));
    expect([...del.reviews!.keys()]).toEqual(['quote', 'after']);
    expect([...del.glosses!.keys()]).toEqual([`${stored.id}/b10.s0`]);
    const back = restoreChange(stored, records);
    expect(back.articles!.get(stored.id)).toBe(stored);
    expect([...back.annotations!.values()]).toEqual(annotations);
    expect([...back.reviews!.values()]).toEqual(reviews);
    expect([...back.glosses!.values()]).toEqual(glosses);
  });
});

describe('list helpers', () => {
  it('count by kind and find the last change', () => {
    expect(countByKind(annotations)).toEqual({ claim: 2, quote: 2, event: 1 });
    expect(lastChanged(stored, annotations)).toBe(BEFORE);
    expect(lastChanged(stored, [{ ...annotations[0]!, modified: NOW }])).toBe(NOW);
  });
});
