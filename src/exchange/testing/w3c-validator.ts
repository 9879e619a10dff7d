/**
 * A test helper (never imported by the app): checks Web Annotation JSON
 * against the MUST-level assertions of the W3C annotation-model test suite,
 * whose JSON Schemas (draft-04) and JSONtest `.test` files are committed
 * unchanged in `w3c-annotation-model/` (see its LICENSE-NOTE.md).
 *
 * Input: a single Annotation, an array of Annotations, or an
 * AnnotationCollection / AnnotationPage (annotations in `items`,
 * `first.items`, and embedded `next` pages). Annotations, pages and
 * collections embedded in a container inherit its `@context` (JSON-LD).
 * Items and pages given only by IRI are noted, not fetched.
 *
 * Every assertion of `annotations/annotationMusts.test` runs on each
 * annotation; with `containers`, `collections/collectionMusts.test` and
 * `collections/pages/pageMusts.test` run on each collection and page met.
 * The JSONtest format is read in full: nested lists, `assertionFile` with
 * local overrides, condition objects combining their `assertions` with
 * `compareWith` "and" / "or", `expectedResult`, `onUnexpectedResult`
 * (…AndContinue / …AndSkip / …AndAbort) and `skipFailures`. Formats use
 * ajv-formats' full mode (strict RFC 3986 URIs).
 *
 * The report's `output` is one line per annotation (`ok` or `FAIL`, each
 * failed assertion's title, source file and the suite's message), and
 * ends with `W3C annotation-model: N annotations, M failures`. `status` is
 * 0 when every MUST assertion passes, 1 when any fails, 2 when the input
 * cannot be read or holds no annotation.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { isObject, type Json } from '../json-guards';

/** The folder holding the suite's `definitions/`, `annotations/` and `collections/`. */
export const SUITE_DIR = fileURLToPath(new URL('./w3c-annotation-model/', import.meta.url));

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The .test files (JSONtest format) whose assertion lists are the MUST checks. */
const MUST_TESTS = {
  annotation: 'annotations/annotationMusts.test',
  collection: 'collections/collectionMusts.test',
  page: 'collections/pages/pageMusts.test',
} as const;

/** Keywords of the JSONtest format that are not JSON Schema. */
const JSONTEST_KEYWORDS = new Set([
  'assertionType',
  'expectedResult',
  'onUnexpectedResult',
  'errorMessage',
  'assertionFile',
  'assertions',
  'compareWith',
  'message',
]);

export interface W3COptions {
  /** Also run collectionMusts / pageMusts on every collection and page (the CLI's `--containers`). */
  containers?: boolean;
  /** Also show the JSON Schema errors behind each failure. */
  verbose?: boolean;
  /** Print only failing annotations and containers, and the summary. */
  quiet?: boolean;
}

export interface W3CReport {
  /** 0: every MUST assertion passed; 1: at least one failed; 2: unreadable input or no annotations. */
  status: 0 | 1 | 2;
  /** Annotations found and checked. */
  annotations: number;
  /** Failed MUST assertions, over annotations and (with `containers`) containers. */
  failures: number;
  /** Collections and pages checked (0 without `containers`). */
  containers: number;
  /** The report, one line per annotation and container, ending with the summary line. */
  output: string;
}

/** The suite cannot be read or the input is not usable (status 2). */
class UsageError extends Error {}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function hasType(value: unknown, name: string): boolean {
  return isObject(value) && asList(value.type).includes(name);
}

function hasAnnoContext(value: unknown): value is Json {
  return isObject(value) && asList(value['@context']).includes(ANNO_CONTEXT);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new UsageError(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parseJson(text, file);
}

/** Assertion titles are Markdown; make them readable as plain text. */
function plainTitle(md: unknown): string {
  if (typeof md !== 'string') return '(untitled assertion)';
  return md
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')
    .replace(/\*\*/g, '')
    .replace(/(^|[\s'"(])_([^_\s][^_]*?)_(?=$|[\s'",.;:)])/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------- suite loading

/**
 * Resolves an assertion reference the way the JSONtest format describes it:
 * no slash — relative to the .test file's folder; otherwise relative to the
 * root of the test collection (SUITE_DIR).
 */
function resolveAssertionPath(ref: string, testDir: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    throw new UsageError(`remote assertion reference not supported (offline): ${ref}`);
  }
  if (!ref.includes('/')) return path.join(testDir, ref);
  const rel = ref.replace(/^\/+/, '').replace(/^annotation-model\//, '');
  return path.join(SUITE_DIR, rel);
}

function createAjv(): Ajv04 {
  const ajv = new Ajv04({ allErrors: true, strict: false, validateSchema: false });
  addFormats(ajv);
  const defDir = path.join(SUITE_DIR, 'definitions');
  for (const name of readdirSync(defDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const schema = readJson(path.join(defDir, name));
    if (!isObject(schema)) throw new UsageError(`definitions/${name} is not a schema object`);
    // Definitions refer to each other by their relative ids (e.g. "id.json").
    ajv.addSchema(schema, typeof schema.id === 'string' ? undefined : name);
  }
  return ajv;
}

interface Meta {
  source: string;
  title: unknown;
  errorMessage: string | undefined;
  assertionType: string;
  expectedResult: 'valid' | 'invalid';
  onUnexpectedResult: string;
}

interface ListNode {
  kind: 'list';
  items: SuiteNode[];
}
interface LeafNode {
  kind: 'leaf';
  meta: Meta;
  validate: ValidateFunction;
}
interface ConditionNode {
  kind: 'condition';
  meta: Meta;
  compareWith: 'and' | 'or';
  children: ListNode;
}
type SuiteNode = ListNode | LeafNode | ConditionNode;

interface Failure {
  source: string;
  title: string;
  errorMessage: string | undefined;
  assertionType: string;
  ajvErrors: ErrorObject[];
  childFailures: Failure[];
}

interface SuiteReport {
  failures: Failure[];
  warnings: Failure[];
  ran: number;
  skipped: number;
}

type Action = 'continue' | 'skip' | 'abort';
interface Outcome {
  ok: boolean;
  action: Action;
}

const emptyReport = (): SuiteReport => ({ failures: [], warnings: [], ran: 0, skipped: 0 });

function countLeaves(node: SuiteNode): number {
  if (node.kind === 'leaf') return 1;
  if (node.kind === 'list') return node.items.reduce((n, i) => n + countLeaves(i), 0);
  return countLeaves(node.children);
}

/** One .test file's assertions, compiled. */
class MustSuite {
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly skipFailures: unknown[];
  private readonly root: ListNode;

  constructor(
    private readonly ajv: Ajv04,
    private readonly testFile: string,
    test: unknown = readJson(path.join(SUITE_DIR, testFile)),
  ) {
    if (!isObject(test) || !Array.isArray(test.assertions) || test.assertions.length === 0) {
      throw new UsageError(`${testFile} has no assertion list`);
    }
    this.skipFailures = asList(test.skipFailures);
    this.root = this.loadList(test.assertions, path.dirname(path.join(SUITE_DIR, testFile)));
  }

  private loadList(entries: unknown[], testDir: string): ListNode {
    return { kind: 'list', items: entries.map((e) => this.load(e, testDir)) };
  }

  private load(entry: unknown, testDir: string): SuiteNode {
    if (Array.isArray(entry)) return this.loadList(entry, testDir);
    let obj: Json;
    let source: string;
    let cacheKey: string | null = null;
    if (typeof entry === 'string') {
      source = entry;
      cacheKey = resolveAssertionPath(entry, testDir);
      const read = readJson(cacheKey);
      if (!isObject(read)) throw new UsageError(`assertion ${entry} is not a JSON object`);
      obj = read;
    } else if (isObject(entry)) {
      if (typeof entry.assertionFile === 'string') {
        // External assertion whose properties are overridden locally.
        source = entry.assertionFile;
        const base = readJson(resolveAssertionPath(entry.assertionFile, testDir));
        if (!isObject(base)) throw new UsageError(`assertion ${source} is not a JSON object`);
        obj = { ...base };
        for (const [k, v] of Object.entries(entry)) if (k !== 'assertionFile') obj[k] = v;
      } else {
        source = '(inline)';
        obj = entry;
      }
    } else {
      throw new UsageError(
        `unsupported assertion entry in ${this.testFile}: ${JSON.stringify(entry)}`,
      );
    }
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const meta: Meta = {
      source,
      title: obj.title,
      errorMessage: text(obj.errorMessage) ?? text(obj.message),
      assertionType: (text(obj.assertionType) ?? 'must').toLowerCase(),
      expectedResult: obj.expectedResult === 'invalid' ? 'invalid' : 'valid',
      onUnexpectedResult: text(obj.onUnexpectedResult) ?? 'failAndContinue',
    };
    if (Array.isArray(obj.assertions)) {
      // Condition object: combine the nested assertions with and / or.
      return {
        kind: 'condition',
        meta,
        compareWith: obj.compareWith === 'or' ? 'or' : 'and',
        children: this.loadList(obj.assertions, testDir),
      };
    }
    return { kind: 'leaf', meta, validate: this.compile(obj, source, cacheKey) };
  }

  private compile(obj: Json, source: string, cacheKey: string | null): ValidateFunction {
    const cached = cacheKey === null ? undefined : this.compiled.get(cacheKey);
    if (cached) return cached;
    const schema: Json = {};
    for (const [k, v] of Object.entries(obj)) if (!JSONTEST_KEYWORDS.has(k)) schema[k] = v;
    // Assertion files carry relative ids ("3.1-foo.json"); drop them so that
    // the same file can be compiled more than once (e.g. with overrides) and
    // relative $refs still resolve against the definitions ("id.json", …).
    if (typeof schema.id === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(schema.id)) delete schema.id;
    let fn: ValidateFunction;
    try {
      fn = this.ajv.compile(schema);
    } catch (err) {
      throw new UsageError(
        `cannot compile assertion ${source} from ${this.testFile}: ${(err as Error).message}`,
      );
    }
    if (cacheKey !== null) this.compiled.set(cacheKey, fn);
    return fn;
  }

  /** Runs the suite on one JSON value. */
  check(data: unknown): SuiteReport {
    const report = emptyReport();
    this.evalList(this.root, data, report);
    return report;
  }

  private evalNode(node: SuiteNode, data: unknown, report: SuiteReport): Outcome {
    if (node.kind === 'list') return this.evalList(node, data, report);
    if (node.kind === 'leaf') {
      if (node.meta.assertionType === 'must') report.ran += 1;
      const valid = node.validate(data) === true;
      const errors = node.validate.errors ? [...node.validate.errors] : [];
      return this.settle(node.meta, valid, errors, [], report);
    }
    // Condition object: its children are judged together (and / or) and
    // only the condition itself is reported.
    const sub = emptyReport();
    const inner = this.evalList(node.children, data, sub);
    report.ran += sub.ran;
    report.skipped += sub.skipped;
    const oks = inner.results.map((r) => r.ok);
    const combined = node.compareWith === 'or' ? oks.some(Boolean) : oks.every(Boolean);
    const outcome = this.settle(node.meta, combined, [], sub.failures.concat(sub.warnings), report);
    return inner.action === 'abort' ? { ...outcome, action: 'abort' } : outcome;
  }

  /**
   * Evaluates a list in order, honouring skip (the rest of this list) and
   * abort (the rest of the test) asked for by an assertion's onUnexpectedResult.
   */
  private evalList(
    node: ListNode,
    data: unknown,
    report: SuiteReport,
  ): Outcome & { results: Outcome[] } {
    let state: Action = 'continue';
    const results: Outcome[] = [];
    for (const item of node.items) {
      if (state !== 'continue') {
        report.skipped += countLeaves(item);
        continue;
      }
      const r = this.evalNode(item, data, report);
      results.push(r);
      if (r.action === 'abort') state = 'abort';
      else if (r.action === 'skip') state = 'skip';
    }
    return {
      ok: results.every((r) => r.ok),
      action: state === 'abort' ? 'abort' : 'continue',
      results,
    };
  }

  /** Compares an outcome with the expected result and records it. */
  private settle(
    meta: Meta,
    valid: boolean,
    ajvErrors: ErrorObject[],
    childFailures: Failure[],
    report: SuiteReport,
  ): Outcome {
    const asExpected = (meta.expectedResult === 'valid') === valid;
    if (asExpected) return { ok: true, action: 'continue' };
    const how = meta.onUnexpectedResult;
    const action: Action = /Abort$/.test(how) ? 'abort' : /Skip$/.test(how) ? 'skip' : 'continue';
    if (how.startsWith('pass')) return { ok: true, action };
    const entry: Failure = {
      source: meta.source,
      title: plainTitle(meta.title),
      errorMessage: meta.errorMessage,
      assertionType: meta.assertionType,
      ajvErrors,
      childFailures,
    };
    const counted =
      meta.assertionType === 'must' && !this.skipFailures.includes(meta.assertionType);
    (counted ? report.failures : report.warnings).push(entry);
    return { ok: false, action };
  }
}

// ---------------------------------------------------------------- input walking

function isContainer(value: unknown): value is Json {
  if (!isObject(value)) return false;
  if (hasType(value, 'AnnotationCollection') || hasType(value, 'AnnotationPage')) return true;
  if (hasType(value, 'Annotation') || 'target' in value) return false;
  // Untyped wrapper that only lists annotations.
  return Array.isArray(value.items) || (isObject(value.first) && Array.isArray(value.first.items));
}

interface Found {
  value: unknown;
  where: string;
  inheritedContext: unknown;
}
interface FoundContainer extends Found {
  kind: 'collection' | 'page';
}

/** Every annotation, collection and page of a document, with the @context each inherits. */
function collect(doc: unknown): {
  annotations: Found[];
  containers: FoundContainer[];
  notes: string[];
} {
  const annotations: Found[] = [];
  const containers: FoundContainer[] = [];
  const notes: string[] = [];
  const join = (where: string, key: string) => (where ? `${where}.${key}` : key);
  const contextOf = (obj: Json, fallback: unknown) =>
    hasAnnoContext(obj) ? obj['@context'] : fallback;

  const addItems = (items: unknown[], where: string, ctx: unknown) => {
    items.forEach((item, i) => {
      const at = `${where}[${i}]`;
      if (typeof item === 'string') notes.push(`${at} is a reference (${item}); not checked`);
      else if (isContainer(item)) walkContainer(item, at, ctx);
      else annotations.push({ value: item, where: at, inheritedContext: ctx });
    });
  };

  // A page and any pages embedded through `next`.
  const walkPage = (page: unknown, where: string, ctx: unknown) => {
    const seen = new Set<unknown>();
    let current = page;
    let at = where;
    while (isObject(current) && !seen.has(current)) {
      seen.add(current);
      containers.push({ value: current, where: at, kind: 'page', inheritedContext: ctx });
      if (Array.isArray(current.items)) {
        addItems(current.items, join(at, 'items'), contextOf(current, ctx));
      } else notes.push(`${at || 'page'} has no items array`);
      if (typeof current.next === 'string') {
        notes.push(
          `${join(at, 'next')} is a reference (${current.next}); later pages are not fetched`,
        );
      }
      current = current.next;
      at = join(at, 'next');
    }
  };

  const walkContainer = (obj: Json, where: string, ctx: unknown) => {
    if (hasType(obj, 'AnnotationPage')) {
      walkPage(obj, where, ctx);
      return;
    }
    const isCollection = hasType(obj, 'AnnotationCollection');
    if (isCollection) {
      containers.push({ value: obj, where, kind: 'collection', inheritedContext: ctx });
    }
    const ownCtx = contextOf(obj, ctx);
    const first = obj.first;
    if (isObject(first)) {
      if (isCollection || hasType(first, 'AnnotationPage')) {
        walkPage(first, join(where, 'first'), ownCtx);
      } else if (Array.isArray(first.items)) {
        addItems(first.items, join(where, 'first.items'), ownCtx);
      }
    } else if (typeof first === 'string') {
      notes.push(
        `${join(where, 'first')} is a reference (${first}); its annotations are not fetched`,
      );
    }
    if (Array.isArray(obj.items)) addItems(obj.items, join(where, 'items'), ownCtx);
  };

  if (Array.isArray(doc)) addItems(doc, '', undefined);
  else if (isContainer(doc)) walkContainer(doc, '', undefined);
  else annotations.push({ value: doc, where: '', inheritedContext: undefined });
  return { annotations, containers, notes };
}

/** JSON-LD: an object embedded in a page or collection inherits its @context. */
function withInheritedContext(
  value: unknown,
  ctx: unknown,
): { value: unknown; inherited: boolean } {
  if (ctx === undefined || !isObject(value) || '@context' in value) {
    return { value, inherited: false };
  }
  return { value: { '@context': ctx, ...value }, inherited: true };
}

// ---------------------------------------------------------------- reporting

function label(value: unknown, where: string, index: number): string {
  const parts = [`#${index}`];
  if (isObject(value)) {
    const id = asList(value.id)[0];
    if (typeof id === 'string') parts.push(id);
  }
  if (where) parts.push(`at ${where}`);
  return parts.join(' ');
}

function printFailures(out: string[], report: SuiteReport, verbose: boolean): void {
  for (const f of report.failures) {
    out.push(`    FAIL [${f.source}] ${f.title}`);
    if (f.errorMessage) out.push(`         ${f.errorMessage.trim()}`);
    if (verbose) printDetails(out, f, '         ');
  }
  for (const w of report.warnings) {
    out.push(`    warn (${w.assertionType}) [${w.source}] ${w.title}`);
  }
}

function printDetails(out: string[], f: Failure, indent: string): void {
  const seen = new Set<string>();
  for (const e of f.ajvErrors) {
    const missing = (e.params as { missingProperty?: unknown }).missingProperty;
    const line = `${e.instancePath || '/'} ${e.message ?? ''}${missing ? ` (${String(missing)})` : ''}`;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(`${indent}schema: ${line}`);
    if (seen.size >= 8) {
      out.push(`${indent}schema: ...`);
      break;
    }
  }
  for (const c of f.childFailures)
    out.push(`${indent}sub-assertion failed: [${c.source}] ${c.title}`);
}

// ---------------------------------------------------------------- entry points

let sharedAjv: Ajv04 | undefined;
/** One Ajv holding the suite's definitions, per process. */
function loadAjv(): Ajv04 {
  sharedAjv ??= createAjv();
  return sharedAjv;
}

let suites: { annotation: MustSuite; collection: MustSuite; page: MustSuite } | undefined;
/** The three suites, compiled once per process. */
function loadSuites() {
  if (!suites) {
    const ajv = loadAjv();
    suites = {
      annotation: new MustSuite(ajv, MUST_TESTS.annotation),
      collection: new MustSuite(ajv, MUST_TESTS.collection),
      page: new MustSuite(ajv, MUST_TESTS.page),
    };
  }
  return suites;
}

function usageReport(message: string): W3CReport {
  return { status: 2, annotations: 0, failures: 0, containers: 0, output: `error: ${message}` };
}

/** Checks a parsed JSON document (see the module comment). */
export function validateW3C(doc: unknown, options: W3COptions = {}): W3CReport {
  let loaded: ReturnType<typeof loadSuites>;
  try {
    loaded = loadSuites();
  } catch (err) {
    if (err instanceof UsageError) return usageReport(err.message);
    throw err;
  }
  const out: string[] = [];
  const { annotations, containers, notes } = collect(doc);

  for (const note of notes) out.push(`note: ${note}`);
  if (annotations.length === 0) {
    out.push('error: no annotations found in input');
    out.push('W3C annotation-model: 0 annotations, 0 failures');
    return { status: 2, annotations: 0, failures: 0, containers: 0, output: out.join('\n') };
  }

  let failures = 0;
  let failingAnnotations = 0;
  annotations.forEach((entry, i) => {
    const name = label(entry.value, entry.where, i + 1);
    if (!isObject(entry.value)) {
      const v = entry.value;
      const got = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
      failingAnnotations += 1;
      failures += 1;
      out.push(`FAIL annotation ${name}: not a JSON object (got ${got}); no assertions run`);
      return;
    }
    const { value, inherited } = withInheritedContext(entry.value, entry.inheritedContext);
    const report = loaded.annotation.check(value);
    const suffix = inherited ? ' (@context inherited from container)' : '';
    if (report.failures.length > 0) {
      failingAnnotations += 1;
      failures += report.failures.length;
      out.push(
        `FAIL annotation ${name}: ${report.failures.length} of ${report.ran} MUST assertions failed${suffix}`,
      );
      printFailures(out, report, options.verbose ?? false);
    } else if (!options.quiet) {
      const skipped = report.skipped ? `, ${report.skipped} skipped` : '';
      out.push(`ok   annotation ${name}: ${report.ran} MUST assertions passed${skipped}${suffix}`);
      if (report.warnings.length) printFailures(out, report, options.verbose ?? false);
    }
  });

  let containerFailures = 0;
  if (options.containers) {
    for (const c of containers) {
      const { value, inherited } = withInheritedContext(c.value, c.inheritedContext);
      const report = loaded[c.kind].check(value);
      const name = `${c.kind}${c.where ? ` at ${c.where}` : ''}${inherited ? ' (@context inherited)' : ''}`;
      if (report.failures.length > 0) {
        containerFailures += report.failures.length;
        out.push(`FAIL ${name}: ${report.failures.length} of ${report.ran} MUST assertions failed`);
        printFailures(out, report, options.verbose ?? false);
      } else if (!options.quiet) {
        out.push(`ok   ${name}: ${report.ran} MUST assertions passed`);
      }
    }
  }

  const total = failures + containerFailures;
  const checked = options.containers ? containers.length : 0;
  const extra = options.containers
    ? `; ${checked} containers checked, ${containerFailures} container failures`
    : '';
  out.push(`-- ${failingAnnotations} of ${annotations.length} annotations non-conforming${extra}`);
  out.push(`W3C annotation-model: ${annotations.length} annotations, ${total} failures`);
  return {
    status: total > 0 ? 1 : 0,
    annotations: annotations.length,
    failures: total,
    containers: checked,
    output: out.join('\n'),
  };
}

/** Checks a JSON file (a leading byte-order mark is allowed); status 2 if it cannot be read or parsed. */
export function validateW3CFile(file: string, options: W3COptions = {}): W3CReport {
  let doc: unknown;
  try {
    doc = readJson(file);
  } catch (err) {
    if (err instanceof UsageError) return usageReport(err.message);
    throw err;
  }
  return validateW3C(doc, options);
}

/**
 * Runs one test in the JSONtest format (`test`, an object like the `.test`
 * files, its references resolved as if it were the file `testFile` of the
 * suite) on a JSON value. For checking how the validator reads the format:
 * returns the sources of the failed MUST assertions, of the other failed
 * assertions (warnings), and how many MUST assertions ran and were skipped.
 */
export function runJsonTest(
  test: unknown,
  data: unknown,
  testFile = 'annotations/inline.test',
): { failures: string[]; warnings: string[]; ran: number; skipped: number } {
  const report = new MustSuite(loadAjv(), testFile, test).check(data);
  return {
    failures: report.failures.map((f) => f.source),
    warnings: report.warnings.map((w) => w.source),
    ran: report.ran,
    skipped: report.skipped,
  };
}
