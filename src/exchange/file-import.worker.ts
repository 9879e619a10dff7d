/**
 * The import worker behind the import dialog: reads the picked File, parses
 * it (parseAnnotationFile) and plans it into the open article (planImport),
 * all off the main thread, posting progress as it goes. The logic is that
 * of src/exchange (pure and tested there); this shell adds what keeps a big
 * file cheap for the page — see import-protocol.ts.
 */
import { canonicalText } from '../model/article';
import type { Annotation } from '../model/annotation';
import type { Article } from '../model/article';
import { planImport, planLinks, type OnExisting } from './import-plan';
import { exceedsDrawable } from '../model/highlight-stacks';
import { parseAnnotationFile, type ParsedFile } from './parse-file';
import { parseXliff } from './xliff';
import { parseJson } from './parse-json';
import { parseNative } from './native';
import { parseTbx } from './tbx';
import type { TagMap } from './tag-map';
import type { ImportProblem } from './import-plan';
import { readFileText, type DecodedFile } from './text-checks';
import {
  CHUNK_SIZE,
  type ImportSummary,
  type ImportWorkerMessage,
  type ImportWorkerRequest,
} from './import-protocol';

/** The part of the dedicated worker scope used here (the project's lib set has no WebWorker types). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(message: ImportWorkerMessage): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: ImportWorkerMessage) => scope.postMessage(message);

/** The file of the last 'open', kept for re-planning (its text, to parse again with another tag map). */
let opened: {
  text: string;
  companion?: string;
  fileName: string;
  parsed: ParsedFile;
  article: Article;
  tagMap: string;
  /** The file's bytes were not UTF-8 (a warning, shown first). */
  textProblems: ImportProblem[];
} | null = null;

/** The warning for a file, or its companion, whose bytes are not UTF-8. */
function utf8Problems(decoded: DecodedFile | undefined, fileName: string): ImportProblem[] {
  if (decoded?.invalidAt == null) return [];
  return [
    {
      code: 'invalid-utf8',
      severity: 'warning',
      byte: decoded.invalidAt,
      path: fileName,
      detail: `not UTF-8 at byte ${decoded.invalidAt}; read with replacement characters`,
    },
  ];
}

function parse(
  text: string,
  tagMap: TagMap | undefined,
  file: { fileName: string; companion?: string; article: Article },
): ParsedFile {
  return parseAnnotationFile(text, {
    ...(tagMap ? { tagMap } : {}),
    fileName: file.fileName,
    ...(file.companion !== undefined ? { companionText: file.companion } : {}),
    articleText: canonicalText(file.article.blocks),
    onProgress: (done, total) => post({ type: 'progress', phase: 'parse', done, total }),
  });
}

function plan(existing: Annotation[], onExisting: OnExisting): void {
  if (!opened) throw new Error('no file has been read');
  const { parsed, article } = opened;
  // A native file names each record's article: only this article's are
  // planned here; the others are a backup's, restored from the library.
  const records =
    parsed.format === 'glossa'
      ? parsed.records.filter((r) => r.articleId === article.id)
      : parsed.records;
  const otherArticles =
    parsed.native?.articles.filter((e) => e.article.id !== article.id).length ?? 0;
  const result = planImport(records, {
    article,
    existing,
    onExisting,
    onProgress: (done, total) => post({ type: 'progress', phase: 'plan', done, total }),
  });
  const after = new Map(existing.map((a) => [a.id, a]));
  for (const a of result.toWrite) after.set(a.id, a);
  const spans: { from: number; to: number }[] = [];
  for (const a of after.values()) if (!a.orphaned) spans.push({ from: a.start, to: a.end });
  const drawable = exceedsDrawable(spans);
  const relations = planLinks(parsed.links ?? [], records, result, { articleId: article.id });
  for (let i = 0; i < result.toWrite.length; i += CHUNK_SIZE) {
    post({ type: 'annotations', annotations: result.toWrite.slice(i, i + CHUNK_SIZE) });
  }
  const entry = parsed.native?.articles.find((e) => e.article.id === article.id);
  // Sentence ids follow the text: glosses of another version would land on other sentences.
  const sameText =
    entry !== undefined && canonicalText(entry.article.blocks) === canonicalText(article.blocks);
  const summary: ImportSummary = {
    format: parsed.format,
    records: records.length,
    anchored: result.anchored.length,
    moved: result.moved.length,
    orphaned: result.orphaned.length,
    skipped: result.skipped.length,
    replaced: result.replaced,
    reviews: result.reviews,
    relations,
    glosses: sameText ? entry.glosses : [],
    glossesOtherText: entry !== undefined && entry.glosses.length > 0 && !sameText,
    problems: [...opened.textProblems, ...parsed.problems, ...result.problems],
    otherArticles,
    tags: parsed.tags,
    source: parsed.source,
    drawable,
  };
  post({ type: 'result', summary });
}

async function handle(request: ImportWorkerRequest): Promise<void> {
  if (request.type === 'backup') {
    post({ type: 'progress', phase: 'read', done: 0, total: 0 });
    const decoded = await readFileText(request.file);
    const problems = utf8Problems(decoded, 'backup');
    const json = parseJson(decoded.text);
    if (!json.ok)
      return post({ type: 'backup', document: null, problems: [...problems, json.problem] });
    const parsed = parseNative(json.value);
    post({
      type: 'backup',
      document: parsed.document,
      problems: [...problems, ...parsed.problems],
    });
    return;
  }
  if (request.type === 'xliff') {
    post({ type: 'progress', phase: 'read', done: 0, total: 0 });
    const { text, invalidAt } = await readFileText(request.file);
    const reviews = new Map(request.reviews.map((r) => [r.annotationId, r]));
    const result = parseXliff(text, request.article, request.quotes, reviews, undefined, {
      onProgress: (done, total) => post({ type: 'progress', phase: 'parse', done, total }),
    });
    post({ type: 'xliff', result, notUtf8At: invalidAt });
    return;
  }
  if (request.type === 'tbx') {
    post({ type: 'progress', phase: 'read', done: 0, total: 0 });
    // Decoded strictly first: bytes that are not UTF-8 are said, not silently replaced.
    const { text, invalidAt } = await readFileText(request.file);
    const result = parseTbx(text, {
      onProgress: (done, total) => post({ type: 'progress', phase: 'parse', done, total }),
    });
    post({ type: 'tbx', result, notUtf8At: invalidAt });
    return;
  }
  if (request.type === 'open') {
    post({ type: 'progress', phase: 'read', done: 0, total: 0 });
    // Decoded strictly first: bytes that are not UTF-8 are said, not silently replaced.
    const decoded = await readFileText(request.file);
    const decodedCompanion = request.companion ? await readFileText(request.companion) : undefined;
    const text = decoded.text;
    const companion = decodedCompanion?.text;
    const file = {
      fileName: request.fileName,
      article: request.article,
      ...(companion !== undefined ? { companion } : {}),
    };
    const parsed = parse(text, request.tagMap, file);
    const textProblems = [
      ...utf8Problems(decoded, request.fileName),
      ...utf8Problems(decodedCompanion, request.companion ? 'txt' : ''),
    ];
    opened = { text, ...file, parsed, tagMap: JSON.stringify(request.tagMap ?? {}), textProblems };
  } else if (opened && JSON.stringify(request.tagMap ?? {}) !== opened.tagMap) {
    opened.parsed = parse(opened.text, request.tagMap, opened);
    opened.tagMap = JSON.stringify(request.tagMap ?? {});
  }
  plan(request.existing, request.onExisting);
}

// Requests are handled one after the other (an 'open' awaits the file).
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(() =>
    handle(request).catch((error: unknown) => {
      // Not expected (the parsers report instead of throwing), but a worker
      // that dies silently would leave the dialog waiting forever.
      post({ type: 'error', detail: error instanceof Error ? error.message : String(error) });
    }),
  );
};
