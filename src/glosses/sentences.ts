/**
 * Sentences of an article: the unit English glosses are written for.
 *
 * Each block is segmented with `Intl.Segmenter('fr', { granularity: 'sentence' })`
 * (UAX #29), then a few small rules correct it where French typography trips
 * it up. A sentence's id is derived from its block and its index in that block
 * (`b3.s0`), so shipped and user glosses stay keyed to the same sentence as long
 * as the article's text does not change. Offsets are Unicode code points into
 * the canonical text (blocks joined with "\n\n"), end exclusive, like annotations.
 */

import { BLOCK_SEPARATOR, type ArticleBlock } from '../model/article';
import { CodePointIndex, codePointLength } from '../anchoring/code-points';

/** One sentence of an article. */
export interface Sentence {
  /** `b{block}.s{index}`, both 0-based, e.g. `b3.s0`. */
  id: string;
  /** Index of the block the sentence belongs to. */
  block: number;
  /** Index of the sentence within its block. */
  index: number;
  /** Code-point offset of the sentence's first character in the canonical text. */
  start: number;
  /** Code-point offset just past its last non-whitespace character. */
  end: number;
  /** The sentence, without leading or trailing whitespace. */
  text: string;
}

/** The id of sentence `index` of block `block`: `b{block}.s{index}`. */
export function sentenceId(block: number, index: number): string {
  return `b${block}.s${index}`;
}

/**
 * The i18next namespace holding the shipped English glosses of an article
 * (`locales/en/article-{id}.json`). Its keys contain ".", so it must be read
 * with `keySeparator: false` (see `LITERAL_KEY_OPTIONS` in ./glossary).
 */
export function articleGlossNamespace(articleId: string): string {
  return `article-${articleId}`;
}

let segmenter: Intl.Segmenter | undefined;

// One segmenter serves every call; building one loads ICU break rules.
function frenchSentenceSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('fr', { granularity: 'sentence' });
  return segmenter;
}

// Closing quotation marks that can only close a quote. ’ is left out: in
// French it is mostly the apostrophe.
const CLOSING_QUOTE = /\s*[»›”]/uy;
const STRAIGHT_QUOTE = /\s*"/uy;
const WHITESPACE = /\s*/uy;

/**
 * Rule 1 — a closing quote after a space belongs to the sentence it closes.
 * French sets guillemets off with a (no-break) space: « Je pars. » Puis…
 * UAX #29 only lets closing punctuation follow a terminator directly, so it
 * breaks after "pars. " and starts the next sentence with "»". Returns the
 * break moved past such quotes (and the spaces after them), or `limit` when
 * nothing but quotes and spaces was left before the next break. A straight
 * `"` is a closer only when it is the odd one in its block so far.
 */
function moveBreakPastClosingQuotes(text: string, at: number, limit: number): number {
  let pos = at;
  for (;;) {
    CLOSING_QUOTE.lastIndex = pos;
    STRAIGHT_QUOTE.lastIndex = pos;
    const m = CLOSING_QUOTE.exec(text) ?? STRAIGHT_QUOTE.exec(text);
    if (!m || pos + m[0].length > limit) break;
    if (m[0].endsWith('"') && countStraightQuotes(text, pos) % 2 === 0) break;
    pos += m[0].length;
  }
  if (pos === at) return at;
  WHITESPACE.lastIndex = pos;
  return Math.min(limit, pos + (WHITESPACE.exec(text)?.[0].length ?? 0));
}

function countStraightQuotes(text: string, before: number): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1 && i < before; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * Rule 2 — no break after "M." (Monsieur), "MM." (Messieurs) or a middle
 * initial ("John F. Kennedy"): UAX #29 breaks after any "." followed by a space
 * and a capital, and French news writes "M. Macron" constantly. A middle
 * initial must follow a capitalised word, so "le plan B. Puis" still breaks.
 */
const NAME_ABBREVIATION = /(?:(?:^|[^\p{L}\p{N}])(?:M|MM)|\p{Lu}\p{Ll}+[ \u00a0]\p{Lu})\.\s*$/u;

/**
 * Rule 3 — a sentence never starts with a lowercase letter, so a break before
 * one is undone: after « Vraiment ? » the incise "a-t-il demandé" continues the
 * sentence, but UAX #29 always breaks after "?" and "!". A line break inside a
 * block stays a break.
 */
function continuesSentence(before: string, after: string): boolean {
  if (!/^\s*\p{Ll}/u.test(after)) return false;
  const trailing = /\s*$/u.exec(before)?.[0] ?? '';
  return !/[\n\r\u0085\u2028\u2029]/u.test(trailing);
}

/** UTF-16 [start, end) ranges of the sentences of one block's text, untrimmed. */
function sentenceRanges(text: string): [number, number][] {
  const icuBreaks: number[] = [];
  for (const { index } of frenchSentenceSegmenter().segment(text)) {
    if (index > 0) icuBreaks.push(index);
  }
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < icuBreaks.length; i++) {
    const nextBreak = icuBreaks[i + 1] ?? text.length;
    const at = moveBreakPastClosingQuotes(text, icuBreaks[i]!, nextBreak);
    if (at >= nextBreak) continue;
    const before = text.slice(start, at);
    if (NAME_ABBREVIATION.test(before) || continuesSentence(before, text.slice(at, nextBreak))) {
      continue;
    }
    ranges.push([start, at]);
    start = at;
  }
  ranges.push([start, text.length]);
  return ranges;
}

/**
 * The sentences of an article's blocks, in text order. Whitespace around a
 * sentence is left out of it; whitespace-only stretches make no sentence.
 * Each block is segmented on its own, so no sentence crosses a block.
 */
export function segmentSentences(blocks: readonly ArticleBlock[]): Sentence[] {
  const sentences: Sentence[] = [];
  const separatorLength = codePointLength(BLOCK_SEPARATOR);
  let blockStart = 0;
  blocks.forEach((block, b) => {
    const { text } = block;
    const cps = new CodePointIndex(text);
    let index = 0;
    for (const [from, to] of sentenceRanges(text)) {
      const raw = text.slice(from, to);
      const sentenceText = raw.trim();
      if (sentenceText === '') continue;
      const lead = raw.length - raw.trimStart().length;
      sentences.push({
        id: sentenceId(b, index),
        block: b,
        index,
        start: blockStart + cps.toCodePoint(from + lead),
        end: blockStart + cps.toCodePoint(from + lead + sentenceText.length),
        text: sentenceText,
      });
      index++;
    }
    blockStart += cps.length + separatorLength;
  });
  return sentences;
}

/**
 * The sentence containing code-point offset `offset` (start ≤ offset < end),
 * or undefined when it falls between sentences. `sentences` must be in text
 * order, as `segmentSentences` returns them.
 */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  const i = firstEndingAfter(sentences, offset);
  const s = sentences[i];
  return s !== undefined && s.start <= offset ? s : undefined;
}

/**
 * Every sentence the code-point span [start, end) shares a character with,
 * in text order. An empty span touches the sentence containing it, if any.
 */
export function sentencesInSpan(
  sentences: readonly Sentence[],
  start: number,
  end: number,
): Sentence[] {
  if (end < start) [start, end] = [end, start];
  if (start === end) {
    const s = sentenceAt(sentences, start);
    return s ? [s] : [];
  }
  const touched: Sentence[] = [];
  for (let i = firstEndingAfter(sentences, start); i < sentences.length; i++) {
    const s = sentences[i]!;
    if (s.start >= end) break;
    touched.push(s);
  }
  return touched;
}

// Index of the first sentence whose end lies after `offset` (binary search).
function firstEndingAfter(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
