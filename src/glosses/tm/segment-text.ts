/**
 * Text of translation-memory segments: the normalisation exact lookup uses
 * (the `sourceKey` of a unit) and the word tokens fuzzy matching compares.
 *
 * Two French sentences that differ only in typography are the same segment
 * for a translator: a typewriter or curly apostrophe, a non-breaking or a
 * thin space before « ; : ! ? », spaces inside « », a run of spaces. CAT
 * tools treat them so (memoQ, Trados: "whitespace and typographic
 * differences are not penalised"); so does Glossa. Case and accents are
 * kept: « Élysée » and « elysée » are different segments.
 */

/** Apostrophe-like characters, all read as U+0027. */
const APOSTROPHES = /[\u2019\u2018\u02BC\u2032\u00B4`]/g;
/** Double quotation marks other than « », read as U+0022. */
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;
/** Every kind of space (NBSP, narrow NBSP, thin, figure…), read as a space. */
const SPACES = /[\s\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g;

/**
 * Character-wise unification (NFC, apostrophes, double quotes): what token
 * keys are made of. Character-wise, so normalising a whole segment and then
 * cutting it into tokens gives the same keys as cutting then normalising.
 */
function unifyCharacters(text: string): string {
  return text.normalize('NFC').replace(APOSTROPHES, "'").replace(DOUBLE_QUOTES, '"');
}

/**
 * The form of a segment used for exact lookup: NFC, apostrophes and quotes
 * unified, every space one U+0020, no space inside « » nor before French
 * high punctuation (; : ! ?), … as "...", trimmed.
 */
export function normaliseSegment(text: string): string {
  return unifyCharacters(text)
    .replace(/\u2026/g, '...')
    .replace(SPACES, ' ')
    .replace(/« ?/g, '«')
    .replace(/ ?»/g, '»')
    .replace(/ ([;:!?])/g, '$1')
    .trim();
}

/** One word or punctuation mark of a segment, with where it is in the original text. */
export interface Token {
  /** What the token is compared by: its normalised form. */
  key: string;
  /** The original text of the token, followed by the spaces after it (and, for the first, any before it). */
  text: string;
}

/**
 * Words (letters and digits, an elided article's apostrophe kept with it:
 * "l'", "qu'") and single punctuation marks.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+['\u2019\u02BC]?|[^\s\p{L}\p{M}\p{N}\u00A0\u202F\u2009]/gu;

/**
 * The tokens of a segment. Concatenating their `text` gives `text` back
 * exactly, so a diff over tokens can show both segments as written.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    if (tokens.length > 0) tokens[tokens.length - 1]!.text += text.slice(previousEnd, start);
    const lead = tokens.length === 0 ? text.slice(0, start) : '';
    tokens.push({ key: unifyCharacters(m[0]), text: lead + m[0] });
    previousEnd = start + m[0].length;
  }
  if (tokens.length > 0) tokens[tokens.length - 1]!.text += text.slice(previousEnd);
  else if (text.length > 0) tokens.push({ key: '', text });
  return tokens;
}

/** The keys of a segment's tokens (what matching compares), without the empty placeholder. */
export function tokenKeys(text: string): string[] {
  return unifyCharacters(text).match(TOKEN) ?? [];
}
