/**
 * Label Studio's JSON export of a text NER project: an array of tasks,
 *
 *     [{ "id", "data": { "text" }, "annotations": [{ "id", "result": [
 *        { "id", "type": "labels", "from_name", "to_name",
 *          "value": { "start", "end", "text", "labels": ["LABEL"] } } ] }] }]
 *
 * (Label Studio docs, "Export annotations", JSON; `value.start/end` are
 * Python string offsets, i.e. code points). Every completed annotation of
 * a task is read; `predictions` (model guesses) are not. Results of other
 * types (choices, relations, textarea) are reported and left out.
 */
import { isObject } from '../json-guards';
import { SpanCollector, type SpanParseOptions, type SpanParseResult } from './spans';

/** Is this parsed JSON a Label Studio export (an array of tasks with data and annotations)? */
export function isLabelStudio(json: unknown): boolean {
  return (
    Array.isArray(json) &&
    json.length > 0 &&
    isObject(json[0]) &&
    isObject(json[0].data) &&
    Array.isArray(json[0].annotations)
  );
}

export function parseLabelStudio(json: unknown, options: SpanParseOptions = {}): SpanParseResult {
  const spans = new SpanCollector('label-studio', options);
  if (!Array.isArray(json)) {
    spans.fileProblem('wrong-shape', '', 'a Label Studio export is an array of tasks');
    return spans.result();
  }
  json.forEach((task: unknown, i) => {
    const path = `[${i}]`;
    if (!isObject(task) || !isObject(task.data)) {
      spans.fileProblem('wrong-shape', path, 'a task is an object with "data"');
      return;
    }
    const text = Object.values(task.data).find((v) => typeof v === 'string');
    if (typeof task.data.text !== 'string' && text === undefined) {
      spans.fileProblem('wrong-shape', `${path}.data.text`, 'the task has no text');
      return;
    }
    const docText = typeof task.data.text === 'string' ? task.data.text : (text as string);
    const doc = spans.document(
      docText,
      typeof task.id === 'number' || typeof task.id === 'string' ? String(task.id) : String(i),
    );
    if (!Array.isArray(task.annotations)) {
      spans.fileProblem('wrong-shape', `${path}.annotations`, 'annotations must be an array');
      return;
    }
    task.annotations.forEach((annotation: unknown, j) => {
      const aPath = `${path}.annotations[${j}]`;
      if (!isObject(annotation) || !Array.isArray(annotation.result)) {
        spans.fileProblem('wrong-shape', `${aPath}.result`, 'result must be an array');
        return;
      }
      if (annotation.was_cancelled === true) return;
      annotation.result.forEach((r: unknown, k) => {
        const at = `${aPath}.result[${k}]`;
        if (!isObject(r) || !isObject(r.value)) {
          spans.fileProblem('wrong-shape', at, 'a result is an object with "value"');
          return;
        }
        const labels = r.value.labels ?? r.value.hypertextlabels;
        if (!Array.isArray(labels)) {
          spans.fileProblem(
            'unsupported-record',
            at,
            `a result of type ${JSON.stringify(r.type)}: left out`,
            {},
            'warning',
          );
          return;
        }
        spans.span(doc, {
          start: r.value.start,
          end: r.value.end,
          labels,
          path: `${at}.value`,
          ...(typeof r.id === 'string' ? { sourceId: `${j}:${r.id}` } : {}),
          ...(typeof r.value.text === 'string' ? { text: r.value.text } : {}),
        });
      });
    });
  });
  return spans.result();
}
