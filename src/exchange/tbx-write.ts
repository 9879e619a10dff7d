/**
 * The TBX export (see tbx.ts for the format): the part of the TBX exchange
 * the page needs, kept apart from the parser so that the termbase's page
 * code loads no XML parser (the import is parsed in the import worker).
 */
import type { TermEntry } from '../model/termbase';

/** TBX-Basic's picklist of parts of speech. */
export const PARTS_OF_SPEECH: readonly string[] = [
  'noun',
  'verb',
  'adjective',
  'adverb',
  'properNoun',
  'other',
];

/** Characters XML 1.0 cannot hold, dropped from the export. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeText(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/**
 * An entry id as an XML name (TBX ids are of type ID, so NCNames): "g_",
 * then the id with every character but ASCII letters, digits, "-" and "."
 * written as _<hex>_. Reversed by `idFromXml`.
 */
export function idToXml(id: string): string {
  let out = 'g_';
  for (const ch of id)
    out += /[A-Za-z0-9.-]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  return out;
}

/** The entry id of an XML id written by `idToXml`; other tools' ids as they are. */
export function idFromXml(xmlId: string): string {
  if (!xmlId.startsWith('g_')) return xmlId;
  return xmlId
    .slice(2)
    .replace(/_([0-9a-f]{1,6})_/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

/** The termbase as a TBX-Basic (TBX 2, `martif`) document. */
export function toTbx(entries: readonly TermEntry[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<martif type="TBX-Basic" xml:lang="en">',
    '  <martifHeader>',
    '    <fileDesc>',
    '      <sourceDesc><p>Glossa termbase (French → English)</p></sourceDesc>',
    '    </fileDesc>',
    '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>',
    '  </martifHeader>',
    '  <text>',
    '    <body>',
  ];
  for (const e of entries) {
    lines.push(`      <termEntry id="${escapeAttr(idToXml(e.id))}">`);
    if (e.domain)
      lines.push(`        <descrip type="subjectField">${escapeText(e.domain)}</descrip>`);
    lines.push('        <langSet xml:lang="fr">');
    if (e.noteFr) lines.push(`          <note>${escapeText(e.noteFr)}</note>`);
    lines.push('          <tig>', `            <term>${escapeText(e.term)}</term>`);
    // TBX-Basic's partOfSpeech is a picklist: another value (from a file) is written as "other".
    if (e.partOfSpeech) {
      const pos = PARTS_OF_SPEECH.includes(e.partOfSpeech) ? e.partOfSpeech : 'other';
      lines.push(`            <termNote type="partOfSpeech">${pos}</termNote>`);
    }
    lines.push('          </tig>', '        </langSet>', '        <langSet xml:lang="en">');
    if (e.note) lines.push(`          <note>${escapeText(e.note)}</note>`);
    for (const eq of e.equivalents)
      lines.push(`          <tig><term>${escapeText(eq)}</term></tig>`);
    lines.push('        </langSet>', '      </termEntry>');
  }
  lines.push('    </body>', '  </text>', '</martif>', '');
  return lines.join('\n');
}
