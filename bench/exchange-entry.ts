/**
 * The exchange benchmark, bundled by bench/vite.exchange.config.ts and run in
 * the same Chromium as the app: W3C export (toW3C, then JSON.stringify, as a
 * download writes it) and import (the import worker's job: JSON.parse and
 * parseW3C through parseAnnotationFile, then planImport into the article).
 * Each repetition runs on the main thread; the times are in milliseconds.
 */
import { toW3C } from '../src/exchange/w3c';
import { parseAnnotationFile } from '../src/exchange/parse-file';
import { planImport } from '../src/exchange/import-plan';
import type { Annotation } from '../src/model/annotation';
import type { Article } from '../src/model/article';

export interface ExchangeRun {
  toW3C: number;
  stringify: number;
  /** Not part of `export`: JSON.stringify without indentation, for comparison. */
  stringifyCompact: number;
  export: number;
  parse: number;
  /** Of `parse`: JSON.parse alone (timed separately, on the same text). */
  jsonParse: number;
  plan: number;
  import: number;
  bytes: number;
  records: number;
  written: number;
}

export function runExchange(
  article: Article,
  annotations: Annotation[],
  reps: number,
): ExchangeRun[] {
  const runs: ExchangeRun[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const collection = toW3C(article, annotations);
    const t1 = performance.now();
    const text = JSON.stringify(collection, null, 2);
    const t2 = performance.now();
    const file = parseAnnotationFile(text);
    const t3 = performance.now();
    const plan = planImport(file.records, {
      article,
      existing: [],
      onExisting: 'skip',
      now: '2026-01-01T00:00:00.000Z',
    });
    const t4 = performance.now();
    JSON.parse(text);
    const t5 = performance.now();
    JSON.stringify(collection);
    const t6 = performance.now();
    runs.push({
      toW3C: t1 - t0,
      stringify: t2 - t1,
      stringifyCompact: t6 - t5,
      export: t2 - t0,
      parse: t3 - t2,
      jsonParse: t5 - t4,
      plan: t4 - t3,
      import: t4 - t2,
      bytes: text.length,
      records: file.records.length,
      written: plan.toWrite.length,
    });
  }
  return runs;
}

/** A W3C export of `annotations` as the export menu writes it: the file the import benchmark picks. */
export function w3cText(article: Article, annotations: Annotation[]): string {
  return JSON.stringify(toW3C(article, annotations), null, 2);
}
