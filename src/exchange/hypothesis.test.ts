/**
 * Hypothesis both ways, on files in the shapes hypothesis/client writes and
 * reads (e2e/fixtures/exchange/README.md says where each comes from).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe as describeSpan } from '../anchoring/describe';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { hypothesisShape, parseHypothesis, toHypothesis, HYPOTHESIS_USER } from './hypothesis';
import { planImport } from './import-plan';
import { parseAnnotationFile } from './parse-file';
import { uuidV5Url } from './w3c';

const article = articleJson as Article;
const text = canonicalText(article.blocks);
const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../e2e/fixtures/exchange/${name}`, import.meta.url), 'utf8'),
  ) as unknown;

describe('parseHypothesis', () => {
  it('recognises the client export and the API search response', () => {
    expect(hypothesisShape(fixture('hypothesis-export.json'))).toBe('hypothesis');
    expect(hypothesisShape(fixture('hypothesis-api.json'))).toBe('hypothesisApi');
    expect(hypothesisShape({ annotations: [] })).toBeNull();
    expect(hypothesisShape({ total: '3', rows: [] })).toBeNull();
  });

  it('reads the export: kinds from tags, notes from text, quotes placed; replies and page notes reported', () => {
    const result = parseHypothesis(fixture('hypothesis-export.json'));
    expect(result.records.map((r) => [r.kind, r.selectors.quote?.exact])).toEqual([
      ['claim', 'Parler poursuit Amazon pour diffamation et rupture de contrat'],
      ['quote', 'a répudié et violé son contrat'],
      ['event', 'en janvier 2021'],
    ]);
    // The page's UTF-16 position is not the article's: not used.
    expect(result.records[0]!.selectors.position).toBeUndefined();
    expect(result.records[1]!.note).toBe('Citation de la plainte <img src=x onerror=alert(1)>');
    expect(result.records[0]!.id).toBe(uuidV5Url('https://hypothes.is/a/Kf3mQv2aEe-tT7sVhYqPdA'));
    expect(result.records[0]!.created).toBe('2024-03-01T10:00:00.123456+00:00');
    expect(result.tags).toEqual([
      { tag: '', count: 1 },
      { tag: 'fact-check', count: 1 },
    ]);
    expect(result.problems.map((p) => [p.code, p.severity, p.path])).toEqual([
      ['unknown-kind', 'warning', 'annotations[1].tags'],
      ['unknown-kind', 'error', 'annotations[3].tags'],
      ['missing-kind', 'error', 'annotations[4].tags'],
      ['unsupported-record', 'warning', 'annotations[5].references'],
      ['missing-selector', 'error', 'annotations[6].target'],
    ]);
    const plan = planImport(result.records, { article, existing: [], onExisting: 'skip' });
    for (const a of plan.toWrite) {
      expect(Array.from(text).slice(a.start, a.end).join('')).toBe(a.exact);
    }
    expect(plan.anchored).toHaveLength(3);
  });

  it('maps unknown and missing tags as told, and skips what is mapped to skip', () => {
    const mapped = parseHypothesis(fixture('hypothesis-export.json'), {
      tagMap: { 'fact-check': 'claim', '': 'skip' },
    });
    expect(mapped.records.map((r) => r.kind)).toEqual(['claim', 'quote', 'event', 'claim']);
    expect(mapped.tags).toEqual([]);
    expect(mapped.problems.map((p) => p.code)).toContain('tag-skipped');
  });

  it('reads the API response rows', () => {
    const result = parseHypothesis(fixture('hypothesis-api.json'));
    expect(result.records.map((r) => r.kind)).toEqual(['claim', 'event']);
    expect(result.tags).toEqual([{ tag: 'fact-check', count: 1 }]);
  });

  it.each([
    ['rows not an array', { total: 1, rows: {} }],
    ['annotation not an object', { export_date: 'x', annotations: ['<img src=x>'] }],
    [
      'empty exact',
      {
        export_date: 'x',
        annotations: [
          { tags: ['claim'], target: [{ selector: [{ type: 'TextQuoteSelector', exact: '' }] }] },
        ],
      },
    ],
    ['no target', { export_date: 'x', annotations: [{ tags: ['claim'] }] }],
  ])('reports %s by its path and returns no record', (_, json) => {
    const result = parseAnnotationFile(JSON.stringify(json));
    expect(result.records).toEqual([]);
    expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
  });
});

describe('toHypothesis', () => {
  const index = new CodePointIndex(text);
  const start = Array.from(text).join('').indexOf('en janvier 2021');
  const a: Annotation = {
    id: '11111111-1111-4111-8111-111111111111',
    articleId: article.id,
    kind: 'event',
    start,
    end: start + 15,
    ...describeSpan(index, start, start + 15),
    note: 'Date du premier procès',
    fields: {},
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-02T00:00:00.000Z',
  };

  it('writes what its client imports: target an array, uri the article source, the user named', () => {
    const withSource = { ...article, source: 'https://www.example.fr/a' };
    const file = toHypothesis(withSource, [a], { exported: '2024-02-02T00:00:00.000Z' });
    expect(Array.isArray(file.annotations)).toBe(true);
    const out = file.annotations[0]!;
    expect(out.uri).toBe('https://www.example.fr/a');
    expect(out.target).toEqual([
      {
        source: 'https://www.example.fr/a',
        selector: [
          { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        ],
      },
    ]);
    expect([out.user, file.export_userid]).toEqual([HYPOTHESIS_USER, HYPOTHESIS_USER]);
    expect(out.tags).toEqual(['event']);
    // Without a web address, the Glossa URN.
    expect(toHypothesis(article, [a]).annotations[0]!.uri).toBe(`urn:glossa:article:${article.id}`);
  });

  it('reads back what it writes', () => {
    const file = JSON.parse(JSON.stringify(toHypothesis(article, [a]))) as unknown;
    const result = parseAnnotationFile(JSON.stringify(file));
    expect(result.format).toBe('hypothesis');
    const plan = planImport(result.records, { article, existing: [], onExisting: 'skip' });
    expect(plan.toWrite.map((x) => [x.kind, x.start, x.end, x.note])).toEqual([
      ['event', a.start, a.end, a.note],
    ]);
  });
});
