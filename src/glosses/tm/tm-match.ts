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
 * length could reach p (|n − m| ≤ (1 − p)·max) and if the tokens they
 * share with the query could (an alignment keeps at most the shared tokens,
 * so the percentage is at most shared / max(n, m)). The survivors are
 * scored exactly in the order of that bound, until no bound left can beat
 * the `MAX_VERIFIED` best found, or after 4 × MAX_VERIFIED scorings.
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

/** Levenshtein distance between two token sequences. */
export function tokenDistance(
  a: ArrayLike<string | number>,
  b: ArrayLike<string | number>,
): number {
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
export function fuzzyPercent(a: ArrayLike<string | number>, b: ArrayLike<string | number>): number {
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
 * changes), then asked for the matches of many sentences. Tokens are
 * numbered; each unit keeps its token numbers, and each token the units
 * holding it with how often (postings), in plain arrays of numbers.
 */
export class TmIndex {
  private readonly units: MatchUnit[] = [];
  private readonly ids: Int32Array[] = [];
  private readonly exact = new Map<string, number[]>();
  private readonly vocabulary = new Map<string, number>();
  /** Per token number: the units holding it (ascending, once each). */
  private readonly postUnits: number[][] = [];
  /** Scratch, zeroed after each query: units seen, and tokens of a unit counted. */
  private mark = new Uint8Array(0);
  private used = new Uint16Array(0);
  /** Scratch: how often each token occurs in the query (zeroed after it). */
  private wanted = new Uint16Array(0);

  constructor(units: Iterable<MatchUnit>) {
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
    const ids = new Int32Array(keys.length);
    const distinct = new Set<number>();
    for (let i = 0; i < keys.length; i++) {
      let id = this.vocabulary.get(keys[i]!);
      if (id === undefined) {
        id = this.postUnits.length;
        this.vocabulary.set(keys[i]!, id);
        this.postUnits.push([]);
      }
      ids[i] = id;
      distinct.add(id);
    }
    this.ids.push(ids);
    for (const id of distinct) this.postUnits[id]!.push(u);
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
      for (const c of this.fuzzyCandidates(sentence, threshold, new Set(exact), limit))
        found.push(c);
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
    limit: number,
  ): { u: number; percent: number }[] {
    const keys = tokenKeys(sentence);
    const n = keys.length;
    if (n === 0) return [];
    const p = threshold / 100;
    // Token numbers of the query (-1: a token no unit has), and how often each occurs.
    const query = Int32Array.from(keys, (k) => this.vocabulary.get(k) ?? -1);
    const inQuery = new Map<number, number>();
    for (const id of query) if (id >= 0) inQuery.set(id, (inQuery.get(id) ?? 0) + 1);
    // The query's token occurrences, rarest first (unknown ones first of
    // all); a match must share one of the first floor((1 − p)·n) + 1.
    const df = (id: number) => (id < 0 ? 0 : this.postUnits[id]!.length);
    const byRarity = [...query].sort((x, y) => df(x) - df(y));
    const prefix = new Set(byRarity.slice(0, Math.floor((1 - p) * n) + 1).filter((id) => id >= 0));
    // The units that touch the prefix (the others cannot reach p) …
    if (this.mark.length < this.units.length) this.mark = new Uint8Array(this.units.length * 2);
    const mark = this.mark;
    const touched: number[] = [];
    for (const id of prefix) {
      for (const u of this.postUnits[id]!) {
        if (mark[u]) continue;
        mark[u] = 1;
        touched.push(u);
      }
    }
    // … and the tokens each shares with the query, counted on the unit's own
    // tokens (an upper bound of what an alignment keeps): no long postings
    // of common words are walked.
    if (this.used.length < this.postUnits.length)
      this.used = new Uint16Array(this.postUnits.length * 2);
    const used = this.used;
    if (this.wanted.length < this.postUnits.length)
      this.wanted = new Uint16Array(this.postUnits.length * 2);
    const wanted = this.wanted;
    for (const [id, q] of inQuery) wanted[id] = q;
    const buckets: number[][] = [];
    for (const u of touched) {
      mark[u] = 0;
      if (skip.has(u)) continue;
      const ids = this.ids[u]!;
      const m = ids.length;
      const longest = Math.max(n, m);
      if (Math.abs(n - m) > (1 - p) * longest) continue;
      let shared = 0;
      for (let i = 0; i < m; i++) {
        const id = ids[i]!;
        if (used[id]! < wanted[id]!) {
          used[id] = used[id]! + 1;
          shared++;
        }
      }
      for (let i = 0; i < m; i++) used[ids[i]!] = 0;
      const bound = Math.min(99, Math.floor((100 * shared) / longest));
      if (bound >= threshold) (buckets[bound] ??= []).push(u);
    }
    for (const id of inQuery.keys()) wanted[id] = 0;
    // Score the best bounds first; stop once no bound left can beat the
    // `limit` best found (the result is then exact), or after a budget.
    const out: { u: number; percent: number }[] = [];
    let budget = MAX_VERIFIED * 4;
    for (let bound = buckets.length - 1; bound >= threshold; bound--) {
      const bucket = buckets[bound];
      if (!bucket) continue;
      if (out.length >= limit) {
        out.sort((x, y) => y.percent - x.percent);
        if (bound <= out[limit - 1]!.percent) break;
      }
      for (const u of bucket) {
        if (budget-- <= 0) return out;
        const percent = Math.min(99, fuzzyPercent(query, this.ids[u]!));
        if (percent >= threshold) out.push({ u, percent });
      }
    }
    return out;
  }
}
