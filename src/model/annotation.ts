/**
 * Annotations: tagged spans of an article's canonical text.
 *
 * This is the persisted shape — plain, serialisable data with offsets in
 * Unicode code points. Live views (ProseMirror decorations, DOM rows) are
 * derived from it and never stored.
 */

import type { Verdict } from './factcheck';

export const ANNOTATION_KINDS = ['claim', 'quote', 'event'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** Per-kind fields. Values of other kinds are kept when the kind changes, so a change of mind loses nothing. */
export interface AnnotationFields {
  /** quote: who said it. */
  speaker?: string;
  /** claim: who makes the claim. */
  claimant?: string;
  /** event: when it happened, free text ("janvier 2021"). */
  date?: string;
}

/** Which field belongs to which kind. */
export const KIND_FIELD: Record<AnnotationKind, keyof AnnotationFields> = {
  quote: 'speaker',
  claim: 'claimant',
  event: 'date',
};

export interface Annotation {
  /** A UUID. */
  id: string;
  articleId: string;
  kind: AnnotationKind;
  /** Start offset in code points of the canonical text, inclusive. */
  start: number;
  /** End offset in code points of the canonical text, exclusive. */
  end: number;
  /** The text of the span, and 32 code points of context either side. */
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  fields: AnnotationFields;
  /** RFC 3339 timestamps. */
  created: string;
  modified: string;
  /**
   * Set when the annotation could not be anchored in the article's current
   * text (after an import or a revision). An orphan keeps its quote and
   * waits to be re-attached; it is never dropped.
   */
  orphaned?: boolean;
  /** claim: its verdict (model/factcheck.ts), once rated. */
  verdict?: Verdict;
  /**
   * event: the date read from `fields.date` as EDTF level 0–1 (`2021-01`,
   * `2021-01-09/2021-01-11`, `2021?`; model/edtf-date.ts). Absent when the
   * text could not be read as a date: the text then stays as it was typed.
   */
  dateValue?: string;
  /** Entities this annotation names (the speaker's, the claimant's), by id. */
  entityIds?: string[];
  /** Who created it and who changed it last: the name set in the browser. */
  creator?: string;
  modifier?: string;
}

export function isAnnotationKind(value: unknown): value is AnnotationKind {
  return typeof value === 'string' && (ANNOTATION_KINDS as readonly string[]).includes(value);
}

/** Document order: by start, then the longer span first so containers precede what they contain. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  // Ids compared by code unit, not localeCompare: the order only needs to be total,
  // and the first localeCompare loads ICU's collator (12 ms of the start-up).
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A fresh RFC 3339 timestamp. */
export function now(): string {
  return new Date().toISOString();
}

/** A new random id (RFC 4122 v4). */
export function newId(): string {
  return crypto.randomUUID();
}
