/**
 * The page's side of the translation-memory worker: one worker per page,
 * started on first use (the annotate screen's first match, a gloss written,
 * the dialog), so nothing of the memory is on the start-up path.
 */
import tmWorkerUrl from './tm.worker.ts?worker&url';
import { startWorker } from '../dom/trusted-types';
import type { TmUnitInput } from '../store/translation-memory';
import type {
  TmAnswer,
  TmImportReport,
  TmMessage,
  TmRequestBody,
  SentenceMatches,
} from './tm-protocol';

const SHIPPED_SEEDED_KEY = 'glossa:tm-shipped-v1';
const THRESHOLD_KEY = 'glossa:tm-threshold';
export const DEFAULT_TM_THRESHOLD = 75;
/** Sentences per match message (see `match`). */
const MATCH_CHUNK = 50;

export interface TmClient {
  count(): Promise<number>;
  match(
    sentences: { id: string; text: string }[],
    threshold?: number,
    limit?: number,
  ): Promise<SentenceMatches[]>;
  add(
    units: TmUnitInput[],
    replaceSentence?: boolean,
  ): Promise<{ added: number; duplicates: number }>;
  importTmx(
    file: Blob,
    onProgress: (done: number, total: number) => void,
  ): Promise<{ report: TmImportReport; count: number }>;
  exportTmx(toolVersion: string): Promise<{ blob: Blob; count: number }>;
  clear(): Promise<void>;
}

interface Pending {
  resolve(answer: TmAnswer): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

function shippedSeeded(): boolean {
  try {
    return localStorage.getItem(SHIPPED_SEEDED_KEY) === 'yes';
  } catch {
    return false;
  }
}

/** The remembered match threshold, 50–100 (default 75). */
export function storedThreshold(): number {
  try {
    const n = Number(localStorage.getItem(THRESHOLD_KEY));
    return Number.isInteger(n) && n >= 50 && n <= 100 ? n : DEFAULT_TM_THRESHOLD;
  } catch {
    return DEFAULT_TM_THRESHOLD;
  }
}

export function rememberThreshold(value: number): void {
  try {
    localStorage.setItem(THRESHOLD_KEY, String(value));
  } catch {
    // Used, not remembered.
  }
}

let client: TmClient | null = null;

/** The page's TM client (the worker starts on the first call). */
export function tmClient(): TmClient {
  client ??= createTmClient();
  return client;
}

function createTmClient(): TmClient {
  const worker = startWorker(tmWorkerUrl);
  const pending = new Map<number, Pending>();
  let next = 1;

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<TmMessage>) => {
    const message = event.data;
    const p = pending.get(message.id);
    if (!p) return;
    if (message.type === 'progress') {
      p.onProgress?.(message.done, message.total);
      return;
    }
    pending.delete(message.id);
    if (message.type === 'error') p.reject(new Error(message.detail));
    else p.resolve(message);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(event.message || 'the translation memory worker failed'));
  };

  function send<T extends TmAnswer['type']>(
    body: TmRequestBody & { type: T },
    onProgress?: (done: number, total: number) => void,
  ): Promise<Extract<TmAnswer, { type: T }>> {
    return new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (a: TmAnswer) => void, reject, onProgress });
      worker.postMessage({ ...body, id });
    });
  }

  // The shipped glosses enter the memory once per browser profile.
  const ready = send({ type: 'init', seedShipped: !shippedSeeded() }).then(() => {
    try {
      localStorage.setItem(SHIPPED_SEEDED_KEY, 'yes');
    } catch {
      // Seeded again next time: harmless, the units dedupe.
    }
  });
  const after = <T>(run: () => Promise<T>) => ready.catch(() => undefined).then(run);

  return {
    count: () => after(() => send({ type: 'count' })).then((a) => a.count),
    match: async (sentences, threshold = storedThreshold(), limit = 3) => {
      // In messages of MATCH_CHUNK sentences: each answer is then a short
      // task for the page to receive (a whole article at once took ~80 ms).
      const parts = [];
      for (let i = 0; i < sentences.length; i += MATCH_CHUNK) {
        const chunk = sentences.slice(i, i + MATCH_CHUNK);
        parts.push(after(() => send({ type: 'match', sentences: chunk, threshold, limit })));
      }
      return (await Promise.all(parts)).flatMap((a) => a.results);
    },
    add: (units, replaceSentence = false) =>
      after(() => send({ type: 'add', units, replaceSentence })),
    importTmx: (file, onProgress) => after(() => send({ type: 'import', file }, onProgress)),
    exportTmx: (toolVersion) => after(() => send({ type: 'export', toolVersion })),
    clear: () => after(() => send({ type: 'clear' })).then(() => undefined),
  };
}

/**
 * An approved quote translation, into the memory (origin 'review'). For the
 * review screen, which loads this module only when a quote is approved.
 */
export function rememberApproved(source: string, target: string, articleId: string): void {
  if (!source.trim() || !target.trim()) return;
  tmClient()
    .add([{ source, target, origin: 'review', articleId }])
    .catch(() => undefined);
}
