/**
 * The messages between the page and the translation-memory worker
 * (tm.worker.ts). The worker owns the memory: it opens the database itself
 * (workers have IndexedDB), keeps the match index, reads and writes TMX, so
 * a memory of 100,000 units never crosses to the page and no TMX file is
 * parsed there. Every request carries an id; the answer (or error) repeats it.
 */
import type { TmxProblem } from '../exchange/tmx';
import type { TmOrigin } from '../model/translation-memory';
import type { DiffOp } from '../glosses/tm/tm-match';
import type { TmUnitInput } from '../store/translation-memory';

/** A match as the page gets it (the unit reduced to what the UI shows). */
export interface TmMatchView {
  unitId: string;
  source: string;
  target: string;
  origin: TmOrigin;
  percent: number;
  diff: DiffOp[];
}

export interface SentenceMatches {
  sentenceId: string;
  matches: TmMatchView[];
}

/** What an import did (counts of `<tu>`s). */
export interface TmImportReport {
  /** `<tu>` elements read. */
  read: number;
  added: number;
  duplicates: number;
  /** Refused: wrong languages, empty segments (problems say which). */
  refused: number;
  /** The whole file was refused (malformed, DOCTYPE, not TMX): nothing added. */
  fatal: boolean;
  problems: TmxProblem[];
  /** Byte offset where the file stops being UTF-8 (read with replacement characters); null when it is UTF-8. */
  notUtf8At: number | null;
}

export type TmRequestBody =
  /** Open the memory; with `seedShipped`, add the shipped glosses (idempotent). */
  | { type: 'init'; seedShipped: boolean }
  | { type: 'count' }
  | { type: 'match'; sentences: { id: string; text: string }[]; threshold: number; limit: number }
  | { type: 'add'; units: TmUnitInput[]; replaceSentence: boolean }
  | { type: 'import'; file: Blob }
  | { type: 'export'; toolVersion: string }
  | { type: 'clear' };

export type TmRequest = TmRequestBody & { id: number };

export type TmAnswer =
  | { type: 'init'; count: number; seeded: number }
  | { type: 'count'; count: number }
  | { type: 'match'; results: SentenceMatches[] }
  | { type: 'add'; added: number; duplicates: number }
  | { type: 'import'; report: TmImportReport; count: number }
  | { type: 'export'; blob: Blob; count: number }
  | { type: 'clear'; count: number };

export type TmMessage =
  | ({ id: number } & TmAnswer)
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'error'; detail: string };
