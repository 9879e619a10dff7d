/**
 * Reads and writes of the library's entities and relations (database
 * version 5). Each write is one strict transaction over both stores, so a
 * merge of two entities, or a relation created with its entity, is on disk
 * whole or not at all.
 */
import type { Entity, Relation } from '../model/factcheck';
import type { GlossaDatabase } from './db';

export interface FactcheckChange {
  /** Entities to put (by id), or delete (null). */
  entities?: Map<string, Entity | null>;
  relations?: Map<string, Relation | null>;
}

export async function loadEntities(db: GlossaDatabase): Promise<Entity[]> {
  return db.getAll('entities');
}

/** The relations with an annotation end in `articleId` (either end), each once. */
export async function loadRelationsOf(db: GlossaDatabase, articleId: string): Promise<Relation[]> {
  const tx = db.transaction('relations');
  const store = tx.store;
  const [from, to] = await Promise.all([
    store.index('byFromArticle').getAll(articleId),
    store.index('byToArticle').getAll(articleId),
  ]);
  const byId = new Map<string, Relation>();
  for (const r of [...from, ...to]) byId.set(r.id, r);
  return [...byId.values()];
}

export async function loadAllRelations(db: GlossaDatabase): Promise<Relation[]> {
  return db.getAll('relations');
}

/** Writes a change in one strict transaction; rejects, writing nothing, when it fails. */
export async function commitFactcheck(db: GlossaDatabase, change: FactcheckChange): Promise<void> {
  const tx = db.transaction(['entities', 'relations'], 'readwrite', { durability: 'strict' });
  for (const [id, value] of change.entities ?? [])
    void (value ? tx.objectStore('entities').put(value) : tx.objectStore('entities').delete(id));
  for (const [id, value] of change.relations ?? [])
    void (value ? tx.objectStore('relations').put(value) : tx.objectStore('relations').delete(id));
  await tx.done;
}
