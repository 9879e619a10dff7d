/**
 * The translation-memory worker: the memory's store, its match index and
 * TMX import and export, off the main thread (see tm-protocol.ts). The logic
 * lives below (store/translation-memory, glosses/tm, exchange/tmx), pure and
 * tested there; this shell keeps the index in step with the store.
 */
import { openGlossaDB } from '../store/db';
import { makeTmUnit, TranslationMemoryStore, type TmUnitInput } from '../store/translation-memory';
import { fetchShippedArticle, DEFAULT_ARTICLE_ID } from '../store/articles';
import { segmentSentences } from '../glosses/sentences';
import { TmIndex } from '../glosses/tm/tm-match';
import { parseTmx, toTmx } from '../exchange/tmx';
import { readFileText } from '../exchange/text-checks';
import type { TmUnit } from '../model/translation-memory';
import shippedGlosses from '../../locales/en/article-parler-amazon-fr.json';
import type { TmAnswer, TmMessage, TmRequest, TmRequestBody } from './tm-protocol';

/** The part of the dedicated worker scope used here (the project's lib set has no WebWorker types). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<TmRequest>) => void) | null;
  postMessage(message: TmMessage): void;
}
const scope = self as unknown as WorkerScope;

let store: Promise<TranslationMemoryStore> | null = null;
let index: TmIndex | null = null;
let ids = new Set<string>();

function openStore(): Promise<TranslationMemoryStore> {
  if (!store) {
    const db = openGlossaDB({
      // Another tab wants a newer version: let it go on; the next request reopens.
      onVersionChange: () => {
        void db.then((d) => d.close());
        store = null;
      },
    });
    store = db.then((d) => new TranslationMemoryStore(d));
  }
  return store;
}

async function theIndex(): Promise<TmIndex> {
  if (!index) {
    const units = await (await openStore()).list();
    ids = new Set(units.map((u) => u.id));
    index = new TmIndex(units);
  }
  return index;
}

/** Keeps the index in step with units just stored (or drops it when some were replaced). */
function indexAdded(added: TmUnit[], removed: number): void {
  if (!index) return;
  if (removed > 0) {
    index = null;
    return;
  }
  for (const u of added) {
    if (!ids.has(u.id)) index.add(u);
    ids.add(u.id);
  }
}

async function add(inputs: TmUnitInput[], replaceSentence: boolean) {
  const at = new Date().toISOString();
  const result = await (
    await openStore()
  ).add(
    inputs.map((i) => makeTmUnit(i, at)),
    replaceSentence,
  );
  indexAdded(result.addedUnits, result.removed);
  return result;
}

/** The shipped article's glosses, as units (its sentences segmented as the app does). */
async function shippedUnits(): Promise<TmUnitInput[]> {
  const article = await fetchShippedArticle();
  const glosses = shippedGlosses as Record<string, string>;
  return segmentSentences(article.blocks)
    .filter((s) => typeof glosses[s.id] === 'string')
    .map((s) => ({
      source: s.text,
      target: glosses[s.id]!,
      origin: 'shipped',
      articleId: DEFAULT_ARTICLE_ID,
      sentenceId: s.id,
    }));
}

async function handle(request: TmRequest): Promise<TmAnswer> {
  const body: TmRequestBody = request;
  switch (body.type) {
    case 'init': {
      let seeded = 0;
      if (body.seedShipped) seeded = (await add(await shippedUnits(), false)).added;
      return { type: 'init', count: await (await openStore()).count(), seeded };
    }
    case 'count':
      return { type: 'count', count: await (await openStore()).count() };
    case 'match': {
      const idx = await theIndex();
      const results = body.sentences.map((s) => ({
        sentenceId: s.id,
        matches: idx.match(s.text, { threshold: body.threshold, limit: body.limit }).map((m) => ({
          unitId: m.unit.id,
          source: m.unit.source,
          target: m.unit.target,
          origin: (m.unit as TmUnit).origin,
          percent: m.percent,
          diff: m.diff,
        })),
      }));
      return { type: 'match', results };
    }
    case 'add': {
      const result = await add(body.units, body.replaceSentence);
      return { type: 'add', added: result.added, duplicates: result.duplicates };
    }
    case 'import': {
      const progress = (done: number, total: number) =>
        scope.postMessage({ id: request.id, type: 'progress', done, total });
      progress(0, body.file.size);
      // Strictly first: bytes that are not UTF-8 are reported, not silently replaced.
      const { text, invalidAt } = await readFileText(body.file);
      const parsed = parseTmx(text, { onProgress: progress });
      const refused = parsed.problems.filter(
        (p) => p.severity === 'error' && p.index !== undefined,
      ).length;
      let added = 0;
      let duplicates = 0;
      if (!parsed.fatal && parsed.records.length > 0) {
        // One transaction for the whole file: all of it or, if the store fails, none.
        const result = await add(parsed.records, false);
        added = result.added;
        duplicates = result.duplicates;
      }
      return {
        type: 'import',
        report: {
          read: parsed.units,
          added,
          duplicates,
          refused,
          fatal: parsed.fatal,
          problems: parsed.problems,
          notUtf8At: invalidAt,
        },
        count: await (await openStore()).count(),
      };
    }
    case 'export': {
      const units = await (await openStore()).list();
      units.sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
      const blob = new Blob([toTmx(units, body.toolVersion)], { type: 'application/x-tmx+xml' });
      return { type: 'export', blob, count: units.length };
    }
    case 'clear':
      await (await openStore()).clear();
      index = null;
      return { type: 'clear', count: 0 };
  }
}

// Requests are handled one after the other, so a match sees every earlier write.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(() =>
    handle(request).then(
      (answer) => scope.postMessage({ ...answer, id: request.id }),
      (error: unknown) =>
        scope.postMessage({
          id: request.id,
          type: 'error',
          detail: error instanceof Error ? error.message : String(error),
        }),
    ),
  );
};
