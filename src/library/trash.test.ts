import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Relation } from '../model/factcheck';
import { openGlossaDB, type GlossaDatabase } from '../store/db';
import { commitFactcheck, loadAllRelations } from '../store/factcheck-store';
import { Repository, StaleArticleError, articleVersionOf } from '../store/repository';
import { storedAnnotation, storedArticle } from '../store/test-fixtures';
import {
  TRASH_DAYS,
  deleteForGood,
  isExpired,
  listTrash,
  moveToTrash,
  purgeExpired,
  restoreFromTrash,
} from './trash';

const DELETED = '2024-06-01T12:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;

let db: GlossaDatabase;
let repository: Repository;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB({ name: 'glossa-trash-test' });
  repository = new Repository(db);
});

afterEach(() => db.close());

function relation(id: string, fromArticle: string, toArticle: string): Relation {
  return {
    id,
    type: 'about',
    from: { annotationId: `x-${fromArticle}`, articleId: fromArticle },
    to: { annotationId: `x-${toArticle}`, articleId: toArticle },
    created: DELETED,
  };
}

/** An article with an annotation, a review, a gloss and a relation. */
async function seed(id: string): Promise<void> {
  await repository.commit({
    articles: new Map([[id, storedArticle(id)]]),
    annotations: new Map([[`x-${id}`, storedAnnotation(`x-${id}`, id)]]),
    reviews: new Map([
      [
        `x-${id}`,
        {
          annotationId: `x-${id}`,
          articleId: id,
          translation: 'The government',
          origin: 'human',
          status: 'approved',
          comment: '',
          modified: DELETED,
        },
      ],
    ]),
    glosses: new Map([
      [
        `${id}/b0.s0`,
        {
          key: `${id}/b0.s0`,
          articleId: id,
          sentenceId: 'b0.s0',
          lang: 'en',
          text: 'The government announced a reform.',
          modified: DELETED,
        },
      ],
    ]),
  });
  await commitFactcheck(db, { relations: new Map([[`r-${id}`, relation(`r-${id}`, id, id)]]) });
}

async function everything(id: string) {
  const records = await repository.loadArticleRecords(id);
  const relations = (await loadAllRelations(db)).filter(
    (r) => r.from.articleId === id || ('articleId' in r.to && r.to.articleId === id),
  );
  return {
    annotations: records.annotations.length,
    reviews: records.reviews.length,
    glosses: records.glosses.length,
    relations: relations.length,
  };
}

describe('the trash', () => {
  it('keeps everything attached to a trashed article, and gives it back on restore', async () => {
    await seed('a');
    const before = await everything('a');
    expect(before).toEqual({ annotations: 1, reviews: 1, glosses: 1, relations: 1 });
    await moveToTrash(repository, 'a', DELETED);
    expect(await repository.listArticles()).toEqual([]);
    expect((await listTrash(repository)).map((a) => a.id)).toEqual(['a']);
    expect(await everything('a')).toEqual(before);
    expect(await restoreFromTrash(repository, 'a')).toEqual(storedArticle('a'));
    expect(await repository.getArticle('a')).toEqual(storedArticle('a'));
    expect(await everything('a')).toEqual(before);
    // Restoring what is not in the trash changes nothing.
    expect(await restoreFromTrash(repository, 'a')).toBeNull();
  });

  it('refuses a session write to an article in the trash, storing none of it', async () => {
    await seed('a');
    const version = articleVersionOf(storedArticle('a'));
    await moveToTrash(repository, 'a', DELETED);
    await expect(
      repository.commit(
        { annotations: new Map([['new', storedAnnotation('new', 'a')]]) },
        { articleVersion: version },
      ),
    ).rejects.toBeInstanceOf(StaleArticleError);
    expect((await repository.loadArticleRecords('a')).annotations.map((a) => a.id)).toEqual([
      'x-a',
    ]);
  });

  it('is purged at start only of articles trashed 30 days ago or more', async () => {
    await seed('old');
    await seed('recent');
    await seed('kept');
    const deleted = Date.parse(DELETED);
    await moveToTrash(repository, 'old', DELETED);
    await moveToTrash(repository, 'recent', new Date(deleted + DAY).toISOString());
    const now = deleted + TRASH_DAYS * DAY;
    expect(await purgeExpired(repository, now)).toEqual(['old']);
    expect(await repository.getArticle('old')).toBeUndefined();
    expect(await everything('old')).toEqual({
      annotations: 0,
      reviews: 0,
      glosses: 0,
      relations: 0,
    });
    expect((await listTrash(repository)).map((a) => a.id)).toEqual(['recent']);
    expect((await everything('recent')).annotations).toBe(1);
    expect((await repository.listArticles()).map((a) => a.id)).toEqual(['kept']);
    expect(await purgeExpired(repository, now + DAY - 1)).toEqual([]);
    expect(await purgeExpired(repository, now + DAY)).toEqual(['recent']);
  });

  it('empties on request only what is in the trash; a relation to a live article goes with it', async () => {
    await seed('a');
    await seed('b');
    await commitFactcheck(db, { relations: new Map([['r-ab', relation('r-ab', 'b', 'a')]]) });
    await moveToTrash(repository, 'a', DELETED);
    expect(await deleteForGood(repository)).toEqual(['a']);
    expect((await loadAllRelations(db)).map((r) => r.id)).toEqual(['r-b']);
    expect(await everything('b')).toEqual({ annotations: 1, reviews: 1, glosses: 1, relations: 1 });
  });

  it('counts an unreadable trashedAt as expired, a live article never', () => {
    expect(isExpired({ ...storedArticle('a'), trashedAt: 'not a date' }, 0)).toBe(true);
    expect(isExpired(storedArticle('a'), Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
