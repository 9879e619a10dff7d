/**
 * Reading an annotation file the user picked: JSON parsing with a clear
 * report when it is not JSON, detection of the format (Glossa native or W3C
 * Web Annotation) and conversion of its records into ImportedAnnotation
 * candidates for planImport(). Pure and synchronous, so that it runs as
 * well in a test as in the import worker (ui/exchange/file-import.worker.ts).
 */
import { hypothesisShape, parseHypothesis, type HypothesisShape } from './hypothesis';
import type { ImportProblem } from './import-plan';
import type { ImportedAnnotation, ImportedLink } from './import-plan';
import type { TagMap } from './tag-map';
import { parseJson } from './parse-json';
import { parseBrat } from './nlp/brat';
import { detectJsonl, parseJsonlSpans } from './nlp/jsonl-spans';
import { isLabelStudio, parseLabelStudio } from './nlp/label-studio';
import type { SpanParseResult } from './nlp/spans';
import { isNativeFile, parseNative, type NativeExport } from './native';
import { parseW3C } from './w3c';

/** The formats parseAnnotationFile() reads. */
export type FileFormat =
  'glossa' | 'w3c' | HypothesisShape | 'jsonl' | 'doccano' | 'labelStudio' | 'brat';

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
  /** Links between the file's records (brat R lines), to resolve with planLinks(). */
  links?: ImportedLink[];
}

/** Options of parseAnnotationFile(). */
export interface ParseFileOptions {
  /** Called every `chunkSize` records and at the end, while records are converted. */
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
  /** Tags of other tools mapped to kinds (or skip) by the person. */
  tagMap?: TagMap;
  /** The file's name: `.ann` is brat, `.jsonl` a JSON Lines file. */
  fileName?: string;
  /** For brat: the text of the `.txt` picked beside the `.ann`. */
  companionText?: string;
  /** The article's canonical text (NLP files equal to it keep their offsets). */
  articleText?: string;
}

export { parseJson } from './parse-json';

/** Parses the text of an annotation file of any format it knows; never throws. */
export function parseAnnotationFile(text: string, options: ParseFileOptions = {}): ParsedFile {
  const name = options.fileName?.toLowerCase() ?? '';
  const spanOptions = {
    ...(options.tagMap ? { tagMap: options.tagMap } : {}),
    ...(options.articleText !== undefined ? { articleText: options.articleText } : {}),
  };
  const spans = (format: FileFormat, result: SpanParseResult): ParsedFile => ({
    format,
    records: result.records,
    native: null,
    problems: result.problems,
    tags: result.tags,
    source: format,
  });
  if (name.endsWith('.ann')) {
    const brat = parseBrat(text, options.companionText, {
      ...spanOptions,
      name: options.fileName ?? 'ann',
    });
    return { ...spans('brat', brat), links: brat.links };
  }
  const jsonl = detectJsonl(text);
  if (
    name.endsWith('.jsonl') ||
    name.endsWith('.ndjson') ||
    (jsonl && text.trim().includes('\n'))
  ) {
    return spans(jsonl ?? 'jsonl', parseJsonlSpans(text, spanOptions));
  }
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
  if (isLabelStudio(json.value))
    return spans('labelStudio', parseLabelStudio(json.value, spanOptions));
  if (!Array.isArray(json.value) && jsonl) return spans(jsonl, parseJsonlSpans(text, spanOptions));
  const hypothesis = hypothesisShape(json.value);
  if (hypothesis) {
    const { records, problems, tags } = parseHypothesis(json.value, options);
    return { format: hypothesis, records, native: null, problems, tags, source: 'hypothesis' };
  }
  if (!looksLikeW3C(json.value)) {
    return {
      format: null,
      records: [],
      native: null,
      problems: [
        {
          code: 'unknown-format',
          severity: 'error',
          path: '',
          detail:
            'JSON, but not Glossa, W3C Web Annotation, Hypothesis, doccano, Label Studio or brat',
        },
      ],
      tags: [],
      source: 'unknown',
    };
  }
  const { records, problems, tags } = parseW3C(json.value, options);
  return { format: 'w3c', records, native: null, problems, tags, source: 'w3c' };
}

/**
 * Does this JSON mean to be W3C Web Annotation (so that its problems are
 * reported as W3C's), rather than some other JSON? A context, a W3C type,
 * a target or a page's items, on it or on the first element of an array.
 */
function looksLikeW3C(value: unknown): boolean {
  const one = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof one !== 'object' || one === null || Array.isArray(one)) return false;
  const o = one as Record<string, unknown>;
  const types = ([] as unknown[]).concat(o.type ?? [], o['@type'] ?? []);
  return (
    '@context' in o ||
    'target' in o ||
    'items' in o ||
    'first' in o ||
    types.some(
      (t) =>
        typeof t === 'string' &&
        /^(Annotation|AnnotationCollection|AnnotationPage|oa:Annotation)$/.test(t),
    )
  );
}
