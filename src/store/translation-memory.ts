/**
 * The translation memory's storage: a repository over the `tmUnits` store,
 * for the whole library (not per article).
 *
 * A unit's id is a hash of its normalised source and target (segment-text's
 * `normaliseSegment`), so the same pair added twice — typed again, approved
 * again, imported from two TMX files — is one unit: a duplicate is counted
 * and skipped, the stored unit kept as it was. Every write is one strict
 * transaction: a bulk import stores all its units or none.
 */
import type { TmOrigin, TmUnit } from '../model/translation-memory';
import { normaliseSegment } from '../glosses/tm/segment-text';
import type { GlossaDatabase } from './db';

/**
 * cyrb53 (a public-domain 53-bit string hash: two 32-bit lanes of
 * multiply-xor): collisions among 100,000 units have odds near 1 in 2
 * million, where a 32-bit FNV-1a would collide about once.
 */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The id of the pair: the same for every unit with the same normalised source and target. */
export function tmUnitId(source: string, target: string): string {
  return `tm-${hash53(`${normaliseSegment(source)}\u0000${normaliseSegment(target)}`)}`;
}

/** What it takes to make a unit; the rest is derived or defaulted. */
export interface TmUnitInput {
  source: string;
  target: string;
  origin: TmOrigin;
  sourceLang?: string;
  targetLang?: string;
  articleId?: string;
  sentenceId?: string;
  note?: string;
  created?: string;
  modified?: string;
}

/** A unit from its parts: id and sourceKey derived, languages `fr`/`en` unless given. */
export function makeTmUnit(input: TmUnitInput, at = new Date().toISOString()): TmUnit {
  const unit: TmUnit = {
    id: tmUnitId(input.source, input.target),
    source: input.source,
    sourceKey: normaliseSegment(input.source),
    target: input.target,
    sourceLang: input.sourceLang ?? 'fr',
    targetLang: input.targetLang ?? 'en',
    origin: input.origin,
    created: input.created ?? at,
    modified: input.modified ?? input.created ?? at,
  };
  if (input.articleId !== undefined) unit.articleId = input.articleId;
  if (input.sentenceId !== undefined) unit.sentenceId = input.sentenceId;
  if (input.note !== undefined) unit.note = input.note;
  return unit;
}

/** What an add or import did. */
export interface TmAddResult {
  /** Units given. */
  read: number;
  added: number;
  /** Already stored, or given twice. */
  duplicates: number;
  /** The units stored by this call. */
  addedUnits: TmUnit[];
  /** Earlier units of the same sentences replaced (see `add`). */
  removed: number;
}

export class TranslationMemoryStore {
  constructor(private readonly db: GlossaDatabase) {}

  count(): Promise<number> {
    return this.db.count('tmUnits');
  }

  list(): Promise<TmUnit[]> {
    return this.db.getAll('tmUnits');
  }

  /** Units whose normalised source is that of `source`. */
  findExact(source: string): Promise<TmUnit[]> {
    return this.db.getAllFromIndex('tmUnits', 'bySourceKey', normaliseSegment(source));
  }

  /**
   * Adds units in one transaction, all or none: those whose id is stored
   * already, or that repeat an earlier one of `units`, are duplicates.
   * `replaceSentence`: a person's gloss replaces the unit they wrote for the
   * same sentence before (correcting a gloss corrects the memory).
   */
  async add(units: readonly TmUnit[], replaceSentence = false): Promise<TmAddResult> {
    const tx = this.db.transaction('tmUnits', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('tmUnits');
    const seen = new Set<string>();
    const addedUnits: TmUnit[] = [];
    let duplicates = 0;
    let removed = 0;
    const requests: Promise<unknown>[] = [];
    try {
      for (const unit of units) {
        if (seen.has(unit.id)) {
          duplicates++;
          continue;
        }
        seen.add(unit.id);
        requests.push(
          store.getKey(unit.id).then((existing) => {
            if (existing !== undefined) {
              duplicates++;
              return;
            }
            addedUnits.push(unit);
            return store.add(unit);
          }),
        );
        if (replaceSentence && unit.articleId !== undefined && unit.sentenceId !== undefined) {
          const { articleId, sentenceId, origin, id } = unit;
          requests.push(
            store
              .index('byArticle')
              .getAll(articleId)
              .then((stored) =>
                Promise.all(
                  stored
                    .filter(
                      (s) => s.sentenceId === sentenceId && s.origin === origin && s.id !== id,
                    )
                    .map((s) => (removed++, store.delete(s.id))),
                ),
              ),
          );
        }
      }
    } catch (error) {
      // add() throws on a record it cannot store: nothing of this call stays.
      tx.abort();
      await Promise.allSettled([...requests, tx.done]);
      throw error;
    }
    try {
      await Promise.all([...requests, tx.done]);
    } catch (error) {
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      throw error;
    }
    return { read: units.length, added: addedUnits.length, duplicates, addedUnits, removed };
  }

  async remove(ids: readonly string[]): Promise<void> {
    const tx = this.db.transaction('tmUnits', 'readwrite', { durability: 'strict' });
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction('tmUnits', 'readwrite', { durability: 'strict' });
    await Promise.all([tx.store.clear(), tx.done]);
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}
