/**
 * Termbase: French terms with their English equivalents, for the whole
 * library. The shape follows a TBX-Basic concept entry with one French and
 * one or more English terms.
 */

export const TERM_ORIGINS = ['shipped', 'user', 'tbx'] as const;
export type TermOrigin = (typeof TERM_ORIGINS)[number];

export interface TermEntry {
  /** Stable id (the concept id in TBX). */
  id: string;
  /** The French term, as written. */
  term: string;
  /** `term` normalised for lookup (index `byTermKey`). */
  termKey: string;
  /** English equivalents, the preferred one first. */
  equivalents: string[];
  /** A usage note, in English (TBX: `<note>` in the English `langSec`). */
  note?: string;
  /**
   * The usage note in French, when there is one (TBX: `<note>` in the French
   * `langSec`). The shipped glossary has both; the tooltip shows the note in
   * the interface language, else the other one.
   */
  noteFr?: string;
  /** TBX-Basic `partOfSpeech` (noun, verb, adjective…), when known. */
  partOfSpeech?: string;
  /** TBX-Basic `subjectField`, when known. */
  domain?: string;
  origin: TermOrigin;
  /** RFC 3339. */
  created: string;
  modified: string;
}
