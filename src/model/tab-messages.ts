/**
 * What tabs tell each other on the one BroadcastChannel they share: one
 * discriminated union, and one reader that every listener goes through.
 *
 * - `records-committed` (session/article-session.ts): a session committed
 *   these records of an article; other tabs on it re-read just those.
 * - `factcheck-committed` (session/factcheck-service.ts): entities or
 *   relations of the library were written; other tabs re-read just those.
 * - `article-changed` (app/start.ts, for the library): an article's text was
 *   replaced by a new version, or it was deleted or restored; a tab showing
 *   it offers to reopen it.
 *
 * A message is data from another tab — possibly another build of the app,
 * or anything else that opens a channel of that name — so it is read, not
 * trusted: `readTabMessage` returns null for any other shape, and listeners
 * ignore it. A records message without `type` is the shape sessions posted
 * before the union existed (a tab still running that build) and reads as
 * `records-committed`.
 */

/** The channel's name. */
export const TAB_CHANNEL = 'glossa-sync';

/** The stores whose records a tab announces. */
export const SYNCED_STORES = ['annotations', 'reviews', 'glosses'] as const;
export type SyncedStore = (typeof SYNCED_STORES)[number];

export interface RecordsCommitted {
  type: 'records-committed';
  articleId: string;
  /** The sending tab: it ignores its own messages. */
  tab: string;
  /** Keys of the records written, per store. */
  keys: Partial<Record<SyncedStore, string[]>>;
}

export interface ArticleChanged {
  type: 'article-changed';
  articleId: string;
  tab: string;
}

export interface FactcheckCommitted {
  type: 'factcheck-committed';
  tab: string;
  /** Ids of the entities and relations written (put or deleted). */
  entities: string[];
  relations: string[];
}

export type TabMessage = RecordsCommitted | ArticleChanged | FactcheckCommitted;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The message `data` is, or null when it is not one (wrong shape: ignore it). */
export function readTabMessage(data: unknown): TabMessage | null {
  if (!isRecord(data)) return null;
  const { type, articleId, tab } = data;
  if (type === 'factcheck-committed') {
    if (typeof tab !== 'string' || !isStringArray(data.entities) || !isStringArray(data.relations))
      return null;
    return { type, tab, entities: [...data.entities], relations: [...data.relations] };
  }
  if (typeof articleId !== 'string' || articleId === '' || typeof tab !== 'string') return null;
  if (type === 'article-changed') return { type, articleId, tab };
  if (type !== 'records-committed' && type !== undefined) return null;
  if (!isRecord(data.keys)) return null;
  const keys: RecordsCommitted['keys'] = {};
  for (const store of SYNCED_STORES) {
    const value = data.keys[store];
    if (value === undefined) continue;
    if (!isStringArray(value)) return null;
    keys[store] = value;
  }
  return { type: 'records-committed', articleId, tab, keys };
}
