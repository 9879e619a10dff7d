/**
 * The W3C annotation-model checker the exchange tests rely on: it runs the
 * whole committed MUST suite, walks containers the way JSON-LD embeds them,
 * and reads the JSONtest format (assertionFile, and / or, skip, abort).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJsonTest, validateW3C, validateW3CFile } from './w3c-validator';

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

function annotation(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': CONTEXT,
    id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    type: 'Annotation',
    body: { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
    target: {
      source: 'urn:glossa:article:a',
      selector: [
        { type: 'TextQuoteSelector', exact: 'Parler' },
        { type: 'TextPositionSelector', start: 0, end: 6 },
      ],
    },
    created: '2021-03-03T10:00:00.000Z',
    ...extra,
  };
}

/** The annotation as embedded in a container: no @context of its own. */
function embedded(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const value = annotation(extra);
  delete value['@context'];
  return value;
}

function collection(items: unknown[], extra: Record<string, unknown> = {}) {
  return {
    '@context': CONTEXT,
    id: 'urn:glossa:collection:a',
    type: 'AnnotationCollection',
    total: items.length,
    first: { id: 'urn:glossa:collection:a:page:1', type: 'AnnotationPage', startIndex: 0, items },
    ...extra,
  };
}

/** Sources of the failed assertions named in the report. */
const failed = (output: string) => [...output.matchAll(/FAIL \[([^\]]+)\]/g)].map((m) => m[1]);

describe('validateW3C', () => {
  it('runs every MUST assertion of the suite on an annotation, and a conforming one passes', () => {
    const report = validateW3C(annotation());
    expect(report.output).toContain('ok   annotation #1 urn:uuid:');
    expect(report.output).toContain(': 54 MUST assertions passed');
    expect(report.output).toMatch(/W3C annotation-model: 1 annotations, 0 failures$/);
    expect(report).toMatchObject({ status: 0, annotations: 1, failures: 0 });
  });

  it('names the assertion each kind of fault breaks', () => {
    const noTarget = annotation();
    delete noTarget.target;
    const cases: [unknown, string][] = [
      [annotation({ created: 'yesterday' }), 'annotations/3.3.1-annotationCreatedValidated.json'],
      [noTarget, 'annotations/3.1-targetKeyFound.json'],
      [annotation({ bodyValue: 'claim' }), 'annotations/3.2.5-notBodyBodyValue.json'],
      [annotation({ id: 'not an IRI' }), 'annotations/3.1-annotationIdValidated.json'],
      [
        annotation({ '@context': 'http://example.org/ctx' }),
        'annotations/3.1-annotationContextValidated.json',
      ],
      [
        annotation({
          target: { source: 'urn:x', selector: { type: 'TextPositionSelector', start: 'a' } },
        }),
        'annotations/specificResource/4.2-TextDataPositionSelectorValid.json',
      ],
    ];
    for (const [doc, source] of cases) {
      const report = validateW3C(doc);
      expect(report.status, source).toBe(1);
      expect(failed(report.output), source).toContain(source);
      expect(report.output).toMatch(/W3C annotation-model: 1 annotations, [1-9]\d* failures$/);
    }
  });

  it('gives embedded annotations the container’s @context, and only those', () => {
    expect(validateW3C(collection([embedded(), embedded()]))).toMatchObject({
      status: 0,
      annotations: 2,
    });
    expect(validateW3C(collection([embedded()])).output).toContain(
      '(@context inherited from container)',
    );
    const bare = validateW3C([embedded()]);
    expect(bare.status).toBe(1);
    expect(failed(bare.output)).toEqual(['annotations/3.1-annotationContextValidated.json']);
    const noContext: Record<string, unknown> = collection([embedded()]);
    delete noContext['@context'];
    expect(validateW3C(noContext).status).toBe(1);
  });

  it('follows embedded next pages and notes what it cannot fetch', () => {
    const doc = collection([embedded()]);
    Object.assign(doc.first, {
      next: {
        id: 'urn:glossa:collection:a:page:2',
        type: 'AnnotationPage',
        items: [embedded({ created: 'later' }), 'urn:uuid:elsewhere'],
        next: 'https://example.org/page3',
      },
    });
    const report = validateW3C(doc);
    expect(report.annotations).toBe(2);
    expect(report.status).toBe(1);
    expect(report.output).toContain('FAIL annotation #2 urn:uuid:');
    expect(report.output).toContain('at first.next.items[0]');
    expect(report.output).toContain(
      'note: first.next.items[1] is a reference (urn:uuid:elsewhere)',
    );
    expect(report.output).toContain('later pages are not fetched');
  });

  it('checks collections and pages only when asked', () => {
    const doc = collection([embedded()], { total: -1 });
    (doc.first as Record<string, unknown>).startIndex = 'zero';
    expect(validateW3C(doc)).toMatchObject({ status: 0, containers: 0 });
    const report = validateW3C(doc, { containers: true });
    expect(report).toMatchObject({ status: 1, containers: 2, failures: 2 });
    expect(failed(report.output)).toEqual([
      'collections/5.1-collectionTotalValidated.json',
      'collections/pages/5.2-pageStartIndexValidated.json',
    ]);
    expect(report.output).toContain('ok   annotation #1');
    expect(report.output).toContain('FAIL collection: 1 of 10 MUST assertions failed');
    expect(report.output).toContain(
      'FAIL page at first (@context inherited): 1 of 15 MUST assertions failed',
    );
    expect(report.output).toMatch(/W3C annotation-model: 1 annotations, 2 failures$/);
    expect(validateW3C(collection([embedded()]), { containers: true })).toMatchObject({
      status: 0,
      containers: 2,
    });
  });

  it('counts a non-object item as a failure and an input without annotations as unusable', () => {
    const report = validateW3C(collection([embedded(), 5, null]));
    expect(report).toMatchObject({ status: 1, annotations: 3, failures: 2 });
    expect(report.output).toContain('not a JSON object (got number)');
    expect(validateW3C([])).toMatchObject({ status: 2, annotations: 0 });
    expect(validateW3C({ type: 'AnnotationCollection', first: 'urn:p1' }).status).toBe(2);
  });

  it('shows the schema errors behind a failure when verbose, and hides passes when quiet', () => {
    const doc = [annotation({ created: 'yesterday' }), annotation()];
    expect(validateW3C(doc).output).not.toContain('schema:');
    expect(validateW3C(doc, { verbose: true }).output).toContain(
      'schema: /created must match format "date-time"',
    );
    const quiet = validateW3C(doc, { quiet: true }).output;
    expect(quiet).toContain('FAIL annotation #1');
    expect(quiet).not.toContain('ok   annotation #2');
  });
});

describe('validateW3CFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'glossa-w3c-validator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file (a byte-order mark is allowed); an unreadable or malformed one is status 2', () => {
    const good = path.join(dir, 'good.jsonld');
    writeFileSync(good, `\uFEFF${JSON.stringify(collection([embedded()]))}`);
    expect(validateW3CFile(good, { containers: true }).status).toBe(0);
    const bad = path.join(dir, 'bad.jsonld');
    writeFileSync(bad, '{ "type": ');
    const malformed = validateW3CFile(bad);
    expect(malformed.status).toBe(2);
    expect(malformed.output).toMatch(/^error: .*bad\.jsonld is not valid JSON/);
    const missing = validateW3CFile(path.join(dir, 'missing.jsonld'));
    expect(missing.status).toBe(2);
    expect(missing.output).toMatch(/^error: cannot read /);
  });
});

describe('runJsonTest: the JSONtest format', () => {
  const CTX = 'annotations/3.1-annotationContextValidated.json';
  const TARGET = 'annotations/3.1-targetKeyFound.json';
  const CREATED = 'annotations/3.3.1-annotationCreatedValidated.json';
  const noTarget = annotation({ created: 'yesterday' });
  delete noTarget.target;

  it('runs a list of assertion files, resolved from the suite’s root', () => {
    expect(runJsonTest({ assertions: [CTX, TARGET, CREATED] }, noTarget)).toEqual({
      failures: [TARGET, CREATED],
      warnings: [],
      ran: 3,
      skipped: 0,
    });
  });

  it('resolves a name without a slash beside the test file, and walks nested lists', () => {
    const test = { assertions: [['3.1-targetKeyFound.json', [CREATED]]] };
    expect(runJsonTest(test, noTarget).failures).toEqual(['3.1-targetKeyFound.json', CREATED]);
  });

  it('applies the local overrides of an assertionFile entry', () => {
    const test = {
      assertions: [{ assertionFile: TARGET, expectedResult: 'invalid' }, CTX],
    };
    expect(runJsonTest(test, noTarget).failures).toEqual([]);
    expect(runJsonTest(test, annotation()).failures).toEqual([TARGET]);
    const asShould = { assertions: [{ assertionFile: TARGET, assertionType: 'should' }] };
    expect(runJsonTest(asShould, noTarget)).toMatchObject({ failures: [], warnings: [TARGET] });
  });

  it('combines a condition’s assertions with or / and, reporting only the condition', () => {
    const group = (compareWith: string) => ({
      assertions: [{ title: 'group', compareWith, assertions: [TARGET, CTX] }],
    });
    expect(runJsonTest(group('or'), noTarget)).toMatchObject({ failures: [], ran: 2 });
    expect(runJsonTest(group('and'), noTarget).failures).toEqual(['(inline)']);
    expect(runJsonTest(group('and'), annotation()).failures).toEqual([]);
    const neither = annotation({ '@context': 'http://example.org/ctx' });
    delete neither.target;
    expect(runJsonTest(group('or'), neither).failures).toEqual(['(inline)']);
  });

  it('skips the rest of a list, or aborts the test, when an assertion asks to', () => {
    const skip = {
      assertions: [[{ assertionFile: TARGET, onUnexpectedResult: 'failAndSkip' }, CTX], CREATED],
    };
    expect(runJsonTest(skip, noTarget)).toEqual({
      failures: [TARGET, CREATED],
      warnings: [],
      ran: 2,
      skipped: 1,
    });
    const abort = {
      assertions: [[{ assertionFile: TARGET, onUnexpectedResult: 'failAndAbort' }, CTX], CREATED],
    };
    expect(runJsonTest(abort, noTarget)).toMatchObject({ failures: [TARGET], ran: 1, skipped: 2 });
    const pass = { assertions: [{ assertionFile: TARGET, onUnexpectedResult: 'passAndContinue' }] };
    expect(runJsonTest(pass, noTarget).failures).toEqual([]);
  });
});
