/**
 * The NLP formats on an article with emoji (astral characters, two UTF-16
 * units each): offsets count code points as Python does, so `text[s:e]` in
 * Python is the span — and so it is here.
 */
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../anchoring/code-points';
import { describe as describeSpan } from '../../anchoring/describe';
import type { Annotation } from '../../model/annotation';
import { canonicalText, type Article } from '../../model/article';
import { planImport, planLinks } from '../import-plan';
import { toDoccano } from '../jsonl';
import { parseAnnotationFile } from '../parse-file';
import { parseBrat, toBratAnn, toBratTxt } from './brat';
import type { Relation } from '../../model/factcheck';

const article: Article = {
  id: 'emoji',
  title: 'Émojis',
  lang: 'fr',
  blocks: [
    { type: 'paragraph', text: '🇫🇷 Le ministre 😀 a déclaré « nous tiendrons bon ».' },
    { type: 'paragraph', text: 'Le vote a eu lieu 🗳️ le 3 mars.' },
  ],
};
const text = canonicalText(article.blocks);
const cps = Array.from(text);
/** Code-point offsets of `needle`, as Python's str.find gives them. */
const at = (needle: string): [number, number] => {
  const u = text.indexOf(needle);
  const s = Array.from(text.slice(0, u)).length;
  return [s, s + Array.from(needle).length];
};
const slice = (s: number, e: number) => cps.slice(s, e).join('');
const HOSTILE = '<img src=x onerror=alert(1)>';

function planned(file: string, name: string, companion?: string) {
  const parsed = parseAnnotationFile(file, {
    fileName: name,
    articleText: text,
    ...(companion !== undefined ? { companionText: companion } : {}),
  });
  const plan = planImport(parsed.records, { article, existing: [], onExisting: 'skip' });
  return { parsed, plan };
}

describe('doccano and Glossa JSONL', () => {
  const [qs, qe] = at('nous tiendrons bon');
  const [es, ee] = at('le 3 mars');

  it('reads the "label" shape with code-point offsets past emoji', () => {
    const line = JSON.stringify({
      text,
      label: [
        [qs, qe, 'quote'],
        [es, ee, 'EVENT'],
      ],
    });
    const { parsed, plan } = planned(`${line}\n`, 'x.jsonl');
    expect(parsed.format).toBe('doccano');
    expect(parsed.problems).toEqual([]);
    expect(plan.toWrite.map((a) => [a.kind, slice(a.start, a.end)])).toEqual([
      ['quote', 'nous tiendrons bon'],
      ['event', 'le 3 mars'],
    ]);
    expect(plan.anchored).toHaveLength(2);
  });

  it('reads the "entities" shape and reports its relations', () => {
    const line = JSON.stringify({
      id: 7,
      text,
      entities: [{ id: 1, start_offset: qs, end_offset: qe, label: 'quote' }],
      relations: [{ id: 1, from_id: 1, to_id: 1, type: 'x' }],
    });
    const { parsed, plan } = planned(line, 'x.jsonl');
    expect(plan.toWrite.map((a) => slice(a.start, a.end))).toEqual(['nous tiendrons bon']);
    expect(parsed.problems.map((p) => p.code)).toEqual(['unsupported-record']);
  });

  it("reads Glossa's own JSONL, and doccano's export back", () => {
    const start = qs;
    const index = new CodePointIndex(text);
    const a: Annotation = {
      id: '11111111-1111-4111-8111-111111111111',
      articleId: article.id,
      kind: 'quote',
      start,
      end: qe,
      ...describeSpan(index, start, qe),
      note: '',
      fields: {},
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
    };
    const doccano = toDoccano([{ article, annotations: [a] }]);
    expect(JSON.parse(doccano)).toEqual({ text, label: [[qs, qe, 'quote']] });
    expect(planned(doccano, 'a.jsonl').plan.toWrite.map((x) => [x.start, x.end])).toEqual([
      [qs, qe],
    ]);
    const glossa = JSON.stringify({ text, spans: [{ start: es, end: ee, label: 'event' }] });
    const { parsed } = planned(glossa, 'a.jsonl');
    expect(parsed.format).toBe('jsonl');
    expect(parsed.records).toHaveLength(1);
  });

  it.each([
    ['offsets past the end', [[0, cps.length + 1, 'claim']], 'offset-out-of-range'],
    ['start not before end', [[5, 5, 'claim']], 'start-not-before-end'],
    ['non-integer offsets', [[0.5, 3, 'claim']], 'wrong-shape'],
    ['an unknown label', [[0, 3, HOSTILE]], 'unknown-kind'],
    ['a label that is not a triple', [[0, 3]], 'wrong-shape'],
  ])('reports %s and keeps no record', (_, label, code) => {
    const { parsed } = planned(JSON.stringify({ text, label }), 'x.jsonl');
    expect(parsed.records).toEqual([]);
    expect(parsed.problems.map((p) => p.code)).toContain(code);
    expect(parsed.problems[0]!.line).toBe(1);
  });

  it('reports a line that is not JSON by its line and column, and keeps the others', () => {
    const good = JSON.stringify({ text, label: [[qs, qe, 'quote']] });
    const { parsed } = planned(`${good}\n{"text": "x", "label": [}\n`, 'x.jsonl');
    expect(parsed.records).toHaveLength(1);
    expect(parsed.problems).toMatchObject([{ code: 'malformed-json', line: 2, column: 25 }]);
  });
});

describe('Label Studio', () => {
  const [cs, ce] = at('Le ministre 😀 a déclaré');
  it('reads value.start/end/labels of every annotation of every task', () => {
    const file = JSON.stringify([
      {
        id: 1,
        data: { text },
        annotations: [
          {
            id: 10,
            result: [
              {
                id: 'r1',
                from_name: 'label',
                to_name: 'text',
                type: 'labels',
                value: { start: cs, end: ce, text: slice(cs, ce), labels: ['Claim'] },
              },
              { id: 'r2', type: 'choices', value: { choices: ['ok'] } },
            ],
          },
        ],
        predictions: [],
      },
    ]);
    const { parsed, plan } = planned(file, 'export.json');
    expect(parsed.format).toBe('labelStudio');
    expect(plan.toWrite.map((a) => [a.kind, slice(a.start, a.end)])).toEqual([
      ['claim', 'Le ministre 😀 a déclaré'],
    ]);
    expect(parsed.problems.map((p) => p.code)).toEqual(['unsupported-record']);
  });

  it('reports a result whose offsets are past the end', () => {
    const file = JSON.stringify([
      {
        data: { text },
        annotations: [{ result: [{ value: { start: 0, end: 9999, labels: ['claim'] } }] }],
      },
    ]);
    const { parsed } = planned(file, 'export.json');
    expect(parsed.records).toEqual([]);
    expect(parsed.problems).toMatchObject([
      { code: 'offset-out-of-range', path: '[0].annotations[0].result[0].value' },
    ]);
  });
});

describe('brat standoff', () => {
  const [qs, qe] = at('nous tiendrons bon');
  const [ms, me] = at('ministre');
  const ann = [
    `T1\tquote ${qs} ${qe}\tnous tiendrons bon`,
    `T2\tClaim ${ms} ${me}\tministre`,
    'A1\tSpeaker T1 le ministre',
    'A2\tNegation T2',
    `#1\tAnnotatorNotes T1\tNote ${HOSTILE}`,
    'R1\tSaid Arg1:T2 Arg2:T1',
  ].join('\n');

  it('reads T lines with their .txt (code points), A lines as fields or notes, # as notes; reports R', () => {
    const { parsed, plan } = planned(ann, 'emoji.ann', toBratTxt(article));
    expect(parsed.format).toBe('brat');
    expect(plan.toWrite.map((a) => [a.kind, slice(a.start, a.end), a.note, a.fields])).toEqual([
      // In file order.
      ['quote', 'nous tiendrons bon', `Note ${HOSTILE}`, { speaker: 'le ministre' }],
      ['claim', 'ministre', 'Negation', {}],
    ]);
    expect(parsed.problems.map((p) => [p.code, p.line])).toEqual([['unsupported-record', 6]]);
  });

  it('without the .txt, places each span by its own text', () => {
    const { plan } = planned(ann, 'emoji.ann');
    expect(plan.toWrite.map((a) => slice(a.start, a.end)).sort()).toEqual([
      'ministre',
      'nous tiendrons bon',
    ]);
  });

  it('reports malformed lines by line, and offsets past the end of the .txt', () => {
    const bad = ['T1\tquote 5 x\tbad', `T2\tclaim 0 ${cps.length + 3}\tx`, 'Z1\tnonsense'].join(
      '\n',
    );
    const result = parseBrat(bad, text);
    expect(result.records).toEqual([]);
    expect(result.problems.map((p) => [p.code, p.line])).toEqual([
      ['wrong-shape', 1],
      ['wrong-shape', 3],
      ['offset-out-of-range', 2],
    ]);
  });

  it('writes T lines (fragments across line breaks) and notes that read back', () => {
    const index = new CodePointIndex(text);
    const [s] = at('bon ».');
    const [, e] = at('Le vote');
    const a: Annotation = {
      id: '22222222-2222-4222-8222-222222222222',
      articleId: article.id,
      kind: 'claim',
      start: s,
      end: e,
      ...describeSpan(index, s, e),
      note: 'deux\nlignes',
      fields: {},
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
    };
    const out = toBratAnn(article, [a]);
    const blockEnd = Array.from(article.blocks[0]!.text).length;
    expect(out).toBe(
      `T1\tclaim ${s} ${blockEnd};${blockEnd + 2} ${e}\tbon ». Le vote\n#1\tAnnotatorNotes T1\tdeux lignes\n`,
    );
    const back = planned(out, 'x.ann', toBratTxt(article)).plan.toWrite;
    expect(back.map((x) => [x.start, x.end, x.note])).toEqual([[s, e, 'deux lignes']]);
  });

  it('writes relations between two spans as R lines, and reads them back by the spans they join', () => {
    const index = new CodePointIndex(text);
    const span = (id: string, needle: string, kind: Annotation['kind']): Annotation => {
      const [s, e] = at(needle);
      return {
        id,
        articleId: article.id,
        kind,
        start: s,
        end: e,
        ...describeSpan(index, s, e),
        note: '',
        fields: {},
        created: '2024-01-01T00:00:00.000Z',
        modified: '2024-01-01T00:00:00.000Z',
      };
    };
    const quote = span('q', 'nous tiendrons bon', 'quote');
    const minister = span('m', 'ministre', 'claim');
    const vote = span('v', 'Le vote', 'event');
    const rel = (
      id: string,
      type: Relation['type'],
      from: string,
      to: Relation['to'],
    ): Relation => ({
      id,
      type,
      from: { annotationId: from, articleId: article.id },
      to,
      created: '2024-01-01T00:00:00.000Z',
    });
    const out = toBratAnn(
      article,
      [vote, quote, minister],
      [
        rel('r1', 'saidBy', 'q', { annotationId: 'm', articleId: article.id }),
        rel('r2', 'about', 'm', { annotationId: 'v', articleId: article.id }),
        // No R line: an entity end, and a span of another article.
        rel('r3', 'saidBy', 'q', { entityId: 'e1' }),
        rel('r4', 'contradictedBy', 'm', { annotationId: 'x', articleId: 'other' }),
      ],
    );
    const rLines = out.split('\n').filter((l) => l.startsWith('R'));
    expect(rLines).toEqual(['R1\tsaidBy Arg1:T2 Arg2:T1', 'R2\tabout Arg1:T1 Arg2:T3']);
    const parsed = parseBrat(out, toBratTxt(article));
    expect(parsed.problems).toEqual([]);
    const exactOf = (t: string) =>
      parsed.records.find((r) => r.sourceId === t)?.selectors.quote?.exact;
    expect(parsed.links.map((l) => [l.type, exactOf(l.from), exactOf(l.to)])).toEqual([
      ['saidBy', 'nous tiendrons bon', 'ministre'],
      ['about', 'ministre', 'Le vote'],
    ]);
  });

  it('reports an R line of an unknown type, or naming no T line, and keeps the others', () => {
    const [qs, qe] = at('nous tiendrons bon');
    const parsed = parseBrat(
      [
        `T1\tquote ${qs} ${qe}\tnous tiendrons bon`,
        'R1\tsupportedBy Arg1:T1 Arg2:T9',
        'R2\tloves Arg1:T1 Arg2:T1',
        'R3\tsaidBy T1 T1',
        'R4\tmentions Arg1:T1 Arg2:T1',
      ].join('\n'),
      toBratTxt(article),
    );
    expect(parsed.links.map((l) => l.id)).toEqual(['R4']);
    expect(parsed.problems.map((p) => [p.code, p.line])).toEqual([
      ['unsupported-record', 3],
      ['wrong-shape', 4],
      ['wrong-shape', 2],
    ]);
  });

  it('imports R lines as relations between the imported spans, of the type the export wrote', () => {
    const [qs, qe] = at('nous tiendrons bon');
    const [ms, me] = at('ministre');
    const ann = [
      `T1\tclaim ${ms} ${me}\tministre`,
      `T2\tquote ${qs} ${qe}\tnous tiendrons bon`,
      // Past the end, with no text of its own: not imported, so R2 is left out.
      'T3\tevent 900 905',
      'R1\tsaidBy Arg1:T2 Arg2:T1',
      'R2\tcontradictedBy Arg1:T1 Arg2:T3',
    ].join('\n');
    const { parsed, plan } = planned(ann, 'a.ann', toBratTxt(article));
    const relations = planLinks(parsed.links ?? [], parsed.records, plan, {
      articleId: article.id,
      now: '2024-01-01T00:00:00.000Z',
    });
    const byId = new Map(plan.toWrite.map((a) => [a.id, a]));
    expect(
      relations.map((r) => [
        r.type,
        byId.get(r.from.annotationId)?.exact,
        'annotationId' in r.to ? byId.get(r.to.annotationId)?.exact : null,
        r.from.articleId,
      ]),
    ).toEqual([['saidBy', 'nous tiendrons bon', 'ministre', article.id]]);
    expect(plan.problems.filter((p) => p.code === 'dangling-link').map((p) => p.id)).toEqual([
      'R2',
    ]);
    // The same file again: the same relation id, not a copy.
    const again = planned(ann, 'a.ann', toBratTxt(article));
    expect(
      planLinks(again.parsed.links ?? [], again.parsed.records, again.plan, {
        articleId: article.id,
      }).map((r) => r.id),
    ).toEqual(relations.map((r) => r.id));
  });
});
