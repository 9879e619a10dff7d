import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../model/article';
import type { TermEntry } from '../model/termbase';
import type { TmUnit } from '../model/translation-memory';
import { findConflicts, readEverything, restoreEverything, type BackupContent } from './backup';
import { openGlossaDB, type GlossaDatabase } from './db';
import { storedAnnotation, storedArticle } from './test-fixtures';

let db: GlossaDatabase;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB({ name: 'glossa-backup-test' });
});
afterEach(() => db.close());

const T = '2024-02-02T00:00:00.000Z';
const tm = (id: string, target = 'the government'): TmUnit => ({
  id,
  source: 'le gouvernement',
  sourceKey: 'le gouvernement',
  target,
  sourceLang: 'fr',
  targetLang: 'en',
  origin: 'user',
  created: T,
  modified: T,
});
const term = (id: string): TermEntry => ({
  id,
  term: 'réforme',
  termKey: 'reforme',
  equivalents: ['reform'],
  origin: 'user',
  created: T,
  modified: T,
});

function content(ids: string[]): BackupContent {
  return {
    articles: ids.map((id) => {
      const article: StoredArticle = {
        ...storedArticle(id),
        source: `https://example.fr/${id}`,
        previousVersions: [{ blocks: [{ type: 'paragraph', text: 'Avant.' }], replaced: T }],
      };
      const a = storedAnnotation(`0000000${ids.indexOf(id)}-0000-4000-8000-000000000000`, id);
      return {
        article,
        annotations: [a],
        reviews: [
          {
            annotationId: a.id,
            articleId: id,
            translation: 'The government',
            origin: 'human',
            status: 'approved',
            comment: 'ok',
            modified: T,
          },
        ],
        glosses: [
          { key: `${id}/s0`, articleId: id, sentenceId: 's0', lang: 'en', text: 'G', modified: T },
        ],
      };
    }),
    tmUnits: [tm('tm-1')],
    terms: [term('term-1')],
    entities: [
      {
        id: 'e-parler',
        type: 'organization',
        name: 'Parler',
        aliases: ['Parler LLC'],
        created: T,
        modified: T,
        creator: 'Camille',
        mergedIds: ['e-old'],
      },
    ],
    relations: ids.flatMap((id, i) => [
      {
        id: `r-said-${id}`,
        type: 'saidBy' as const,
        from: { annotationId: `0000000${i}-0000-4000-8000-000000000000`, articleId: id },
        to: { entityId: 'e-parler' },
        created: T,
        creator: 'Camille',
      },
      // A link across articles, and one whose far end is in no article of the backup.
      {
        id: `r-contra-${id}`,
        type: 'contradictedBy' as const,
        from: { annotationId: `0000000${i}-0000-4000-8000-000000000000`, articleId: id },
        to: { annotationId: 'elsewhere', articleId: i === 0 && ids[1] ? ids[1] : 'gone' },
        created: T,
      },
    ]),
  };
}

describe('restoreEverything', () => {
  it('restores every article and record into an empty profile, as readEverything reads them back', async () => {
    const backup = content(['a', 'b']);
    const report = await restoreEverything(db, backup, { articleChoice: () => 'skip' });
    expect(report.articles.map((a) => [a.id, a.outcome])).toEqual([
      ['a', 'restored'],
      ['b', 'restored'],
    ]);
    const back = await readEverything(db);
    expect(back.articles).toEqual(backup.articles);
    expect(back.tmUnits).toEqual(backup.tmUnits);
    expect(back.terms).toEqual(backup.terms);
    // The fact-checking records: every entity and every link, as they were.
    expect(back.entities).toEqual(backup.entities);
    expect(back.relations).toEqual([...backup.relations].sort((x, y) => (x.id < y.id ? -1 : 1)));
    expect(report.relations).toEqual({ written: 4, skipped: 0 });
  });

  it('skips the entities and relations already here unless told to replace them', async () => {
    await restoreEverything(db, content(['a']), { articleChoice: () => 'skip' });
    const other = content(['a']);
    other.entities = [{ ...other.entities[0]!, name: 'Parler (renamed)' }];
    const conflicts = await findConflicts(db, other);
    expect([conflicts.entities, conflicts.relations]).toEqual([1, 2]);
    let report = await restoreEverything(db, other, { articleChoice: () => 'skip' });
    expect(report.entities).toEqual({ written: 0, skipped: 1 });
    expect((await readEverything(db)).entities[0]!.name).toBe('Parler');
    report = await restoreEverything(db, other, {
      articleChoice: () => 'skip',
      libraryChoice: 'replace',
    });
    expect(report.entities).toEqual({ written: 1, skipped: 0 });
    expect((await readEverything(db)).entities[0]!.name).toBe('Parler (renamed)');
  });

  it('skips or replaces per article, and replacing drops the stored records of that article', async () => {
    await restoreEverything(db, content(['a', 'b']), { articleChoice: () => 'skip' });
    const other = content(['a', 'b']);
    // Another version of both: different note, no gloss; the TM unit changed too.
    for (const e of other.articles) {
      (e.annotations[0] as { note: string }).note = 'nouvelle';
      (e as unknown as { glosses: unknown[] }).glosses = [];
    }
    other.tmUnits = [tm('tm-1', 'changed')];
    expect((await findConflicts(db, other)).articles).toEqual(new Set(['a', 'b']));
    const report = await restoreEverything(db, other, {
      articleChoice: (id) => (id === 'a' ? 'replace' : 'skip'),
    });
    expect(report.articles.map((a) => a.outcome)).toEqual(['replaced', 'skipped']);
    expect(report.tmUnits).toEqual({ written: 0, skipped: 1 });
    const back = await readEverything(db);
    const a = back.articles.find((e) => e.article.id === 'a')!;
    const b = back.articles.find((e) => e.article.id === 'b')!;
    expect(a.annotations[0]!.note).toBe('nouvelle');
    expect(a.glosses).toEqual([]);
    expect(b.annotations[0]!.note).toBe('');
    expect(b.glosses).toHaveLength(1);
    expect(back.tmUnits[0]!.target).toBe('the government');
  });

  it('writes nothing when one record cannot be stored', async () => {
    const backup = content(['a', 'b']);
    // A function cannot be cloned: put() throws on the last article's gloss.
    (backup.articles[1]!.glosses[0] as unknown as { text: unknown }).text = () => 1;
    await expect(
      restoreEverything(db, backup, { articleChoice: () => 'replace' }),
    ).rejects.toThrow();
    const back = await readEverything(db);
    expect(back.articles).toEqual([]);
    expect(back.tmUnits).toEqual([]);
  });

  it('fills created and modified of articles from a version 1 file', async () => {
    const backup = content(['a']);
    const bare = { ...backup.articles[0]!.article };
    delete bare.created;
    delete bare.modified;
    backup.articles = [{ ...backup.articles[0]!, article: bare }];
    await restoreEverything(db, backup, { articleChoice: () => 'skip', now: T });
    const back = await readEverything(db);
    expect(back.articles[0]!.article).toMatchObject({ created: T, modified: T });
  });
});
