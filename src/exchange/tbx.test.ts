// @vitest-environment jsdom
/**
 * Tests of the TBX exchange: exports pass the TBX-Basic checker (and the
 * checker catches broken ones), round trips, TBX v3 and language-tag
 * variants on import, hostile text, and the problems of bad files.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import enGlossary from '../../locales/en/glossary.json';
import frGlossary from '../../locales/fr/glossary.json';
import type { TermEntry } from '../model/termbase';
import { checkTbxBasic, idFromXml, idToXml, parseTbx, toTbx } from './tbx';

const T = '2024-01-01T00:00:00.000Z';
function entry(fields: Partial<TermEntry> & Pick<TermEntry, 'term' | 'equivalents'>): TermEntry {
  return { id: 'e1', termKey: fields.term, origin: 'user', created: T, modified: T, ...fields };
}

const shipped: TermEntry[] = Object.entries(enGlossary).map(([term, { gloss, note }]) =>
  entry({
    id: `shipped:${term}`,
    term,
    equivalents: gloss.split(';').map((s) => s.trim()),
    note,
    noteFr: (frGlossary as Record<string, { note: string }>)[term]!.note,
  }),
);

describe('toTbx', () => {
  it('writes TBX-Basic that passes the checker, for the shipped glossary', () => {
    const xml = toTbx(shipped);
    expect(checkTbxBasic(xml)).toEqual([]);
    expect(xml).toContain('<martif type="TBX-Basic" xml:lang="en">');
    expect(xml).toMatch(/<langSet xml:lang="fr">\s*<note>/);
  });

  it('writes every field where TBX-Basic has it', () => {
    const xml = toTbx([
      entry({
        term: 'rupture de contrat',
        equivalents: ['breach of contract', 'contract breach'],
        note: 'EN',
        noteFr: 'FR',
        partOfSpeech: 'noun',
        domain: 'law',
      }),
    ]);
    expect(checkTbxBasic(xml)).toEqual([]);
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const e = doc.querySelector('termEntry')!;
    expect(e.getAttribute('id')).toBe('g_e1');
    expect(e.querySelector('descrip[type="subjectField"]')?.textContent).toBe('law');
    const [fr, en] = Array.from(e.querySelectorAll('langSet'));
    expect(fr!.querySelector('term')?.textContent).toBe('rupture de contrat');
    expect(fr!.querySelector('termNote[type="partOfSpeech"]')?.textContent).toBe('noun');
    expect(fr!.querySelector('note')?.textContent).toBe('FR');
    expect(Array.from(en!.querySelectorAll('term')).map((t) => t.textContent)).toEqual([
      'breach of contract',
      'contract breach',
    ]);
    expect(en!.querySelector('note')?.textContent).toBe('EN');
  });

  it('round-trips hostile text and odd ids', () => {
    const hostile = entry({
      id: 'shipped:l\'un ou <l\'autre> & "x"',
      term: '<img src=x onerror=alert(1)>',
      equivalents: ['a & b', ']]> "quoted"'],
      note: 'line\nbreak',
      partOfSpeech: 'verb',
    });
    const xml = toTbx([hostile]);
    expect(checkTbxBasic(xml)).toEqual([]);
    const back = parseTbx(xml);
    expect(back.problems).toEqual([]);
    expect(back.records).toEqual([
      {
        id: hostile.id,
        term: hostile.term,
        equivalents: hostile.equivalents,
        note: 'line break',
        partOfSpeech: 'verb',
      },
    ]);
  });

  it('ids round-trip through XML names', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (id) => {
        const x = idToXml(id);
        expect(x).toMatch(/^[A-Za-z_][A-Za-z0-9._-]*$/);
        expect(idFromXml(x)).toBe(id);
      }),
    );
  });

  it('round-trips the shipped glossary', () => {
    const back = parseTbx(toTbx(shipped));
    expect(back.read).toBe(59);
    expect(back.problems).toEqual([]);
    expect(back.records.map((r) => [r.id, r.term, r.equivalents, r.note, r.noteFr])).toEqual(
      shipped.map((e) => [e.id, e.term, e.equivalents, e.note, e.noteFr]),
    );
  });
});

describe('checkTbxBasic', () => {
  const good = toTbx([entry({ term: 'grève', equivalents: ['strike'], partOfSpeech: 'noun' })]);
  it.each([
    [
      'an unknown data category',
      good.replace('type="partOfSpeech"', 'type="colour"'),
      /unknown termNote/,
    ],
    ['a part of speech off the picklist', good.replace('>noun<', '>nom<'), /picklist/],
    [
      'a langSet without xml:lang',
      good.replace('<langSet xml:lang="fr">', '<langSet>'),
      /no xml:lang/,
    ],
    ['a tig without its term', good.replace('<term>grève</term>', ''), /one term/],
    ['another root', good.replace(/martif/g, 'glossary'), /not <martif>/],
    ['a bad id', good.replace('id="g_e1"', 'id="1 2"'), /XML name/],
    ['no header', good.replace(/<martifHeader>[^]*<\/martifHeader>/, ''), /martifHeader/],
  ])('refuses %s', (_what, xml, message) => {
    expect(checkTbxBasic(xml).join('\n')).toMatch(message);
  });
});

describe('parseTbx', () => {
  it('reads TBX v3 (DCA), namespaced, with language-tag variants', () => {
    const xml = `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="subjectField">labour</descrip>
      <langSec xml:lang="FR"><termSec><term>grève</term><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
      <langSec xml:lang="en-GB"><termSec><term>strike</term></termSec><termSec><term>walkout</term></termSec></langSec>
      <langSec xml:lang="de"><termSec><term>Streik</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="fr-FR"><termSec><term>préavis</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c3">
      <langSec xml:lang="en"><termSec><term>notice</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>`;
    const r = parseTbx(xml);
    expect(r.read).toBe(3);
    expect(r.records).toEqual([
      {
        id: 'c1',
        term: 'grève',
        equivalents: ['strike', 'walkout'],
        partOfSpeech: 'noun',
        domain: 'labour',
      },
    ]);
    expect(r.problems.map((p) => [p.code, p.severity, p.index, p.id])).toEqual([
      ['other-language', 'warning', 0, 'c1'],
      ['no-english-term', 'error', 1, 'c2'],
      ['no-french-term', 'error', 2, 'c3'],
    ]);
  });

  it('reads TBX 2 ntig/termGrp and entry-level notes', () => {
    const xml = `<martif type="TBX-Basic" xml:lang="en"><text><body>
      <termEntry id="t1"><note>general note</note>
        <langSet xml:lang="fr"><ntig><termGrp><term>grève</term></termGrp></ntig></langSet>
        <langSet xml:lang="en"><ntig><termGrp><term>strike</term></termGrp></ntig></langSet>
      </termEntry></body></text></martif>`;
    expect(parseTbx(xml).records).toEqual([
      { id: 't1', term: 'grève', equivalents: ['strike'], note: 'general note' },
    ]);
  });

  it('refuses malformed XML with its line and column', () => {
    const r = parseTbx('<martif type="TBX-Basic">\n  <text><body>\n  </text>\n</martif>');
    expect(r.records).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'malformed-xml', severity: 'error', line: 3 });
    expect(r.problems[0]!.column).toBeGreaterThan(0);
  });

  it('refuses a DOCTYPE (and so external entities) before parsing', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry id="a"><langSet xml:lang="fr"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>`;
    expect(parseTbx(xml)).toEqual({
      records: [],
      problems: [expect.objectContaining({ code: 'doctype', severity: 'error' })],
      read: 0,
    });
  });

  it('refuses what is not TBX, and TBX without entries', () => {
    expect(parseTbx('<xliff/>').problems[0]?.code).toBe('not-tbx');
    expect(
      parseTbx('<martif type="TBX-Basic"><text><body/></text></martif>').problems[0]?.code,
    ).toBe('empty');
    expect(parseTbx('').problems[0]?.code).toBe('malformed-xml');
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseTbx(`<martif>${s}</martif>`);
        expect(Array.isArray(r.records)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
