// @vitest-environment jsdom
/**
 * Tests of the XLIFF 2.0 exchange: the export's structure and its validity
 * against the OASIS schema (with xmllint-wasm: libxml2's xmllint compiled to
 * WebAssembly, an npm devDependency, so no system package), round trips through edits a CAT
 * tool would make, hostile text, and the import's problem reports.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// The Node build, by path: under jsdom the package's "browser" field could win.
import { validateXML } from 'xmllint-wasm/index-node.js';
import { CodePointIndex } from '../anchoring/code-points';
import { describe as describeSpan } from '../anchoring/describe';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import type { Review, ReviewStatus } from '../model/review';
import { reviewFor, setStatus } from '../review/review';
import {
  NEEDS_REVISION_SUBSTATE,
  XLIFF_NS,
  parseXliff,
  stateFor,
  statusFor,
  toXliff,
  unitIdFor,
} from './xliff';

const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2024-01-02T00:00:00.000Z';

// A string, not a URL object: under jsdom, URL is jsdom's, which node:url refuses.
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The OASIS XLIFF 2.0 core schema and the xml.xsd it imports (testing/xliff/README.md).
const SCHEMA_DIR = join(REPO, 'src/exchange/testing/xliff');
const SCHEMA = {
  fileName: 'xliff_core_2.0.xsd',
  contents: readFileSync(join(SCHEMA_DIR, 'xliff_core_2.0.xsd'), 'utf8'),
};
// Beside the schema in xmllint's in-memory file system, where its import looks.
const XML_XSD = {
  fileName: 'xml.xsd',
  contents: readFileSync(join(SCHEMA_DIR, 'xml.xsd'), 'utf8'),
};

const article = JSON.parse(
  readFileSync(join(REPO, 'public/articles/parler-amazon-fr.json'), 'utf8'),
) as Article;

/** A quote annotation on the first occurrence of `exact` in the article's text. */
function quoteOn(art: Article, id: string, exact: string, speaker?: string): Annotation {
  const text = canonicalText(art.blocks);
  const at = text.indexOf(exact);
  if (at < 0) throw new Error(`not in the article: ${exact}`);
  const index = new CodePointIndex(text);
  const start = index.toCodePoint(at);
  const end = index.toCodePoint(at + exact.length);
  return {
    id,
    articleId: art.id,
    kind: 'quote',
    start,
    end,
    ...describeSpan(index, start, end),
    note: '',
    fields: speaker === undefined ? {} : { speaker },
    created: T0,
    modified: T0,
  };
}

// Quotes of the article, given out of document order on purpose.
const QUOTES: Annotation[] = [
  quoteOn(
    article,
    'c0a1b2c3-0000-4000-8000-000000000003',
    'AWS a tenté de justifier la répudiation',
    'Parler',
  ),
  quoteOn(
    article,
    'c0a1b2c3-0000-4000-8000-000000000001',
    "n'avait pas allégué les faits de base",
    'un juge',
  ),
  quoteOn(
    article,
    'c0a1b2c3-0000-4000-8000-000000000002',
    'a répudié et violé son contrat',
    'Parler',
  ),
  quoteOn(article, 'c0a1b2c3-0000-4000-8000-000000000004', 'La vraie raison pour laquelle AWS'),
];
const [Q3, Q1, Q2, Q4] = QUOTES as [Annotation, Annotation, Annotation, Annotation];

/** A review of `quote` with the given status, translation and comment. */
function review(
  quote: Annotation,
  status: ReviewStatus,
  translation: string,
  comment = '',
): Review {
  const r = reviewFor(quote, undefined, translation, T0);
  return { ...setStatus(r, status, quote, T0), comment, origin: 'human' };
}

/** Reviews in all four statuses. */
function allStatuses(): Map<string, Review> {
  return new Map([
    [Q1.id, review(Q1, 'approved', 'had not alleged the basic facts', 'Good.')],
    [Q2.id, review(Q2, 'translated', 'repudiated and breached its contract')],
    [Q3.id, review(Q3, 'needs-revision', 'AWS tried to justify', 'Too literal')],
    [Q4.id, reviewFor(Q4, undefined, 'The real reason why AWS', T0)],
  ]);
}

const B3S1_FR =
  "Après que la plate-forme pour la liberté d'expression ait intenté une action en justice contre Amazon Web Services (AWS) en janvier 2021, un juge a annulé le cas de Parler , affirmant que la plate-forme «n'avait pas allégué les faits de base».";
const B3S1_EN =
  'After the free-speech platform filed a lawsuit against Amazon Web Services (AWS) in January 2021, a judge dismissed Parler\'s case, stating that the platform "had not alleged the basic facts."';

/** Context of Q1 (its sentence and gloss) and of Q4 (a sentence without a gloss). */
const CONTEXTS = new Map([
  [Q1.id, { sentence: B3S1_FR, gloss: B3S1_EN }],
  [Q4.id, { sentence: 'La vraie raison pour laquelle AWS…' }],
]);

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'application/xml');
}

function unitOf(doc: Document, id: string): Element {
  const unit = Array.from(doc.getElementsByTagNameNS(XLIFF_NS, 'unit')).find(
    (u) => u.getAttribute('id') === id,
  );
  if (!unit) throw new Error(`no unit ${id}`);
  return unit;
}

function child(el: Element, name: string): Element | undefined {
  return el.getElementsByTagNameNS(XLIFF_NS, name)[0];
}

/**
 * Runs xmllint's schema validation of `xml` against the OASIS schema; 0 when
 * it validates (as xmllint's exit status), and its messages.
 */
async function xmllint(xml: string): Promise<{ status: number; output: string }> {
  const result = await validateXML({
    xml: { fileName: 'export.xlf', contents: xml },
    schema: SCHEMA,
    preload: [XML_XSD],
  });
  return { status: result.valid ? 0 : 1, output: result.rawOutput };
}

describe('status ↔ state', () => {
  it('round-trips every status', () => {
    for (const status of ['to-review', 'translated', 'approved', 'needs-revision'] as const) {
      const { state, subState } = stateFor(status);
      expect(statusFor(state, subState)).toBe(status);
    }
  });

  it('reads a reviewed segment as approved, and ignores our subState on other states', () => {
    expect(statusFor('reviewed')).toBe('approved');
    expect(statusFor('final', NEEDS_REVISION_SUBSTATE)).toBe('approved');
    expect(statusFor('translated', 'other:thing')).toBe('translated');
  });
});

describe('toXliff', () => {
  const xml = toXliff(article, QUOTES, allStatuses());

  it('has the XLIFF 2.0 core structure', () => {
    const doc = parse(xml);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.localName).toBe('xliff');
    expect(root.namespaceURI).toBe('urn:oasis:names:tc:xliff:document:2.0');
    expect(root.getAttribute('version')).toBe('2.0');
    expect(root.getAttribute('srcLang')).toBe('fr');
    expect(root.getAttribute('trgLang')).toBe('en');

    const files = root.getElementsByTagNameNS(XLIFF_NS, 'file');
    expect(files).toHaveLength(1);
    expect(files[0]!.getAttribute('original')).toBe('parler-amazon-fr');

    const units = Array.from(doc.getElementsByTagNameNS(XLIFF_NS, 'unit'));
    // Document order, whatever the order of the quotes given.
    expect(units.map((u) => u.getAttribute('id'))).toEqual([Q1.id, Q2.id, Q3.id, Q4.id]);
    for (const unit of units) {
      const segment = child(unit, 'segment')!;
      expect(segment.parentElement).toBe(unit);
      expect(child(segment, 'source')).toBeDefined();
    }

    const u1 = unitOf(doc, Q1.id);
    expect(child(u1, 'source')!.textContent).toBe(Q1.exact);
    expect(child(u1, 'target')!.textContent).toBe('had not alleged the basic facts');
    const notes = Array.from(u1.getElementsByTagNameNS(XLIFF_NS, 'note'));
    expect(notes.map((n) => [n.getAttribute('category'), n.textContent])).toEqual([
      ['speaker', 'un juge'],
      ['comment', 'Good.'],
    ]);
    // No speaker and no comment: no <notes> at all (it may not be empty).
    expect(child(unitOf(doc, Q4.id), 'notes')).toBeUndefined();
  });

  it('carries the sentence and its English gloss as context notes', () => {
    const doc = parse(toXliff(article, QUOTES, allStatuses(), CONTEXTS));
    const notesOf = (q: Annotation) =>
      Array.from(unitOf(doc, q.id).getElementsByTagNameNS(XLIFF_NS, 'note')).map((n) => [
        n.getAttribute('category'),
        n.getAttribute('appliesTo'),
        n.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
        n.textContent,
      ]);
    expect(notesOf(Q1)).toEqual([
      ['context', 'source', 'fr', B3S1_FR],
      ['context', 'target', 'en', B3S1_EN],
      ['speaker', null, null, 'un juge'],
      ['comment', null, null, 'Good.'],
    ]);
    // Without a gloss, only the sentence; <notes> now exists for Q4.
    expect(notesOf(Q4)).toEqual([
      ['context', 'source', 'fr', 'La vraie raison pour laquelle AWS…'],
    ]);
    // No context given: none written.
    expect(notesOf(Q2)).toEqual([['speaker', null, null, 'Parler']]);
  });

  it('ignores context notes on import', () => {
    const reviews = allStatuses();
    const xml = toXliff(article, QUOTES, reviews, CONTEXTS);
    expect(parseXliff(xml, article, QUOTES, reviews, T1)).toEqual({ updates: [], report: [] });
  });

  it('maps statuses to segment states', () => {
    const doc = parse(xml);
    const stateOf = (q: Annotation) => {
      const s = child(unitOf(doc, q.id), 'segment')!;
      return [s.getAttribute('state'), s.getAttribute('subState')];
    };
    expect(stateOf(Q1)).toEqual(['final', null]);
    expect(stateOf(Q2)).toEqual(['translated', null]);
    expect(stateOf(Q3)).toEqual(['translated', 'glossa:needs-revision']);
    expect(stateOf(Q4)).toEqual(['initial', null]);
  });

  it('exports a stale approval as "to review"', () => {
    const stale = {
      ...review(Q1, 'approved', 'x'),
      approvedQuote: { start: 0, end: 1, exact: 'P' },
    };
    const doc = parse(toXliff(article, [Q1], new Map([[Q1.id, stale]])));
    expect(child(unitOf(doc, Q1.id), 'segment')!.getAttribute('state')).toBe('initial');
  });

  it('omits the target of a quote with no translation yet', () => {
    const doc = parse(toXliff(article, [Q1], new Map()));
    const segment = child(unitOf(doc, Q1.id), 'segment')!;
    expect(segment.getAttribute('state')).toBe('initial');
    expect(child(segment, 'target')).toBeUndefined();
  });

  it('leaves out annotations that are not quotes of this article', () => {
    const claim: Annotation = { ...Q1, id: 'claim-1', kind: 'claim' };
    const elsewhere: Annotation = { ...Q2, id: 'other-1', articleId: 'other' };
    const doc = parse(toXliff(article, [claim, elsewhere, Q3], new Map()));
    const ids = Array.from(doc.getElementsByTagNameNS(XLIFF_NS, 'unit')).map((u) => u.id);
    expect(ids).toEqual([Q3.id]);
  });
});

describe('schema validation (xmllint)', () => {
  it('validates an export with every status', async () => {
    const { status, output } = await xmllint(toXliff(article, QUOTES, allStatuses()));
    expect(output).toContain('validates');
    expect(status).toBe(0);
  });

  it('validates an export with context notes', async () => {
    const xml = toXliff(article, QUOTES, allStatuses(), CONTEXTS);
    expect(xml).toContain('category="context"');
    const { status, output } = await xmllint(xml);
    expect(output).toContain('validates');
    expect(status).toBe(0);
  });

  it('validates an export with no quotes', async () => {
    expect((await xmllint(toXliff(article, [], new Map()))).status).toBe(0);
  });

  it('validates an export of hostile text and odd ids', async () => {
    const { art, quote, reviews, hostile } = hostileFixture();
    const odd: Annotation = { ...quote, id: 'https://example.org/anno/1 «é»' };
    const contexts = new Map([[quote.id, { sentence: hostile, gloss: `${hostile}\u0001` }]]);
    const { status, output } = await xmllint(toXliff(art, [quote, odd], reviews, contexts));
    expect(output).toContain('validates');
    expect(status).toBe(0);
  });

  it('rejects an invalid document, so the check can fail', async () => {
    const xml = toXliff(article, QUOTES, allStatuses(), CONTEXTS);
    const bad = xml.replace('state="final"', 'state="done"');
    expect(bad).not.toBe(xml);
    const { status, output } = await xmllint(bad);
    expect(status).not.toBe(0);
    expect(output).toContain('fails to validate');
    // And a missing required attribute.
    expect((await xmllint(xml.replace(' srcLang="fr"', ''))).status).not.toBe(0);
    // And a note attribute the core does not define.
    expect((await xmllint(xml.replace('appliesTo="source"', 'appliesTo="both"'))).status).not.toBe(
      0,
    );
  });
});

describe('parseXliff round trip', () => {
  it('changes nothing when the file comes back untouched', () => {
    const reviews = allStatuses();
    const result = parseXliff(toXliff(article, QUOTES, reviews), article, QUOTES, reviews, T1);
    expect(result).toEqual({ updates: [], report: [] });
  });

  it('restores every status, translation and comment into an empty store', () => {
    const reviews = allStatuses();
    const { updates, report } = parseXliff(
      toXliff(article, QUOTES, reviews),
      article,
      QUOTES,
      new Map(),
      T1,
    );
    expect(report).toEqual([]);
    // Q4's target is only a suggestion, but the file cannot say so: it comes back as a translation.
    expect(updates.map((u) => u.annotationId)).toEqual([Q1.id, Q2.id, Q3.id, Q4.id]);
    for (const u of updates) {
      const r = reviews.get(u.annotationId)!;
      expect([u.translation, u.status, u.comment]).toEqual([r.translation, r.status, r.comment]);
    }
    expect(updates[0]!.approvedQuote).toEqual({ start: Q1.start, end: Q1.end, exact: Q1.exact });
  });

  it('imports what a CAT tool changed in the DOM', () => {
    const reviews = allStatuses();
    const doc = parse(toXliff(article, QUOTES, reviews));
    // Q4: the translator edits the suggestion and marks it translated.
    const s4 = child(unitOf(doc, Q4.id), 'segment')!;
    child(s4, 'target')!.textContent = 'The true reason AWS';
    s4.setAttribute('state', 'translated');
    // Q3: revised, then signed off by the reviewer.
    const s3 = child(unitOf(doc, Q3.id), 'segment')!;
    child(s3, 'target')!.textContent = 'AWS attempted to justify';
    s3.setAttribute('state', 'reviewed');
    s3.removeAttribute('subState');
    // Q2: sent back for revision, with a comment note added.
    const u2 = unitOf(doc, Q2.id);
    child(u2, 'segment')!.setAttribute('subState', NEEDS_REVISION_SUBSTATE);
    const note = doc.createElementNS(XLIFF_NS, 'note');
    note.setAttribute('category', 'comment');
    note.textContent = '« violé » is "breached"?';
    child(u2, 'notes')!.appendChild(note);
    // Q1: untouched.

    const xml = new XMLSerializer().serializeToString(doc);
    const { updates, report } = parseXliff(xml, article, QUOTES, reviews, T1);
    expect(report).toEqual([]);
    const byId = new Map(updates.map((u) => [u.annotationId, u]));
    expect(byId.has(Q1.id)).toBe(false);
    expect(byId.get(Q2.id)).toMatchObject({
      translation: 'repudiated and breached its contract',
      status: 'needs-revision',
      comment: '« violé » is "breached"?',
      modified: T1,
    });
    expect(byId.get(Q3.id)).toMatchObject({
      translation: 'AWS attempted to justify',
      origin: 'human',
      status: 'approved',
      approvedQuote: { start: Q3.start, end: Q3.end, exact: Q3.exact },
    });
    expect(byId.get(Q4.id)).toMatchObject({
      translation: 'The true reason AWS',
      origin: 'human',
      status: 'translated',
    });
  });

  it('imports a hand-edited file', () => {
    const reviews = new Map([[Q4.id, reviewFor(Q4, undefined, 'The real reason why AWS', T0)]]);
    const exported = toXliff(article, [Q1, Q4], reviews);
    // Q1 had no review: add a target and mark it final, as someone would in a text editor.
    const edited = exported
      .replace(
        /(<unit id="c0a1b2c3-0000-4000-8000-000000000001">[^]*?)<segment state="initial">([^]*?<\/source>)/,
        '$1<segment state="final">$2\n        <target>had not alleged &amp; the &lt;basic&gt; facts</target>',
      )
      // Q4: the suggestion accepted as it is.
      .replace(
        /(<unit id="c0a1b2c3-0000-4000-8000-000000000004">[^]*?)state="initial"/,
        '$1state="translated"',
      );
    expect(edited).not.toBe(exported);

    const { updates, report } = parseXliff(edited, article, [Q1, Q4], reviews, T1);
    expect(report).toEqual([]);
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({
      annotationId: Q1.id,
      translation: 'had not alleged & the <basic> facts',
      origin: 'human',
      status: 'approved',
    });
    // The translation is unchanged, but accepting it makes it the translator's.
    expect(updates[1]).toMatchObject({
      annotationId: Q4.id,
      translation: 'The real reason why AWS',
      origin: 'human',
      status: 'translated',
    });
  });

  it('reads segments a tool split, and targets with inline markers', () => {
    const xml = toXliff(article, [Q2], new Map()).replace(
      /<segment state="initial">[^]*?<\/segment>/,
      '<segment state="translated"><source>a répudié </source><target>repudiated </target></segment>' +
        '<ignorable><source>et </source></ignorable>' +
        '<segment state="final"><source>violé son contrat</source>' +
        '<target><mrk id="m1" type="term">breached</mrk> its contract</target></segment>',
    );
    const { updates, report } = parseXliff(xml, article, [Q2], new Map(), T1);
    expect(report).toEqual([]);
    expect(updates[0]).toMatchObject({
      translation: 'repudiated et breached its contract',
      status: 'translated',
    });
  });
});

/** An article whose quote, speaker, comment and translation are all hostile. */
function hostileFixture() {
  const hostile = '<img src=x onerror=alert(1)> ]]> &amp; "q" \'a\' «guillemets» & <![CDATA[x]]>';
  const art: Article = {
    id: 'hostile & "article"',
    title: 't',
    lang: 'fr',
    blocks: [{ type: 'paragraph', text: `Il a dit ${hostile} hier.` }],
  };
  const quote = quoteOn(
    art,
    'a0a1b2c3-0000-4000-8000-000000000009',
    hostile,
    `${hostile} (speaker)`,
  );
  const reviews = new Map([
    [quote.id, review(quote, 'needs-revision', `${hostile} (en)`, `${hostile} (comment)`)],
  ]);
  return { hostile, art, quote, reviews };
}

describe('hostile text', () => {
  it('is escaped in the XML and round-trips as the same text', () => {
    const { hostile, art, quote, reviews } = hostileFixture();
    const xml = toXliff(art, [quote], reviews);
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<![CDATA[');

    const doc = parse(xml);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
    expect(child(doc.documentElement, 'file')!.getAttribute('original')).toBe(art.id);
    const unit = unitOf(doc, quote.id);
    expect(child(unit, 'source')!.textContent).toBe(hostile);
    expect(child(unit, 'target')!.textContent).toBe(`${hostile} (en)`);
    const notes = Array.from(unit.getElementsByTagNameNS(XLIFF_NS, 'note'));
    expect(notes.map((n) => n.textContent)).toEqual([
      `${hostile} (speaker)`,
      `${hostile} (comment)`,
    ]);

    // Nothing differs, so nothing to update; into an empty store, all comes back.
    expect(parseXliff(xml, art, [quote], reviews, T1)).toEqual({ updates: [], report: [] });
    const { updates } = parseXliff(xml, art, [quote], new Map(), T1);
    expect(updates[0]).toMatchObject({
      translation: `${hostile} (en)`,
      comment: `${hostile} (comment)`,
      status: 'needs-revision',
    });
  });

  it('keeps CR, tabs and characters XML cannot carry in source and target', async () => {
    const odd = 'a\u0001b\r\nc\td\uFFFEe\uD800f😀';
    const art: Article = {
      id: 'odd',
      title: 't',
      lang: 'fr',
      blocks: [{ type: 'paragraph', text: odd }],
    };
    const quote = quoteOn(art, 'odd-1', odd, 'x\u0002y');
    const reviews = new Map([[quote.id, review(quote, 'translated', `${odd}!`, 'c\u0003d\re')]]);
    const xml = toXliff(art, [quote], reviews);
    expect(xml).toContain('<cp hex="0001"/>');
    expect(xml).toContain('<cp hex="D800"/>');
    expect((await xmllint(xml)).status).toBe(0);

    const unit = unitOf(parse(xml), quote.id);
    const notes = Array.from(unit.getElementsByTagNameNS(XLIFF_NS, 'note'));
    // Notes cannot hold <cp>: illegal characters are dropped there, CR is kept.
    expect(notes.map((n) => n.textContent)).toEqual(['xy', 'cd\re']);

    const { updates, report } = parseXliff(xml, art, [quote], new Map(), T1);
    expect(report).toEqual([]);
    expect(updates[0]!.translation).toBe(`${odd}!`);
  });

  it('finds units of ids that are not NMTOKENs', () => {
    const id = 'https://example.org/anno/1 «é»';
    const quote: Annotation = { ...Q1, id };
    expect(unitIdFor(Q1.id)).toBe(Q1.id);
    expect(unitIdFor(id)).toMatch(/^[A-Za-z0-9._:-]+$/);
    const xml = toXliff(article, [quote], new Map([[id, review(quote, 'approved', 'ok')]]));
    const { updates, report } = parseXliff(xml, article, [quote], new Map(), T1);
    expect(report).toEqual([]);
    expect(updates[0]).toMatchObject({ annotationId: id, status: 'approved' });
  });
});

describe('parseXliff problems', () => {
  const reviews = allStatuses();
  const xml = toXliff(article, QUOTES, reviews);

  it('reports unknown units and changed sources, and applies the rest', () => {
    const edited = xml
      .replace(`<unit id="${Q2.id}">`, '<unit id="no-such-quote">')
      .replace("n'avait pas allégué", "n'a pas allégué")
      .replace('AWS tried to justify', 'AWS sought to justify');
    const { updates, report } = parseXliff(edited, article, QUOTES, reviews, T1);
    expect(report).toEqual([
      expect.objectContaining({ code: 'source-mismatch', severity: 'warning', id: Q1.id }),
      expect.objectContaining({ code: 'unknown-unit', severity: 'warning', id: 'no-such-quote' }),
    ]);
    expect(updates.map((u) => [u.annotationId, u.translation])).toEqual([
      [Q3.id, 'AWS sought to justify'],
    ]);
  });

  it('reports a state XLIFF does not define, and a repeated unit', () => {
    const u2 = xml.slice(
      xml.indexOf(`<unit id="${Q2.id}">`),
      xml.indexOf('</unit>', xml.indexOf(Q2.id)) + 7,
    );
    const edited = xml
      .replace('state="final"', 'state="approved"')
      .replace('</file>', `${u2.replace('repudiated', 'REPUDIATED')}\n</file>`);
    const { updates, report } = parseXliff(edited, article, QUOTES, reviews, T1);
    expect(report.map((p) => [p.code, p.id])).toEqual([
      ['bad-state', Q1.id],
      ['duplicate-unit', Q2.id],
    ]);
    expect(updates).toEqual([]);
  });

  it.each([
    ['truncated', xml.slice(0, xml.length / 2)],
    ['unescaped ampersand', xml.replace('Good.', 'Good & bad')],
    ['not XML at all', 'quote,speaker\r\nx,y\r\n'],
  ])('refuses malformed XML (%s) with one fatal problem', (_what, text) => {
    const { updates, report } = parseXliff(text, article, QUOTES, reviews, T1);
    expect(updates).toEqual([]);
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ code: 'malformed-xml', severity: 'error' });
  });

  it.each([
    ['an XLIFF 1.2 file', '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>'],
    ['another vocabulary', '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'],
    ['XLIFF 3', xml.replace('version="2.0"', 'version="3.0"')],
    ['a DTD', `<!DOCTYPE xliff [<!ENTITY a "aaaa">]>\n${xml.replace(/^<\?xml[^>]*\?>\n/, '')}`],
  ])('refuses %s as not XLIFF', (_what, text) => {
    const { updates, report } = parseXliff(text, article, QUOTES, reviews, T1);
    expect(updates).toEqual([]);
    expect(report).toEqual([expect.objectContaining({ code: 'not-xliff', severity: 'error' })]);
  });

  it("refuses another article's file", () => {
    const other: Article = { ...article, id: 'another-article' };
    const otherQuotes = QUOTES.map((q) => ({ ...q, articleId: other.id }));
    const theirs = toXliff(other, otherQuotes, new Map());
    // Same unit ids and sources: only the file's article tells them apart.
    const { updates, report } = parseXliff(theirs, article, QUOTES, reviews, T1);
    expect(updates).toEqual([]);
    expect(report).toEqual([expect.objectContaining({ code: 'other-article', severity: 'error' })]);
  });

  it('matches a file without `original` by its unit ids', () => {
    const edited = xml
      .replace(' original="parler-amazon-fr"', '')
      .replace(
        '<target>repudiated and breached its contract</target>',
        '<target>repudiated and broke its contract</target>',
      );
    expect(edited).not.toContain('original=');
    const { updates, report } = parseXliff(edited, article, QUOTES, reviews, T1);
    expect(report).toEqual([]);
    expect(updates).toEqual([
      expect.objectContaining({
        annotationId: Q2.id,
        translation: 'repudiated and broke its contract',
      }),
    ]);
    // Another article's units, without `original`, match no quote: reported, nothing applied.
    const foreign = edited.replaceAll('c0a1b2c3-', 'ffffffff-');
    const other = parseXliff(foreign, article, QUOTES, reviews, T1);
    expect(other.updates).toEqual([]);
    expect(other.report.map((p) => p.code)).toEqual(Array(4).fill('unknown-unit'));
  });

  it('refuses a file in other languages', () => {
    const german = xml.replace('trgLang="en"', 'trgLang="de"');
    const { updates, report } = parseXliff(german, article, QUOTES, reviews, T1);
    expect(updates).toEqual([]);
    expect(report).toEqual([
      expect.objectContaining({ code: 'other-language', severity: 'error' }),
    ]);
    // A regional variant of English is still English.
    expect(
      parseXliff(xml.replace('trgLang="en"', 'trgLang="en-GB"'), article, QUOTES, reviews, T1)
        .report,
    ).toEqual([]);
  });

  it('accepts a BOM before the XML declaration', () => {
    expect(parseXliff(`\uFEFF${xml}`, article, QUOTES, reviews, T1).report).toEqual([]);
  });
});
