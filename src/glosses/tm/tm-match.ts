/**
 * Translation-memory matching: for a French sentence, the units of the
 * memory whose source is the same (100 %) or close (fuzzy, down to a
 * threshold), scored as CAT tools show it, with a word diff for the UI.
 *
 * Score. The fuzzy percentage is word-based, like memoQ's and Trados's:
 * `floor(100 × (1 − d / max(n, m)))`, where d is the Levenshtein distance
 * between the two token sequences (words and punctuation marks, each edit
 * costing 1) and n, m their lengths. Floored, and at most 99, so that only
 * an exact match (same normalised text, see segment-text.ts) is 100 %.
 *
 * Speed. Scoring is O(n·m) per unit, so the index finds few candidates
 * first: an inverted index from token to the units holding it, and the
 * prefix filter of set-similarity joins — a unit scoring ≥ p must share at
 * least one of the query's `floor((1 − p)·n) + 1` rarest token occurrences
 * (otherwise more than (1 − p)·n of the query's tokens are missing from it,
 * and each costs at least one edit). Units are further kept only if their
 * length could reach p (|n − m| ≤ (1 − p)·max), ranked by shared rare
 * tokens, and at most `MAX_VERIFIED` of them are scored exactly.
 */
import { normaliseSegment, tokenKeys, tokenize } from './segment-text';

/** What the matcher needs of a unit (a TmUnit has all of it). */
export interface MatchUnit {
  id: string;
  source: string;
  target: string;
  origin: string;
}

export type DiffOp =
  /** In both: `text` as the sentence has it, `sourceText` as the unit's source has it. */
  | { op: 'equal'; text: string; sourceText: string }
  /** In the sentence, not in the unit's source (the translator must add it). */
  | { op: 'insert'; text: string }
  /** In the unit's source, not in the sentence (its translation must lose it). */
  | { op: 'delete'; text: string };

export interface TmMatch {
  unit: MatchUnit;
  /** 100 exact; 1–99 fuzzy. */
  percent: number;
  /** From the unit's source to the sentence, token by token. */
  diff: DiffOp[];
}

export interface MatchOptions {
  /** The lowest percentage returned, 1–100 (default 75). */
  threshold?: number;
  /** At most this many matches, best first (default 5). */
  limit?: number;
}

export const DEFAULT_THRESHOLD = 75;
/** Candidates scored exactly per sentence, at most. */
const MAX_VERIFIED = 40;
/** Candidates ranked by shared tokens per sentence, at most. */
const MAX_RANKED = 4000;

/** Levenshtein distance between two token sequences. */
export function tokenDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * The fuzzy percentage of two token sequences, 0–100 (100 only when they
 * are equal; the matcher caps non-exact matches at 99 itself).
 */
export function fuzzyPercent(a: readonly string[], b: readonly string[]): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 100;
  return Math.floor(100 * (1 - tokenDistance(a, b) / longest));
}

/** The percentage of a unit's source against a sentence, both as written. */
export function matchPercent(sentence: string, source: string): number {
  if (normaliseSegment(sentence) === normaliseSegment(source)) return 100;
  return Math.min(99, fuzzyPercent(tokenKeys(sentence), tokenKeys(source)));
}

/**
 * The token diff from `source` (the unit's) to `sentence`: concatenating
 * equal `sourceText` and delete `text` gives `source`; equal `text` and
 * insert `text` gives `sentence`. Adjacent ops of one kind are merged.
 */
export function tokenDiff(sentence: string, source: string): DiffOp[] {
  const a = tokenize(source);
  const b = tokenize(sentence);
  const n = a.length;
  const m = b.length;
  // Full table, for the backtrace: segments are sentences (tens of tokens).
  const d: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) {
    const row = new Uint32Array(m + 1);
    row[0] = i;
    d.push(row);
  }
  for (let j = 0; j <= m; j++) d[0]![j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const same = a[i - 1]!.key === b[j - 1]!.key;
      d[i]![j] = Math.min(d[i - 1]![j - 1]! + (same ? 0 : 1), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
    }
  }
  const ops: DiffOp[] = [];
  let i = n;
  let j = m;
  const push = (op: DiffOp) => ops.push(op);
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && a[i - 1]!.key === b[j - 1]!.key && d[i]![j] === d[i - 1]![j - 1]) {
      push({ op: 'equal', text: b[j - 1]!.text, sourceText: a[i - 1]!.text });
      i--;
      j--;
    } else if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + 1) {
      // A substitution: the sentence's token inserted, the source's deleted.
      push({ op: 'insert', text: b[j - 1]!.text });
      push({ op: 'delete', text: a[i - 1]!.text });
      i--;
      j--;
    } else if (j > 0 && d[i]![j] === d[i]![j - 1]! + 1) {
      push({ op: 'insert', text: b[j - 1]!.text });
      j--;
    } else {
      push({ op: 'delete', text: a[i - 1]!.text });
      i--;
    }
  }
  ops.reverse();
  // Merge runs of one kind (a delete run and an insert run stay apart).
  const merged: DiffOp[] = [];
  for (const op of ops) {
    const last = merged[merged.length - 1];
    if (last && last.op === op.op) {
      last.text += op.text;
      if (last.op === 'equal' && op.op === 'equal') last.sourceText += op.sourceText;
    } else merged.push({ ...op });
  }
  return merged;
}

/**
 * An index over a translation memory, built once per memory (or after it
 * changes), then asked for the matches of many sentences.
 */
export class TmIndex {
  private readonly units: MatchUnit[];
  private readonly keys: string[][];
  private readonly exact = new Map<string, number[]>();
  /** Token → ids (indices into `units`) of the units holding it, ascending, once each. */
  private readonly postings = new Map<string, number[]>();

  constructor(units: Iterable<MatchUnit>) {
    this.units = [];
    this.keys = [];
    for (const unit of units) this.add(unit);
  }

  /** Adds a unit (one the memory did not hold: the caller dedupes). */
  add(unit: MatchUnit): void {
    const u = this.units.length;
    this.units.push(unit);
    const normal = normaliseSegment(unit.source);
    const same = this.exact.get(normal);
    if (same) same.push(u);
    else this.exact.set(normal, [u]);
    const keys = tokenKeys(unit.source);
    this.keys[u] = keys;
    for (const key of new Set(keys)) {
      const list = this.postings.get(key);
      if (list) list.push(u);
      else this.postings.set(key, [u]);
    }
  }

  get size(): number {
    return this.units.length;
  }

  /** The matches of `sentence`, best first: exact ones, then fuzzy down to the threshold. */
  match(sentence: string, options: MatchOptions = {}): TmMatch[] {
    const threshold = Math.min(100, Math.max(1, options.threshold ?? DEFAULT_THRESHOLD));
    const limit = options.limit ?? 5;
    if (limit <= 0) return [];
    const found: { u: number; percent: number }[] = [];
    const exact = this.exact.get(normaliseSegment(sentence)) ?? [];
    for (const u of exact) found.push({ u, percent: 100 });
    if (threshold < 100 && found.length < limit) {
      for (const c of this.fuzzyCandidates(sentence, threshold, new Set(exact))) found.push(c);
    }
    found.sort((x, y) => y.percent - x.percent || x.u - y.u);
    return found.slice(0, limit).map(({ u, percent }) => {
      const unit = this.units[u]!;
      return { unit, percent, diff: tokenDiff(sentence, unit.source) };
    });
  }

  private fuzzyCandidates(
    sentence: string,
    threshold: number,
    skip: Set<number>,
  ): { u: number; percent: number }[] {
    const query = tokenKeys(sentence);
    const n = query.length;
    if (n === 0) return [];
    const p = threshold / 100;
    // The query's token occurrences, rarest first; the prefix a match must touch.
    const byRarity = query
      .map((key) => ({ key, df: this.postings.get(key)?.length ?? 0 }))
      .sort((x, y) => x.df - y.df);
    const prefix = byRarity.slice(0, Math.floor((1 - p) * n) + 1);
    const hits = new Map<number, number>();
    for (const key of new Set(prefix.map((t) => t.key))) {
      for (const u of this.postings.get(key) ?? []) {
        if (skip.has(u)) continue;
        const m = this.keys[u]!.length;
        // A unit that is too long or too short cannot reach the threshold.
        if (Math.abs(n - m) > (1 - p) * Math.max(n, m)) continue;
        hits.set(u, (hits.get(u) ?? 0) + 1);
      }
    }
    let candidates = [...hits];
    if (candidates.length > MAX_VERIFIED) {
      // Rank by rare tokens shared, then (for a bounded number) by every
      // token shared, and score only the best few exactly.
      candidates.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      candidates = candidates.slice(0, MAX_RANKED);
      const wanted = new Set(query);
      const overlap = (u: number) => {
        let shared = 0;
        for (const key of this.keys[u]!) if (wanted.has(key)) shared++;
        return shared;
      };
      candidates = candidates
        .map(([u]): [number, number] => [u, overlap(u)])
        .sort((x, y) => y[1] - x[1] || x[0] - y[0])
        .slice(0, MAX_VERIFIED);
    }
    const out: { u: number; percent: number }[] = [];
    for (const [u] of candidates) {
      const percent = Math.min(99, fuzzyPercent(query, this.keys[u]!));
      if (percent >= threshold) out.push({ u, percent });
    }
    return out;
  }
}
