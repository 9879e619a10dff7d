/**
 * parseAnnotationFile(): malformed JSON, format detection, and the import
 * worker's logic (progress, result) on a file of 100,000 annotations.
 */
import { describe as suite, expect, it } from 'vitest';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { toNative } from './native';
import {
  handleImportRequest,
  parseAnnotationFile,
  parseJson,
  type ImportMessage,
} from './parse-file';
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

suite('handleImportRequest (the import worker)', () => {
  it('parses and plans 100,000 annotations, posting progress in chunks', () => {
    const annotations = Array.from({ length: 100_000 }, (_, n) => annotation(n));
    const text = JSON.stringify(toW3C(article, annotations));
    expect(text.length).toBeGreaterThan(50_000_000);
    const messages: ImportMessage[] = [];
    const started = performance.now();
    handleImportRequest(
      { text, plan: { article, existing: [], onExisting: 'skip' } },
      (m) => messages.push(m),
      10_000,
    );
    const elapsed = performance.now() - started;
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.filter((m) => m.phase === 'parse').map((m) => m.done)).toEqual(
      Array.from({ length: 10 }, (_, k) => (k + 1) * 10_000),
    );
    expect(progress.filter((m) => m.phase === 'plan')).toHaveLength(10);
    const result = messages.at(-1)!;
    expect(result.type).toBe('result');
    if (result.type === 'result') {
      expect(result.file.problems).toEqual([]);
      expect(result.plan!.anchored).toHaveLength(100_000);
      expect(result.plan!.problems).toEqual([]);
    }
    // Generous bound: a few seconds on a laptop; this only catches quadratic slips.
    expect(elapsed).toBeLessThan(30_000);
  }, 60_000);

  it('posts the problems of a broken file as a result', () => {
    const messages: ImportMessage[] = [];
    handleImportRequest({ text: 'not json' }, (m) => messages.push(m));
    expect(messages).toEqual([
      expect.objectContaining({
        type: 'result',
        plan: null,
        file: expect.objectContaining({
          problems: [expect.objectContaining({ code: 'malformed-json' })],
        }),
      }),
    ]);
  });
});
