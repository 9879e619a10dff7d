/**
 * Reading an annotation file the user picked: JSON parsing with a clear
 * report when it is not JSON, detection of the format (Glossa native or W3C
 * Web Annotation) and conversion of its records into ImportedAnnotation
 * candidates for planImport(). Pure and synchronous, so that it runs as
 * well in a test as in the import worker (ui/exchange/file-import.worker.ts).
 */
import { hypothesisShape, parseHypothesis, type HypothesisShape } from './hypothesis';
import type { ImportProblem } from './import-plan';
import type { ImportedAnnotation } from './import-plan';
import type { TagMap } from './tag-map';
import { jsonErrorOffset } from './json-locate';
import { isNativeFile, parseNative, type NativeExport } from './native';
import { parseW3C } from './w3c';

/** The formats parseAnnotationFile() reads. */
export type FileFormat = 'glossa' | 'w3c' | HypothesisShape;

/** What a file holds, as far as it could be read. */
export interface ParsedFile {
  /** null when the file is not JSON. */
  format: FileFormat | null;
  /** Annotation candidates, in file order. */
  records: ImportedAnnotation[];
  /** A native file's valid part (articles, glosses, reviews); null for W3C. */
  native: NativeExport | null;
  problems: ImportProblem[];
  /** Tags (normalised; '' for none) that left records without a kind, with how many (tag-map.ts). */
  tags: { tag: string; count: number }[];
  /**
   * Where the records come from, for remembering a tag mapping: the tool
   * that wrote the file (w3c, hypothesis, doccano…). Records whose tags
   * are unknown are dropped before they could name a page, so the page is
   * not part of it.
   */
  source: string;
}

/** Options of parseAnnotationFile(). */
export interface ParseFileOptions {
  /** Called every `chunkSize` records and at the end, while records are converted. */
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
  /** Tags of other tools mapped to kinds (or skip) by the person. */
  tagMap?: TagMap;
}

/** JSON.parse with a structured problem, instead of an exception, for text that is not JSON. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: ImportProblem } {
  // A byte-order mark is common in files saved by Windows editors.
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(clean) as unknown };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      problem: {
        code: 'malformed-json',
        severity: 'error',
        detail,
        ...errorLocation(detail, clean),
      },
    };
  }
}

/**
 * Where JSON.parse stopped, from its message: engines say "line L column C"
 * (Firefox, recent V8), "position N" (V8) or "end of JSON input".
 */
function errorLocation(message: string, text: string): { line?: number; column?: number } {
  const lc = /line (\d+) column (\d+)/i.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/i.exec(message);
  if (pos) return lineColumn(text, Number(pos[1]));
  if (/end of (JSON )?input|unexpected end/i.test(message)) return lineColumn(text, text.length);
  // Recent V8 names no position: find it ourselves.
  const at = jsonErrorOffset(text);
  return at >= 0 ? lineColumn(text, at) : {};
}

/** 1-based line and column of a UTF-16 offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** Parses the text of an annotation file of any format it knows; never throws. */
export function parseAnnotationFile(text: string, options: ParseFileOptions = {}): ParsedFile {
  const json = parseJson(text);
  if (!json.ok)
    return {
      format: null,
      records: [],
      native: null,
      problems: [json.problem],
      tags: [],
      source: 'unknown',
    };
  if (isNativeFile(json.value)) {
    const { document, records, problems } = parseNative(json.value, options);
    return { format: 'glossa', records, native: document, problems, tags: [], source: 'glossa' };
  }
  const hypothesis = hypothesisShape(json.value);
  if (hypothesis) {
    const { records, problems, tags } = parseHypothesis(json.value, options);
    return { format: hypothesis, records, native: null, problems, tags, source: 'hypothesis' };
  }
  const { records, problems, tags } = parseW3C(json.value, options);
  return { format: 'w3c', records, native: null, problems, tags, source: 'w3c' };
}
