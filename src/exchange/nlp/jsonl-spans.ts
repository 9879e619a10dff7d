/**
 * JSON Lines of texts with spans, one document per line:
 *
 * - Glossa's own (jsonl.ts): `{ "text", "spans": [{ "start", "end", "label" }] }`
 * - doccano's sequence labelling export, older shape:
 *   `{ "text", "label": [[start, end, "LABEL"], …] }`
 * - doccano's newer shape: `{ "text", "entities": [{ "id", "start_offset",
 *   "end_offset", "label" }], "relations": [...] }` (relations reported)
 *
 * Offsets are code points (Python `str` indices). A line that is not JSON
 * is reported with its line and column and the other lines are kept.
 */
import { isObject } from '../json-guards';
import { parseJson } from '../parse-json';
import { SpanCollector, type SpanParseOptions, type SpanParseResult } from './spans';

export type JsonlFormat = 'jsonl' | 'doccano';

/** Which of the JSONL shapes a line object is, if any. */
function lineFormat(line: Record<string, unknown>): JsonlFormat | null {
  if (typeof line.text !== 'string') return null;
  if (Array.isArray(line.spans)) return 'jsonl';
  if (Array.isArray(line.label) || Array.isArray(line.entities)) return 'doccano';
  return null;
}

/**
 * The format of a JSONL text, from its first non-empty line among the first
 * 20 that is a span document. The lines are found one by one, not by
 * splitting the text: every JSON file goes through here, and splitting a
 * 95 MB W3C export (pretty-printed, millions of lines) took 0.75 s of the
 * import worker for the 20 it looks at (issue 20, bench/README.md).
 */
export function detectJsonl(text: string): JsonlFormat | null {
  let start = 0;
  for (let line = 0; line < 20 && start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const raw = text.slice(start, end);
    start = end + 1;
    if (raw.trim() === '') {
      if (newline === -1) break;
      continue;
    }
    // Only an object can be a span document: anything else is not parsed at all.
    if (raw.trimStart()[0] !== '{') return null;
    const json = parseJson(raw);
    if (!json.ok || !isObject(json.value)) return null;
    return lineFormat(json.value);
  }
  return null;
}

export function parseJsonlSpans(text: string, options: SpanParseOptions = {}): SpanParseResult {
  const format = detectJsonl(text) ?? 'jsonl';
  const spans = new SpanCollector(format, options);
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n');
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const path = `line ${lineNo}`;
    if (raw.trim() === '') return;
    const json = parseJson(raw);
    if (!json.ok) {
      spans.fileProblem('malformed-json', path, json.problem.detail, {
        line: lineNo,
        ...(json.problem.column !== undefined ? { column: json.problem.column } : {}),
      });
      return;
    }
    const line = json.value;
    if (!isObject(line) || typeof line.text !== 'string') {
      spans.fileProblem('wrong-shape', path, 'a line is an object with a "text" string', {
        line: lineNo,
        column: 1,
      });
      return;
    }
    const doc = spans.document(
      line.text,
      typeof line.id === 'string' || typeof line.id === 'number' ? String(line.id) : String(lineNo),
    );
    if (Array.isArray(line.spans)) {
      line.spans.forEach((s: unknown, k) => {
        const at = `${path}: spans[${k}]`;
        if (!isObject(s))
          return spans.fileProblem('wrong-shape', at, 'a span is an object', {
            line: lineNo,
            column: 1,
          });
        spans.span(doc, { start: s.start, end: s.end, labels: [s.label], path: at, line: lineNo });
      });
    } else if (Array.isArray(line.label)) {
      line.label.forEach((s: unknown, k) => {
        const at = `${path}: label[${k}]`;
        if (!Array.isArray(s) || s.length < 3)
          return spans.fileProblem('wrong-shape', at, 'a label is [start, end, "LABEL"]', {
            line: lineNo,
            column: 1,
          });
        spans.span(doc, { start: s[0], end: s[1], labels: [s[2]], path: at, line: lineNo });
      });
    } else if (Array.isArray(line.entities)) {
      line.entities.forEach((s: unknown, k) => {
        const at = `${path}: entities[${k}]`;
        if (!isObject(s))
          return spans.fileProblem('wrong-shape', at, 'an entity is an object', {
            line: lineNo,
            column: 1,
          });
        spans.span(doc, {
          start: s.start_offset,
          end: s.end_offset,
          labels: [s.label],
          path: at,
          line: lineNo,
          ...(typeof s.id === 'string' || typeof s.id === 'number'
            ? { sourceId: String(s.id) }
            : {}),
        });
      });
      if (Array.isArray(line.relations) && line.relations.length > 0) {
        spans.fileProblem(
          'unsupported-record',
          `${path}: relations`,
          `${line.relations.length} relations left out`,
          { line: lineNo, column: 1 },
          'warning',
        );
      }
    } else {
      spans.fileProblem('wrong-shape', path, 'no "spans", "label" or "entities" list', {
        line: lineNo,
        column: 1,
      });
    }
  });
  return spans.result();
}
