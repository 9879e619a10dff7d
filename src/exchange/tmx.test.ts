// @vitest-environment jsdom
/**
 * Tests of TMX 1.4b exchange: the export checked against the DTD's rules
 * (tmx-dtd-rules.ts), round trips, the variants CAT tools write (language
 * tags, inline codes, the legacy `lang`), and hostile or malformed files.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TmOrigin, TmUnit } from '../model/translation-memory';
import { checkTmx14 } from './tmx-dtd-rules';
import { parseTmx, toTmx } from './tmx';

const AT = '2026-02-03T04:05:06.000Z';

/** A unit as the store makes it (the store's layer is above this one: its ids are not needed here). */
function makeTmUnit(
  r: {
    source: string;
    target: string;
    origin: TmOrigin;
    articleId?: string;
    sentenceId?: string;
    note?: string;
    sourceLang?: string;
    targetLang?: string;
    created?: string;
    modified?: string;
  },
  at: string,
): TmUnit {
  const unit: TmUnit = {
    id: `${r.source}|${r.target}`,
    source: r.source,
    sourceKey: r.source,
    target: r.target,
    sourceLang: r.sourceLang ?? 'fr',
    targetLang: r.targetLang ?? 'en',
    origin: r.origin,
    created: r.created ?? at,
    modified: r.modified ?? r.created ?? at,
  };
  if (r.articleId !== undefined) unit.articleId = r.articleId;
  if (r.sentenceId !== undefined) unit.sentenceId = r.sentenceId;
  if (r.note !== undefined) unit.note = r.note;
  return unit;
}
const units: TmUnit[] = [
  makeTmUnit(
    {
      source: 'Le maire a « démissionné ».',
      target: 'The mayor "resigned".',
      origin: 'user',
      articleId: 'a1',
      sentenceId: 'b1.s0',
    },
    AT,
  ),
  makeTmUnit(
    { source: 'A & B <img src=x onerror=alert(1)>', target: 'A & B', origin: 'review', note: 'n' },
    AT,
  ),
];

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
const tmx = (body: string, header = '<header srclang="fr"/>') =>
  `<?xml version="1.0"?><tmx version="1.4">${header}<body>${body}</body></tmx>`;
const tu = (fr: string, en: string, frLang = 'fr', enLang = 'en') =>
  `<tu><tuv xml:lang="${frLang}"><seg>${fr}</seg></tuv><tuv xml:lang="${enLang}"><seg>${en}</seg></tuv></tu>`;

describe('toTmx', () => {
  it('is valid by the TMX 1.4b DTD', () => {
    const xml = toTmx(units, '0.1.0');
    expect(checkTmx14(parse(xml))).toEqual([]);
    expect(xml).toContain('<header srclang="fr" datatype="plaintext" segtype="sentence"');
    expect(xml).toContain('creationdate="20260203T040506Z"');
  });
  it('the DTD check catches what breaks the DTD', () => {
    const broken = toTmx(units, '0.1.0').replace('<tuv xml:lang="fr">', '<tuv>');
    expect(checkTmx14(parse(broken))).toContain('tmx/body[1]/tu[0]/tuv[3]: no xml:lang');
    const order = toTmx(units, '0.1.0').replace(/<prop type="x-glossa-origin">user<\/prop>/, '');
    expect(checkTmx14(parse(order.replace('</tuv>', '</tuv><note>late</note>')))).not.toEqual([]);
  });
  it('keeps hostile text as text', () => {
    const xml = toTmx(units, '0.1.0');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(parse(xml).getElementsByTagName('img')).toHaveLength(0);
  });
  it('round-trips every unit (source, target, origin, article, sentence, note, dates)', () => {
    const back = parseTmx(toTmx(units, '0.1.0'));
    expect(back.problems).toEqual([]);
    expect(back.records.map((r) => makeTmUnit(r, 'other'))).toEqual(units);
  });
  it('round-trips any text XML can carry', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => s.trim() === s && s !== ''),
        (text) => {
          const [unit] = [makeTmUnit({ source: text, target: text, origin: 'tmx' }, AT)];
          const xml = toTmx([unit], '1');
          const back = parseTmx(xml);
          const clean = text.replace(
            /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
            '',
          );
          if (clean.trim() === '') expect(back.records).toEqual([]);
          else expect(back.records[0]?.source).toBe(clean.trim());
        },
      ),
    );
  });
});

describe('parseTmx', () => {
  it('reads language variants and the legacy lang attribute', () => {
    const xml = tmx(
      tu('Un.', 'One.', 'fr-FR', 'en-GB') +
        tu('Deux.', 'Two.', 'FR-fr', 'EN') +
        '<tu><tuv lang="fr"><seg>Trois.</seg></tuv><tuv lang="en-US"><seg>Three.</seg></tuv></tu>',
    );
    const result = parseTmx(xml);
    expect(result.problems).toEqual([]);
    expect(result.records.map((r) => [r.source, r.target, r.sourceLang])).toEqual([
      ['Un.', 'One.', 'fr-FR'],
      ['Deux.', 'Two.', 'FR-fr'],
      ['Trois.', 'Three.', 'fr'],
    ]);
    expect(result.records[0]?.origin).toBe('tmx');
  });
  it('reduces inline codes to text: native code dropped, <hi> text kept', () => {
    const result = parseTmx(
      tmx(
        tu(
          'Le <bpt i="1">{\\b </bpt>maire<ept i="1">}</ept> a <ph>&lt;br/&gt;</ph>dit <hi>oui</hi><it pos="begin">&lt;i&gt;</it>.<ut>{\\x}</ut>',
          'The <ph x="1"/>mayor said <hi type="b">yes</hi>.',
        ),
      ),
    );
    expect(result.records[0]).toMatchObject({
      source: 'Le maire a dit oui.',
      target: 'The mayor said yes.',
    });
  });
  it('refuses, and names, units with wrong languages or empty segments', () => {
    const result = parseTmx(
      tmx(tu('Un.', 'One.') + tu('Eins.', 'One.', 'de') + tu('  ', 'Two.') + '<tu tuid="x"></tu>'),
    );
    expect(result.records).toHaveLength(1);
    expect(result.units).toBe(4);
    expect(result.problems.map((p) => [p.code, p.index])).toEqual([
      ['wrong-language', 1],
      ['empty-segment', 2],
      ['wrong-language', 3],
    ]);
    expect(result.problems[2]).toMatchObject({ id: 'x', path: 'tu[3]', line: 1 });
  });
  it('refuses a DOCTYPE outright, with internal or external entities', () => {
    for (const doctype of [
      '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
      '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
    ]) {
      const result = parseTmx(
        `<?xml version="1.0"?>${doctype}<tmx version="1.4"><header/><body>${tu('&xxe;', 'x')}</body></tmx>`,
      );
      expect(result.fatal).toBe(true);
      expect(result.records).toEqual([]);
      expect(result.problems.map((p) => p.code)).toEqual(['doctype']);
    }
  });
  it('refuses malformed XML as a whole, with line and column', () => {
    const result = parseTmx(
      tmx(tu('Un.', 'One.') + '\n<tu><tuv xml:lang="fr"><seg>Deux</tuv></tu>'),
    );
    expect(result.fatal).toBe(true);
    expect(result.records).toEqual([]);
    expect(result.problems[0]).toMatchObject({ code: 'malformed-xml', line: 2 });
    expect(result.problems[0]?.column).toBeGreaterThan(1);
  });
  it('refuses an undefined entity, another root, another version, and an empty file', () => {
    expect(parseTmx(tmx(tu('&nope;', 'x'))).problems[0]?.code).toBe('malformed-xml');
    expect(parseTmx('<xliff/>').problems[0]?.code).toBe('not-tmx');
    expect(parseTmx('<tmx version="2.0"><body/></tmx>').problems[0]?.code).toBe(
      'unsupported-version',
    );
    expect(parseTmx('').problems[0]?.code).toBe('malformed-xml');
    expect(parseTmx(tmx('')).problems.map((p) => p.code)).toEqual(['empty']);
    expect(parseTmx('{"not": "xml"}').fatal).toBe(true);
  });
  it('reports progress over a long file and reads it all', () => {
    const body = Array.from({ length: 3000 }, (_, i) =>
      tu(`Phrase ${i} « é ».`, `Sentence ${i}.`),
    ).join('\n');
    const seen: number[] = [];
    const result = parseTmx(tmx(body), { onProgress: (done) => seen.push(done) });
    expect(result.records).toHaveLength(3000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(tmx(body).length);
  });
  it('reads an unknown origin as tmx, with a warning', () => {
    const xml = tmx(
      tu('Un.', 'One.').replace('<tu>', '<tu><prop type="x-glossa-origin">alien</prop>'),
    );
    const result = parseTmx(xml);
    expect(result.records[0]?.origin).toBe('tmx');
    expect(result.problems.map((p) => [p.code, p.severity])).toEqual([
      ['unknown-origin', 'warning'],
    ]);
  });
});
