/**
 * The main thread's side of the import worker (file-import.worker.ts): one
 * worker per import, requests answered in order, the annotations slices put
 * back together. Vite bundles the worker from the `new URL(…)` below; the
 * CSP allows it (worker-src 'self').
 */
import importWorkerUrl from './file-import.worker.ts?worker&url';
import { startWorker } from '../dom/trusted-types';
import type { TagMap } from './tag-map';
import type { Annotation } from '../model/annotation';
import type { Article } from '../model/article';
import type { OnExisting } from './import-plan';
import type { ImportSummary, ImportWorkerMessage, ImportWorkerRequest } from './import-protocol';
import type { Review } from '../model/review';
import type { XliffImport } from './xliff';
import type { NativeExport } from './native';
import type { TbxImport } from './tbx';
import type { ImportProblem } from './import-plan';

/** A plan as the dialog uses it: the summary and every annotation to write. */
export interface ImportOutcome extends ImportSummary {
  toWrite: Annotation[];
}

export type ProgressListener = (
  phase: 'read' | 'parse' | 'plan',
  done: number,
  total: number,
) => void;

export interface ImportClient {
  /** Reads, parses and plans `file` into `article`. */
  open(
    file: File,
    article: Article,
    existing: Annotation[],
    onExisting: OnExisting,
    onProgress: ProgressListener,
    companion?: File,
  ): Promise<ImportOutcome>;
  /** Plans the opened file again (another choice for ids already present, or new existing ones). */
  plan(
    existing: Annotation[],
    onExisting: OnExisting,
    onProgress: ProgressListener,
    tagMap?: TagMap,
  ): Promise<ImportOutcome>;
  /** Stops the worker; pending requests never settle. */
  terminate(): void;
}

interface Pending {
  toWrite: Annotation[];
  onProgress: ProgressListener;
  resolve(outcome: ImportOutcome): void;
  reject(error: Error): void;
}

export function createImportClient(): ImportClient {
  const worker = startWorker(importWorkerUrl);
  // The worker answers requests in the order they were made.
  const pending: Pending[] = [];

  function failAll(error: Error): void {
    worker.terminate();
    for (const p of pending.splice(0)) p.reject(error);
  }

  worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
    const message = event.data;
    const head = pending[0];
    if (!head) return;
    switch (message.type) {
      case 'progress':
        head.onProgress(message.phase, message.done, message.total);
        break;
      case 'annotations':
        for (const a of message.annotations) head.toWrite.push(a);
        break;
      case 'result':
        pending.shift();
        head.resolve({ ...message.summary, toWrite: head.toWrite });
        break;
      case 'error':
        pending.shift();
        head.reject(new Error(message.detail));
        break;
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(event.message || 'the import worker failed'));
  };
  worker.onmessageerror = () => failAll(new Error('unreadable message from the import worker'));

  function send(request: ImportWorkerRequest, onProgress: ProgressListener) {
    return new Promise<ImportOutcome>((resolve, reject) => {
      pending.push({ toWrite: [], onProgress, resolve, reject });
      worker.postMessage(request);
    });
  }

  return {
    open: (file, article, existing, onExisting, onProgress, companion) =>
      send(
        {
          type: 'open',
          file,
          fileName: file.name,
          ...(companion ? { companion } : {}),
          article,
          existing,
          onExisting,
        },
        onProgress,
      ),
    plan: (existing, onExisting, onProgress, tagMap) =>
      send({ type: 'plan', existing, onExisting, ...(tagMap ? { tagMap } : {}) }, onProgress),
    terminate: () => worker.terminate(),
  };
}

/**
 * Sends one request to an import worker of its own, stopped when it
 * answers: the message of type `answer`, or an error.
 */
function askWorker<K extends ImportWorkerMessage['type']>(
  request: ImportWorkerRequest,
  answer: K,
): Promise<Extract<ImportWorkerMessage, { type: K }>> {
  const worker = startWorker(importWorkerUrl);
  return new Promise<Extract<ImportWorkerMessage, { type: K }>>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
      const message = event.data;
      if (message.type === answer) resolve(message as Extract<ImportWorkerMessage, { type: K }>);
      else if (message.type === 'error') reject(new Error(message.detail));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'the import worker failed'));
    };
    worker.onmessageerror = () => reject(new Error('unreadable message from the import worker'));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/**
 * Reads and parses an XLIFF file of `article`'s quote translations in the
 * import worker: a big file is parsed off the main thread, which only
 * applies the updates.
 */
export async function parseXliffInWorker(
  file: Blob,
  article: Article,
  quotes: Annotation[],
  reviews: Review[],
): Promise<XliffImport & { notUtf8At: number | null }> {
  const message = await askWorker({ type: 'xliff', file, article, quotes, reviews }, 'xliff');
  return { ...message.result, notUtf8At: message.notUtf8At };
}

/**
 * Reads, parses and checks a native backup in the import worker: only the
 * restore's one-transaction write is left to the page.
 */
export async function readBackupInWorker(
  file: Blob,
): Promise<{ document: NativeExport | null; problems: ImportProblem[] }> {
  const { document, problems } = await askWorker({ type: 'backup', file }, 'backup');
  return { document, problems };
}

/**
 * Reads and parses a TBX file in the import worker: the termbase import
 * parses no XML on the page, which only stores the records.
 */
export async function parseTbxInWorker(
  file: Blob,
): Promise<TbxImport & { notUtf8At: number | null }> {
  const message = await askWorker({ type: 'tbx', file }, 'tbx');
  return { ...message.result, notUtf8At: message.notUtf8At };
}
