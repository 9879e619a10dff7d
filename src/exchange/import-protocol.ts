/**
 * The messages between the import dialog and its worker
 * (file-import.worker.ts). Shaped so that the main thread does as little as
 * possible with a big file:
 *
 * - it hands the worker the File itself (a handle, not 50 MB of text), and
 *   the worker reads, parses and plans it;
 * - the worker keeps the parsed records, so choosing "Replace" instead of
 *   "Skip" re-plans without reading the file again;
 * - the annotations to write come back in slices of CHUNK_SIZE, each one a
 *   short task to receive, then a summary (counts, problems) without them.
 */
import type { Annotation } from '../model/annotation';
import type { DrawableReport } from '../model/highlight-stacks';
import type { Article } from '../model/article';
import type { UserGloss } from '../model/gloss';
import type { Relation } from '../model/factcheck';
import type { Review } from '../model/review';
import type { ImportProblem, OnExisting } from './import-plan';
import type { FileFormat } from './parse-file';
import type { TagMap } from './tag-map';
import type { XliffImport } from './xliff';
import type { NativeExport } from './native';
import type { TbxImport } from './tbx';

/**
 * Annotations per `annotations` message. The page receives each in a task of
 * its own, its structured clone read there: 2,000 took the page 30–90 ms a
 * message at 100,000 (issue 20); 500 keep each well under 50.
 */
export const CHUNK_SIZE = 500;

/** What the worker is asked. */
export type ImportWorkerRequest =
  /** Read, parse and plan a file into `article`. */
  | {
      type: 'open';
      file: Blob;
      fileName: string;
      /** For brat: the .txt picked with the .ann. */
      companion?: Blob;
      article: Article;
      existing: Annotation[];
      onExisting: OnExisting;
      tagMap?: TagMap;
    }
  /**
   * Plan the file read by the last 'open' again, against new existing
   * annotations or another choice; with another tag map, it is parsed again.
   */
  | { type: 'plan'; existing: Annotation[]; onExisting: OnExisting; tagMap?: TagMap }
  /**
   * Read and parse an XLIFF file of the article's quote translations
   * (parseXliff): the review screen's import, off the main thread.
   */
  | {
      type: 'xliff';
      file: Blob;
      article: Article;
      quotes: Annotation[];
      reviews: Review[];
    }
  /** Read, parse and check a native backup of everything (parseNative), for the restore. */
  | { type: 'backup'; file: Blob }
  /**
   * Read and parse a TBX file (parseTbx) for the termbase import, off the
   * main thread; the page only stores the records (one transaction).
   */
  | { type: 'tbx'; file: Blob };

/** The outcome of a plan, without the annotations to write (sent before it, in slices). */
export interface ImportSummary {
  format: FileFormat | null;
  /** Records the file holds in a readable form. */
  records: number;
  anchored: number;
  moved: number;
  orphaned: number;
  skipped: number;
  /** Ids of stored annotations the plan overwrites. */
  replaced: string[];
  reviews: Review[];
  /** Links between the records written (brat R lines), as relations to write in the same transaction. */
  relations: Relation[];
  /** A native file's glosses of this article (when its text is the same). */
  glosses: UserGloss[];
  /** The file has glosses of this article, but for another version of its text. */
  glossesOtherText: boolean;
  /** The file's problems, then the plan's. */
  problems: ImportProblem[];
  /**
   * A native file's articles other than this one (a backup): their records
   * are not planned into this article; the restore (app/backup.ts) takes them.
   */
  otherArticles: number;
  /** Tags that left records without a kind, with how many (for the person to map). */
  tags: { tag: string; count: number }[];
  /** Where the records come from (ParsedFile.source), to remember the mapping by. */
  source: string;
  /**
   * Drawing the article's annotations after this import (the existing ones
   * the plan was given, with what it writes): computed here rather than on
   * the page, where it took one long task at 100,000 annotations.
   */
  drawable: DrawableReport;
}

/** What the worker posts, in this order per request: progress, annotations slices, then result (or error). */
export type ImportWorkerMessage =
  | { type: 'progress'; phase: 'read' | 'parse' | 'plan'; done: number; total: number }
  | { type: 'annotations'; annotations: Annotation[] }
  | { type: 'result'; summary: ImportSummary }
  /** The answer to 'xliff'; `notUtf8At`: where the bytes stop being UTF-8 (null: they are UTF-8). */
  | { type: 'xliff'; result: XliffImport; notUtf8At: number | null }
  /** The answer to 'backup': the file's valid part (null: not a backup) and its problems. */
  | { type: 'backup'; document: NativeExport | null; problems: ImportProblem[] }
  /** The answer to 'tbx'; `notUtf8At` as for 'xliff'. */
  | { type: 'tbx'; result: TbxImport; notUtf8At: number | null }
  | { type: 'error'; detail: string };
