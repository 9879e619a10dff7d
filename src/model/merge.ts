/**
 * Three-way merge of one stored record, for writes from several tabs.
 *
 * A tab writes a record on the basis of the value it last saw on disk (its
 * base). When the disk still holds the base, the write goes through as it
 * is. When another tab wrote in between, the two changes are merged field
 * by field against the base, as version control merges two branches: a note
 * edited here and a claimant edited there both survive. A field changed in
 * both places keeps this tab's value and reports the other one as a
 * conflict, so the person can choose — nothing either side saved is dropped
 * silently.
 *
 * The base is the record's content itself, compared structurally: it is the
 * revision the write states (CouchDB's `_rev` names a content hash the same
 * way). That needs no revision counter on disk and so no migration, and it
 * carries over to a sync engine later, which needs exactly this base.
 */

/** A field both sides changed to different values. `path` is its place in the record (`note`, `fields.speaker`); empty for the whole record. */
export interface MergeConflict {
  path: string;
  /** This tab's value (kept); undefined when this tab deleted the record. */
  mine: unknown;
  /** The other side's value (reported); undefined when it deleted the record. */
  theirs: unknown;
}

export interface MergeResult<T> {
  /** What to write: null deletes. */
  value: T | null;
  conflicts: MergeConflict[];
}

export interface MergeOptions {
  /**
   * Fields that only make sense together (an annotation's offsets and its
   * quote): merged as one value, so a span is never half one side's and
   * half the other's.
   */
  atomic?: readonly (readonly string[])[];
  /** Fields holding RFC 3339 timestamps of the last change: the later one wins, never a conflict. */
  latest?: readonly string[];
}

/** Structural equality of JSON-like values (what IndexedDB stores for us). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => sameValue(x, other[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Merges `mine` (this tab's value) and `theirs` (what is on disk now), both
 * made from `base`. Null stands for "no record" (deleted, or never written).
 */
export function mergeRecord<T extends object>(
  base: T | null,
  mine: T | null,
  theirs: T | null,
  options: MergeOptions = {},
): MergeResult<T> {
  if (sameValue(theirs, base) || sameValue(mine, theirs)) return { value: mine, conflicts: [] };
  if (sameValue(mine, base)) return { value: theirs, conflicts: [] };
  // Both sides changed it, and at least one of them is a deletion or a
  // creation: keep the record that holds someone's words.
  if (mine === null) return { value: theirs, conflicts: [{ path: '', mine: undefined, theirs }] };
  if (theirs === null || base === null)
    return { value: mine, conflicts: [{ path: '', mine, theirs: theirs ?? undefined }] };
  const conflicts: MergeConflict[] = [];
  const value = mergeObject(
    base as Record<string, unknown>,
    mine as Record<string, unknown>,
    theirs as Record<string, unknown>,
    '',
    options,
    conflicts,
    true,
  );
  return { value: value as T, conflicts };
}

function mergeObject(
  base: Record<string, unknown>,
  mine: Record<string, unknown>,
  theirs: Record<string, unknown>,
  prefix: string,
  options: MergeOptions,
  conflicts: MergeConflict[],
  top: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const groups = top ? (options.atomic ?? []) : [];
  const grouped = new Set(groups.flat());
  const pick = (b: unknown, m: unknown, t: unknown, path: string): unknown => {
    if (sameValue(m, b) || sameValue(m, t)) return t;
    if (sameValue(t, b)) return m;
    if (isPlainObject(b) && isPlainObject(m) && isPlainObject(t))
      return mergeObject(b, m, t, `${path}.`, options, conflicts, false);
    conflicts.push({ path, mine: m, theirs: t });
    return m;
  };
  for (const group of groups) {
    const slice = (r: Record<string, unknown>) => group.map((k) => r[k]);
    const chosen = pick(slice(base), slice(mine), slice(theirs), group.join('+')) as unknown[];
    group.forEach((k, i) => {
      if (chosen[i] !== undefined) out[k] = chosen[i];
    });
  }
  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const key of keys) {
    if (grouped.has(key)) continue;
    const path = prefix + key;
    let value: unknown;
    if (top && options.latest?.includes(key)) {
      const m = mine[key];
      const t = theirs[key];
      value = typeof m === 'string' && typeof t === 'string' ? (m > t ? m : t) : (m ?? t);
    } else {
      value = pick(base[key], mine[key], theirs[key], path);
    }
    if (value !== undefined) out[key] = value;
  }
  return out;
}
