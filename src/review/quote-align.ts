/**
 * Finds the English of a quote inside the English gloss of its sentence.
 *
 * A gloss translates a whole sentence; a quote is usually a part of one
 * («n'avait pas allégué les faits de base» inside a 40-word sentence). The
 * translator wants the English of the quote, so this module looks for its
 * counterpart in the gloss, by the strongest signal first:
 *
 * 1. The whole sentence: a quote covering its sentence (a block quotation)
 *    is the whole gloss.
 * 2. Quotation marks: the k-th quoted stretch of the French sentence (« »,
 *    " ", “ ”, ‘ ’) is the k-th quoted stretch of the English, when both have
 *    as many. A quote that is exactly such a stretch gets the English stretch;
 *    a quote inside one is aligned within the pair of stretches (step 3).
 * 3. Positional alignment with anchors: tokens found on both sides (numbers,
 *    names, the same word, cognates sharing a long prefix such as
 *    répudié/repudiated, and the caller's term hints such as a glossary's
 *    "procès" → "lawsuit") are paired into the best monotonic chain, and the
 *    quote's ends are carried across it, interpolating by length between
 *    anchors, then snapped to English word edges. A quote with no anchor
 *    inside it has no counterpart that can be trusted.
 *
 * When no counterpart is found `alignQuote` returns null and the caller
 * falls back to the whole sentence (and says so). Pure, synchronous, never
 * throws. Offsets are UTF-16 indices into the sentence strings.
 */

/** How the counterpart was found. */
export type AlignMethod = 'sentence' | 'quoted' | 'aligned';

/** The English of a quote, and how it was found. */
export interface Alignment {
  text: string;
  method: AlignMethod;
}

/** A French term and its English, e.g. from a glossary or termbase. */
export interface TermHint {
  fr: string;
  en: string;
}

/** A quoted stretch: `open` is the opening mark, `close` the closing one. */
interface Stretch {
  open: number;
  close: number;
}

interface Token {
  start: number;
  end: number;
  /** Lowercased, without accents. */
  key: string;
  raw: string;
}

interface Anchor {
  fs: number;
  fe: number;
  es: number;
  ee: number;
  weight: number;
}

const OPENERS: Record<string, string> = { '«': '»', '“': '”', '‘': '’', '"': '"' };
const QUOTE_MARKS = /["«»“”‘’]/u;
const EDGE_PUNCTUATION = /[\s.,;:!?]/u;

/**
 * The quoted stretches of a sentence, in order. A straight " opens and the
 * next one closes; ’ closes a ‘ only when no letter follows it (else it is an
 * apostrophe). Unclosed marks open nothing.
 */
export function quotedStretches(text: string): Stretch[] {
  const out: Stretch[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const closer = OPENERS[ch];
    if (closer === undefined) {
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] !== closer) continue;
      if (closer === '’' && /\p{L}/u.test(text[j + 1] ?? '')) continue;
      break;
    }
    if (j >= text.length) {
      i++;
      continue;
    }
    out.push({ open: i, close: j });
    i = j + 1;
  }
  return out;
}

function normalise(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function tokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const end = Math.min(to, m.index + m[0].length);
    const raw = text.slice(m.index, end);
    out.push({ start: m.index, end, key: normalise(raw), raw });
  }
  return out;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Levenshtein distance (the words compared are short). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** How much a French and an English token look like the same word (0: not at all). */
function similarity(f: Token, e: Token): number {
  if (/^\p{N}+$/u.test(f.key)) return f.key === e.key ? 1.5 : 0;
  if (f.key === e.key) {
    if (f.key.length >= 3) return /\p{Lu}/u.test(f.raw[0]!) ? 1.5 : 1;
    return 0;
  }
  const p = commonPrefix(f.key, e.key);
  if (p >= 4 && p >= 0.5 * Math.min(f.key.length, e.key.length)) return 0.8;
  // Cognates one letter apart: juge/judge, foi/… (not below 4 letters).
  const longest = Math.max(f.key.length, e.key.length);
  if (Math.min(f.key.length, e.key.length) >= 4 && editDistance(f.key, e.key) / longest <= 0.25)
    return 0.7;
  // Short cognates: cas/case, site/sites.
  if (
    p >= 3 &&
    p === Math.min(f.key.length, e.key.length) &&
    Math.abs(f.key.length - e.key.length) <= 1
  )
    return 0.6;
  return 0;
}

/** Every occurrence of `needle` in `text[from, to)` on word edges. */
function occurrences(text: string, needle: string, from: number, to: number): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  const lower = text.toLowerCase();
  const n = needle.toLowerCase();
  for (
    let i = lower.indexOf(n, from);
    i !== -1 && i + n.length <= to;
    i = lower.indexOf(n, i + 1)
  ) {
    const before = text[i - 1] ?? ' ';
    const after = text[i + n.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) out.push(i);
  }
  return out;
}

/**
 * The English forms a hint's gloss offers: "lawsuit; trial" is two, and a
 * parenthesis is both kept and dropped ("alleged (pleaded)" → "alleged
 * pleaded", "alleged"; "gave (Parler) the boot" → "gave Parler the boot").
 */
function hintAlternatives(gloss: string): string[] {
  const out = new Set<string>();
  for (const part of gloss.split(';')) {
    out.add(part.replace(/[()]/gu, '').replace(/\s+/gu, ' ').trim());
    out.add(
      part
        .replace(/\([^)]*\)/gu, '')
        .replace(/\s+/gu, ' ')
        .trim(),
    );
  }
  out.delete('');
  return [...out];
}

/**
 * The best monotonic chain of anchors between `fr[f0,f1)` and `en[e0,e1)`:
 * the most (and most alike) pairs that keep their order on both sides,
 * minus a penalty for straying from the diagonal.
 */
function anchorChain(
  fr: string,
  [f0, f1]: [number, number],
  en: string,
  [e0, e1]: [number, number],
  hints: readonly TermHint[],
): { chain: Anchor[]; candidates: Anchor[] } {
  const candidates: Anchor[] = [];
  const ft = tokens(fr, f0, f1);
  const et = tokens(en, e0, e1);
  for (const f of ft) {
    for (const e of et) {
      const weight = similarity(f, e);
      if (weight > 0) candidates.push({ fs: f.start, fe: f.end, es: e.start, ee: e.end, weight });
    }
  }
  for (const hint of hints) {
    for (const fs of occurrences(fr, hint.fr, f0, f1)) {
      for (const alt of hintAlternatives(hint.en)) {
        for (const es of occurrences(en, alt, e0, e1)) {
          candidates.push({ fs, fe: fs + hint.fr.length, es, ee: es + alt.length, weight: 1.5 });
        }
      }
    }
  }
  // Quotation marks pair up in order when both sides have as many.
  const fq = quotedStretches(fr.slice(0, f1)).filter((s) => s.open >= f0);
  const eq = quotedStretches(en.slice(0, e1)).filter((s) => s.open >= e0);
  if (fq.length === eq.length) {
    fq.forEach((s, k) => {
      const t = eq[k]!;
      candidates.push({ fs: s.open, fe: s.open + 1, es: t.open, ee: t.open + 1, weight: 2 });
      candidates.push({ fs: s.close, fe: s.close + 1, es: t.close, ee: t.close + 1, weight: 2 });
    });
  }
  const fl = Math.max(1, f1 - f0);
  const el = Math.max(1, e1 - e0);
  const score = candidates.map((c) => c.weight - 2 * Math.abs((c.fs - f0) / fl - (c.es - e0) / el));
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[a]!.fs - candidates[b]!.fs);
  const best: number[] = [];
  const prev: number[] = [];
  for (let x = 0; x < order.length; x++) {
    const i = order[x]!;
    const c = candidates[i]!;
    best[x] = score[i]!;
    prev[x] = -1;
    for (let y = 0; y < x; y++) {
      const d = candidates[order[y]!]!;
      if (d.fe <= c.fs && d.ee <= c.es && best[y]! + score[i]! > best[x]!) {
        best[x] = best[y]! + score[i]!;
        prev[x] = y;
      }
    }
  }
  let top = -1;
  for (let x = 0; x < order.length; x++) {
    if (best[x]! > 0 && (top === -1 || best[x]! > best[top]!)) top = x;
  }
  const chain: Anchor[] = [];
  for (let x = top; x !== -1; x = prev[x]!) chain.unshift(candidates[order[x]!]!);
  return { chain, candidates };
}

/** Carries a French offset across the anchors (with the ends as anchors). */
function carry(pos: number, side: 'start' | 'end', anchors: readonly Anchor[]): number {
  for (const a of anchors) {
    if (pos >= a.fs && pos < a.fe && side === 'start') return a.es;
    if (pos > a.fs && pos <= a.fe && side === 'end') return a.ee;
  }
  let lo = anchors[0]!;
  let hi = anchors[anchors.length - 1]!;
  for (const a of anchors) {
    if (a.fe <= pos) lo = a;
    if (a.fs >= pos) {
      hi = a;
      break;
    }
  }
  const span = hi.fs - lo.fe;
  const ratio = span > 0 ? (pos - lo.fe) / span : 0;
  return Math.round(lo.ee + ratio * (hi.es - lo.ee));
}

/** `[from, to)` shrunk past whitespace and the given characters at both ends. */
function trim(text: string, from: number, to: number, strip: RegExp): [number, number] {
  while (from < to && strip.test(text[from]!)) from++;
  while (to > from && strip.test(text[to - 1]!)) to--;
  return [from, to];
}

/** Moves `pos` to the nearest word edge of `text` (start or end of a word). */
function snap(text: string, pos: number, side: 'start' | 'end', lo: number, hi: number): number {
  const isWord = (i: number): boolean => /[\p{L}\p{N}'’-]/u.test(text[i] ?? '');
  pos = Math.max(lo, Math.min(hi, pos));
  if (side === 'start') {
    if (!isWord(pos - 1)) return pos;
    let back = pos;
    while (back > lo && isWord(back - 1)) back--;
    let fwd = pos;
    while (fwd < hi && isWord(fwd)) fwd++;
    return pos - back <= fwd - pos ? back : fwd;
  }
  if (!isWord(pos)) return pos;
  let fwd = pos;
  while (fwd < hi && isWord(fwd)) fwd++;
  let back = pos;
  while (back > lo && isWord(back - 1)) back--;
  return fwd - pos <= pos - back ? fwd : back;
}

/** Aligns `fr[from,to)` within `fr[f0,f1)` ↔ `en[e0,e1)`; null without an anchor inside. */
function alignWithin(
  fr: string,
  from: number,
  to: number,
  range: [number, number],
  en: string,
  enRange: [number, number],
  hints: readonly TermHint[],
): string | null {
  const [f0, f1] = range;
  const [e0, e1] = enRange;
  const { chain, candidates } = anchorChain(fr, range, en, enRange, hints);
  const inside = chain.some((a) => a.fs >= from && a.fe <= to && !QUOTE_MARKS.test(fr[a.fs]!));
  if (!inside) return null;
  const anchors: Anchor[] = [
    { fs: f0, fe: f0, es: e0, ee: e0, weight: 0 },
    ...chain,
    { fs: f1, fe: f1, es: e1, ee: e1, weight: 0 },
  ];
  // Word order differs (les émeutes de Capitol Hill → the Capitol Hill
  // riots; le cas de Parler → Parler's case): the English of an anchor
  // inside the quote belongs to it, even one the ordered chain left out,
  // as long as it lies between the chain's anchors around the quote.
  const before = chain.filter((a) => a.fe <= from).at(-1);
  const after = chain.find((a) => a.fs >= to);
  const lo = before?.ee ?? e0;
  const hi = after?.es ?? e1;
  const inner = candidates.filter(
    (a) => a.fs >= from && a.fe <= to && a.es >= lo && a.ee <= hi && !QUOTE_MARKS.test(fr[a.fs]!),
  );
  let es = Math.min(...inner.map((a) => a.es));
  let ee = Math.max(...inner.map((a) => a.ee));
  // Words of the quote before its first anchor (after its last) are
  // carried across by length; a quote that starts (ends) on an anchor
  // starts (ends) on its English.
  const [w0, w1] = trim(fr, from, to, /[\s.,;:!?"«»“”‘’]/u);
  if (w0 < Math.min(...inner.map((a) => a.fs))) es = Math.min(es, carry(from, 'start', anchors));
  if (w1 > Math.max(...inner.map((a) => a.fe))) ee = Math.max(ee, carry(to, 'end', anchors));
  es = snap(en, es, 'start', e0, e1);
  ee = snap(en, ee, 'end', e0, e1);
  // An English quoted stretch the quote opens (or closes) is taken whole
  // when the French quote holds both marks of its own stretch.
  const frMarks = [...fr.slice(from, to)].filter((c) => QUOTE_MARKS.test(c)).length;
  for (const q of quotedStretches(en)) {
    if (frMarks < 2) break;
    if (q.open >= es && q.open < ee && q.close >= ee) ee = q.close + 1;
    if (q.close >= es && q.close < ee && q.open < es) es = q.open;
  }
  const keepsMarks = QUOTE_MARKS.test(fr[from]!) || QUOTE_MARKS.test(fr[to - 1]!);
  [es, ee] = trim(en, es, ee, keepsMarks ? EDGE_PUNCTUATION : /[\s.,;:!?"«»“”‘’]/u);
  const text = en.slice(es, ee);
  // American punctuation inside a closing mark ("network,") that the
  // French quote does not have (…expression») is left out.
  return ee > es ? text.replace(/[.,;:]+(["”’])$/u, '$1') : null;
}

/**
 * The English counterpart of `fr[from, to)` (a quote inside the French
 * sentence `fr`) in `en` (the sentence's English gloss), or null when none
 * can be found. See the module comment for the steps.
 */
export function alignQuote(
  fr: string,
  from: number,
  to: number,
  en: string,
  hints: readonly TermHint[] = [],
): Alignment | null {
  [from, to] = trim(fr, Math.max(0, from), Math.min(fr.length, to), /\s/u);
  const [e0, e1] = trim(en, 0, en.length, /\s/u);
  if (to <= from || e1 <= e0) return null;

  // 1. The whole sentence (give or take its final punctuation and marks).
  const [s0, s1] = trim(fr, 0, fr.length, /[\s.,;:!?"«»“”‘’]/u);
  if (from <= s0 && to >= s1) return { text: en.slice(e0, e1), method: 'sentence' };

  // 2. Quotation marks, k-th to k-th.
  const fq = quotedStretches(fr);
  const eq = quotedStretches(en);
  const [p0, p1] = trim(fr, from, to, EDGE_PUNCTUATION);
  const k = fq.findIndex((s) => p0 >= s.open && p1 <= s.close + 1);
  if (k !== -1 && fq.length === eq.length) {
    const f = fq[k]!;
    const e = eq[k]!;
    const [fi0, fi1] = trim(fr, f.open + 1, f.close, EDGE_PUNCTUATION);
    const [ei0, ei1] = trim(en, e.open + 1, e.close, EDGE_PUNCTUATION);
    const [q0, q1] = trim(fr, from, to, /[\s.,;:!?"«»“”‘’]/u);
    if (q0 <= fi0 && q1 >= fi1 && ei1 > ei0) {
      const inner = en.slice(ei0, ei1);
      const withMarks = p0 <= f.open && p1 > f.close;
      return {
        text: withMarks ? `${en[e.open]!}${inner}${en[e.close]!}` : inner,
        method: 'quoted',
      };
    }
    const part = alignWithin(fr, q0, q1, [fi0, fi1], en, [ei0, ei1], hints);
    if (part !== null) {
      // A mark the French quote holds comes along: «…faits» → …facts".
      const open = p0 <= f.open ? en[e.open]! : '';
      const close = p1 > f.close ? en[e.close]! : '';
      return { text: `${open}${part}${close}`, method: 'aligned' };
    }
  }

  // 3. Positional alignment over the whole sentence.
  const text = alignWithin(fr, from, to, [0, fr.length], en, [e0, e1], hints);
  return text === null ? null : { text, method: 'aligned' };
}
