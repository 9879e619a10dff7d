/**
 * The import worker: parses (and optionally plans) an annotation file off
 * the main thread, so that a 50 MB file with 100,000 annotations does not
 * freeze the page. A thin shell around handleImportRequest() (parse-file.ts),
 * where the logic lives and is tested.
 *
 * Start it with
 * `new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })`,
 * post an ImportRequest (`{ text }`, plus `plan` to get an ImportPlan too) and
 * listen for ImportMessage: `progress` messages (every 1,000 records, per
 * phase), then one `result` (or `error`).
 */
import { handleImportRequest, type ImportMessage, type ImportRequest } from './parse-file';

export type { ImportMessage, ImportRequest } from './parse-file';

/** The part of the dedicated worker scope used here (the project's lib set has no WebWorker types). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportMessage): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  handleImportRequest(event.data, (message) => scope.postMessage(message));
};
