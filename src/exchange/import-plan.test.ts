/**
 * planImport(): where each parsed record goes in the article, and what is
 * reported about the ones that go nowhere.
 */
import { describe as suite, expect, it } from 'vitest';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { planImport, type ImportedAnnotation, type PlanOptions } from './import-plan';

const article = articleJson as Article;
const text = canonicalText(article.blocks);
const index = new CodePointIndex(text);
const NOW = '2024-05-01T12:00:00.000Z';

const QUOTED = 'Parler a depuis abandonné ce procès';
const at = index.toCodePoint(text.indexOf(QUOTED));
const span = { start: at, end: at + QUOTED.length };

let serial = 0;
function record(extra: Partial<ImportedAnnotation> = {}): ImportedAnnotation {
  const n = serial++;
  return {
    index: n,
    path: `[${n}]`,
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'claim',
    note: '',
    fields: {},
    selectors: { position: { ...span }, quote: describe(index, span.start, span.end) },
    ...extra,
  };
}

const plan = (records: ImportedAnnotation[], options: Partial<PlanOptions> = {}) =>
  planImport(records, { article, existing: [], onExisting: 'skip', now: NOW, ...options });

suite('planImport', () => {
  it('anchors a record in place and fills its quote from the text', () => {
    const r = record({
      selectors: { position: { ...span } },
      note: 'n',
      fields: { claimant: 'Parler' },
    });
    const p = plan([r]);
    expect(p.problems).toEqual([]);
    expect(p.anchored).toEqual([
      {
        id: r.id,
        articleId: article.id,
        kind: 'claim',
        ...span,
        ...describe(index, span.start, span.end),
        note: 'n',
        fields: { claimant: 'Parler' },
        created: NOW,
        modified: NOW,
      },
    ]);
    expect(p.toWrite).toEqual(p.anchored);
  });

  it('re-anchors a record whose text moved, and says it moved', () => {
    // The file's position is 40 code points early (the article gained a sentence since).
    const r = record({
      selectors: {
        position: { start: span.start - 40, end: span.end - 40 },
        quote: describe(index, span.start, span.end),
      },
    });
    const p = plan([r]);
    expect(p.moved).toEqual([expect.objectContaining({ ...span, exact: QUOTED })]);
    expect(p.anchored).toEqual([]);
  });

  it('re-anchors a quote that changed slightly (a typo fixed since)', () => {
    const quote = describe(index, span.start, span.end);
    const r = record({
      selectors: { quote: { ...quote, exact: 'Parler a depuis abandoné ce procés' } },
    });
    const p = plan([r]);
    expect(p.anchored).toEqual([expect.objectContaining({ ...span, exact: QUOTED })]);
  });

  it('keeps an orphan, with its quote, and reports it', () => {
    const r = record({
      selectors: { quote: { exact: 'Amazon a racheté Parler en 2022', prefix: 'p', suffix: 's' } },
      created: '2021-01-01T00:00:00Z',
    });
    const p = plan([r]);
    expect(p.orphaned).toEqual([
      expect.objectContaining({
        id: r.id,
        orphaned: true,
        start: 0,
        end: 0,
        exact: 'Amazon a racheté Parler en 2022',
        prefix: 'p',
        suffix: 's',
        created: '2021-01-01T00:00:00Z',
        modified: '2021-01-01T00:00:00Z',
      }),
    ]);
    expect(p.toWrite).toHaveLength(1);
    expect(p.problems).toEqual([
      expect.objectContaining({ code: 'orphaned', severity: 'warning', index: r.index, id: r.id }),
    ]);
  });

  it('reports offsets out of range and start ≥ end, naming the record', () => {
    const out = record({ selectors: { position: { start: 10, end: index.length + 5 } } });
    const backwards = record({ selectors: { position: { start: 30, end: 30 } } });
    const negative = record({ selectors: { position: { start: -1, end: 3 } } });
    const p = plan([out, backwards, negative]);
    expect(p.toWrite).toEqual([]);
    expect(p.problems.map((x) => [x.code, x.severity, x.index, x.id, x.path])).toEqual([
      ['offset-out-of-range', 'error', out.index, out.id, `${out.path}.position`],
      [
        'start-not-before-end',
        'error',
        backwards.index,
        backwards.id,
        `${backwards.path}.position`,
      ],
      ['offset-out-of-range', 'error', negative.index, negative.id, `${negative.path}.position`],
    ]);
  });

  it('with a quote, a bad position is a warning and the quote places the record', () => {
    const r = record({
      selectors: {
        position: { start: 10, end: index.length + 5 },
        quote: describe(index, span.start, span.end),
      },
      positionPath: '[0].target.selector[1]',
    });
    const p = plan([r]);
    expect(p.moved).toEqual([expect.objectContaining(span)]);
    expect(p.problems).toEqual([
      expect.objectContaining({
        code: 'offset-out-of-range',
        severity: 'warning',
        path: '[0].target.selector[1]',
      }),
    ]);
  });

  it('reports duplicate ids within the file and keeps the first', () => {
    const first = record();
    const again = record({ id: first.id, kind: 'event' });
    const p = plan([first, again]);
    expect(p.toWrite.map((a) => a.kind)).toEqual(['claim']);
    expect(p.problems).toEqual([
      expect.objectContaining({
        code: 'duplicate-id',
        severity: 'error',
        index: again.index,
        id: first.id,
      }),
    ]);
  });

  it('skips or replaces ids already in the store, as asked', () => {
    const r = record({ note: 'from the file' });
    const stored = { ...plan([r]).toWrite[0]!, note: 'in the store' } as Annotation;
    const skipped = plan([r], { existing: [stored], onExisting: 'skip' });
    expect(skipped.toWrite).toEqual([]);
    expect(skipped.skipped).toEqual([r]);
    expect(skipped.problems).toEqual([
      expect.objectContaining({ code: 'id-exists', severity: 'warning', id: r.id }),
    ]);
    const replaced = plan([r], { existing: [stored], onExisting: 'replace' });
    expect(replaced.toWrite).toEqual([
      expect.objectContaining({ id: r.id, note: 'from the file' }),
    ]);
    expect(replaced.replaced).toEqual([r.id]);
    expect(replaced.problems).toEqual([]);
  });

  it('refuses records for another article, and takes records with a foreign target', () => {
    const other = record({ articleId: 'un-autre-article' });
    const foreign = record({ targetSource: 'https://www.example.fr/article' });
    const p = plan([other, foreign]);
    expect(p.toWrite.map((a) => a.id)).toEqual([foreign.id]);
    expect(p.problems).toEqual([
      expect.objectContaining({
        code: 'other-article',
        severity: 'error',
        index: other.index,
        path: `${other.path}.target`,
      }),
    ]);
  });

  it('reports a record with nothing to anchor it by', () => {
    const r = record({ selectors: {} });
    expect(plan([r]).problems).toEqual([
      expect.objectContaining({ code: 'missing-selector', index: r.index }),
    ]);
  });

  it('ties carried reviews to the written annotation', () => {
    const r = record({
      kind: 'quote',
      modified: '2022-02-02T00:00:00Z',
      review: { translation: 'since dropped', origin: 'human', status: 'translated', comment: '' },
    });
    expect(plan([r]).reviews).toEqual([
      {
        annotationId: r.id,
        articleId: article.id,
        translation: 'since dropped',
        origin: 'human',
        status: 'translated',
        comment: '',
        modified: '2022-02-02T00:00:00Z',
      },
    ]);
  });

  it('reports progress in chunks', () => {
    const calls: [number, number][] = [];
    const records = Array.from({ length: 25 }, () => record());
    plan(records, { chunkSize: 10, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
  });
});

suite('a quote with no context that the text holds twice', () => {
  const twice = 'Donald Trump';
  it('is placed at the first and reported, not counted silently', () => {
    expect(text.split(twice).length - 1).toBeGreaterThan(1);
    const result = plan([
      record({ selectors: { quote: { exact: twice, prefix: '', suffix: '' } } }),
    ]);
    const first = index.toCodePoint(text.indexOf(twice));
    expect(result.toWrite.map((a) => a.start)).toEqual([first]);
    expect(result.problems).toMatchObject([
      {
        code: 'ambiguous-quote',
        severity: 'warning',
        detail: expect.stringMatching(/places; placed at the first/),
      },
    ]);
  });

  it('is not reported when its context or position decides', () => {
    const once = plan([record()]);
    expect(once.problems).toEqual([]);
  });
});
