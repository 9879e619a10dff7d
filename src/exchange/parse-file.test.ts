/**
 * parseAnnotationFile(): malformed JSON, format detection, and the import
 * pipeline the worker runs (parse, then plan, with progress) on a file of
 * 100,000 annotations.
 */
import { describe as suite, expect, it } from 'vitest';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { toNative } from './native';
import { planImport } from './import-plan';
import { parseAnnotationFile, parseJson } from './parse-file';
import { toW3C } from './w3c';

const article = articleJson as Article;
const index = new CodePointIndex(canonicalText(article.blocks));

function annotation(n: number): Annotation {
  const start = (n * 7) % (index.length - 60);
  const end = start + 20 + (n % 40);
  const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  return {
    id,
    articleId: article.id,
    kind: (['claim', 'quote', 'event'] as const)[n % 3]!,
    start,
    end,
    ...describe(index, start, end),
    note: `note ${n}`,
    fields: {},
    created: '2021-03-03T10:00:00.000Z',
    modified: '2021-03-03T10:00:00.000Z',
  };
}

suite('parseJson', () => {
  it('reports malformed JSON with the parser message and where it stopped', () => {
    const r = parseJson('{\n  "type": "Annotation",,\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatchObject({
        code: 'malformed-json',
        severity: 'error',
        line: 2,
        column: 24,
      });
      expect(r.problem.detail).toMatch(/JSON/);
    }
    const cut = parseJson('[{"a": 1}');
    expect(cut.ok || cut.problem).toMatchObject({ code: 'malformed-json', line: 1, column: 10 });
    expect(parseJson('').ok).toBe(false);
  });

  it('accepts a byte-order mark', () => {
    expect(parseJson('\uFEFF[1]')).toEqual({ ok: true, value: [1] });
  });
});

suite('parseAnnotationFile', () => {
  it('detects the native format and W3C', () => {
    const a = annotation(1);
    const native = parseAnnotationFile(JSON.stringify(toNative([{ article, annotations: [a] }])));
    expect(native).toMatchObject({ format: 'glossa', problems: [] });
    expect(native.native!.articles[0]!.annotations).toEqual([a]);
    const w3c = parseAnnotationFile(JSON.stringify(toW3C(article, [a])));
    expect(w3c).toMatchObject({ format: 'w3c', native: null, problems: [] });
    expect(w3c.records[0]!.id).toBe(a.id);
  });

  it('returns the malformed-json problem and nothing else for broken text', () => {
    expect(parseAnnotationFile('{"format": "glossa", ')).toMatchObject({
      format: null,
      records: [],
      problems: [{ code: 'malformed-json' }],
    });
  });
});

suite('the import pipeline on a large file', () => {
  it('parses and plans 100,000 annotations (over 50 MB), reporting progress in chunks', () => {
    const annotations = Array.from({ length: 100_000 }, (_, n) => annotation(n));
    const text = JSON.stringify(toW3C(article, annotations));
    expect(text.length).toBeGreaterThan(50_000_000);
    const parsed: number[] = [];
    const planned: number[] = [];
    const started = performance.now();
    const file = parseAnnotationFile(text, {
      chunkSize: 10_000,
      onProgress: (done) => parsed.push(done),
    });
    const plan = planImport(file.records, {
      article,
      existing: [],
      onExisting: 'skip',
      chunkSize: 10_000,
      onProgress: (done) => planned.push(done),
    });
    const elapsed = performance.now() - started;
    expect(parsed).toEqual(Array.from({ length: 10 }, (_, k) => (k + 1) * 10_000));
    expect(planned).toHaveLength(10);
    expect(file.problems).toEqual([]);
    expect(plan.anchored).toHaveLength(100_000);
    expect(plan.problems).toEqual([]);
    // Generous bound: a few seconds on a laptop; this only catches quadratic slips.
    expect(elapsed).toBeLessThan(30_000);
  }, 60_000);
});

suite('where a file stops being JSON, when the engine does not say', () => {
  it('gives the line and column of the first fault', () => {
    const text = '{\n  "format": "glossa",\n  "articles": [ }\n';
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatchObject({
      code: 'malformed-json',
      line: 3,
      column: 17,
    });
  });
});

suite('the detected format', () => {
  it.each([['{"foo": 1}'], ['[1, 2]'], ['{"annotations": []}']])(
    'JSON in no known format (%s) is said so, not labelled W3C',
    (text) => {
      const result = parseAnnotationFile(text);
      expect(result.format).toBeNull();
      expect(result.problems).toMatchObject([{ code: 'unknown-format', severity: 'error' }]);
    },
  );

  it('a W3C annotation with faults is still W3C, with its specific reasons', () => {
    const result = parseAnnotationFile('{"type": "Annotation"}');
    expect(result.format).toBe('w3c');
    expect(result.problems.map((p) => p.code)).toEqual(['missing-selector', 'missing-kind']);
  });
});
