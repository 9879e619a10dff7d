/**
 * JSONL export for NLP tools (spaCy, doccano, Prodigy-style pipelines): one
 * line per article,
 *
 *     {"text": "<canonical text>", "spans": [{"start": 0, "end": 6, "label": "claim"}]}
 *
 * Offsets are Unicode code points, end exclusive — the same numbers as the
 * W3C TextPositionSelector and Glossa's own offsets. That is what Python
 * users need: Python `str` indices count code points, so
 * `text[span["start"]:span["end"]]` is the annotated text even when the
 * article holds emoji. (JavaScript's `String.prototype.slice` counts UTF-16
 * units and would be off by one per astral character before the span.)
 *
 * Labels are the kinds: claim, quote, event. Spans come in document order;
 * orphaned annotations are left out, having no place in the text. Articles
 * come in the order given, annotations of other articles are ignored.
 */
import { compareAnnotations, type Annotation, type AnnotationKind } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';

/** One span of a JSONL line. */
export interface JsonlSpan {
  start: number;
  end: number;
  label: AnnotationKind;
}

/** One JSONL line, before serialisation. */
export interface JsonlLine {
  text: string;
  spans: JsonlSpan[];
}

/** One article and its annotations. */
export interface JsonlEntry {
  article: Article;
  annotations: readonly Annotation[];
}

/** The line object for one article. */
export function toJsonlLine(entry: JsonlEntry): JsonlLine {
  const spans = entry.annotations
    .filter((a) => !a.orphaned && a.articleId === entry.article.id)
    .sort(compareAnnotations)
    .map((a) => ({ start: a.start, end: a.end, label: a.kind }));
  return { text: canonicalText(entry.article.blocks), spans };
}

/** The JSONL file: one line per article, each ending with "\n". */
export function toJsonl(entries: readonly JsonlEntry[]): string {
  return entries.map((e) => `${stringifyLine(toJsonlLine(e))}\n`).join('');
}

/**
 * JSON on one line. JSON.stringify escapes "\n" and "\r" but not U+2028 and
 * U+2029, which Python's str.splitlines() treats as line breaks: escape them
 * too (still valid JSON, same string once parsed).
 */
function stringifyLine(line: object): string {
  return JSON.stringify(line).replace(/[\u2028\u2029]/g, (c) =>
    c === '\u2028' ? '\\u2028' : '\\u2029',
  );
}

/**
 * doccano's sequence-labelling JSONL (its import reads `text` and `label`
 * as `[[start, end, "LABEL"]]`, code points): one line per article.
 */
export function toDoccano(entries: readonly JsonlEntry[]): string {
  return entries
    .map((e) => {
      const line = toJsonlLine(e);
      return `${stringifyLine({ text: line.text, label: line.spans.map((s) => [s.start, s.end, s.label]) })}\n`;
    })
    .join('');
}
