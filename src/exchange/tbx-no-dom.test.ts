// @vitest-environment node
/**
 * TBX import where the import worker runs it: without a DOM (no DOMParser),
 * TBX 2 and v3 read the same, and the depth limit still refuses a file
 * nested too deep with where, before parsing.
 */
import { describe, expect, it } from 'vitest';
import { MAX_NESTING } from './text-checks';
import { checkTbxBasic, parseTbx, toTbx } from './tbx';

const T = '2024-01-01T00:00:00.000Z';

describe('parseTbx without a DOM', () => {
  it('has no DOMParser here (as in a worker)', () => {
    expect(typeof (globalThis as { DOMParser?: unknown }).DOMParser).toBe('undefined');
  });

  it('reads TBX 2 (martif) and checks an export', () => {
    const xml = toTbx([
      {
        id: 'e1',
        term: 'grève',
        termKey: 'grève',
        equivalents: ['strike', 'walkout'],
        note: 'EN',
        noteFr: 'FR',
        partOfSpeech: 'noun',
        domain: 'labour',
        origin: 'user',
        created: T,
        modified: T,
      },
    ]);
    expect(checkTbxBasic(xml)).toEqual([]);
    expect(parseTbx(xml)).toEqual({
      records: [
        {
          id: 'e1',
          term: 'grève',
          equivalents: ['strike', 'walkout'],
          note: 'EN',
          noteFr: 'FR',
          partOfSpeech: 'noun',
          domain: 'labour',
        },
      ],
      problems: [],
      read: 1,
    });
  });

  it('reads TBX v3 (namespaced conceptEntry/langSec/termSec)', () => {
    const xml = `<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
      <conceptEntry id="c1"><langSec xml:lang="fr"><termSec><term>préavis</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>notice</term></termSec></langSec></conceptEntry>
    </body></text></tbx>`;
    expect(parseTbx(xml).records).toEqual([{ id: 'c1', term: 'préavis', equivalents: ['notice'] }]);
  });

  it('refuses a file nested 100,000 deep with where, and malformed XML with line and column', () => {
    const deep = `<martif type="TBX-Basic">\n<text>${'<note>'.repeat(100_000)}`;
    expect(parseTbx(deep)).toEqual({
      records: [],
      problems: [
        expect.objectContaining({
          code: 'too-deep',
          severity: 'error',
          line: 2,
          column: 7 + 6 * (MAX_NESTING - 2),
        }),
      ],
      read: 0,
    });
    expect(parseTbx('<martif>\n<text></body></martif>').problems).toEqual([
      expect.objectContaining({ code: 'malformed-xml', line: 2, column: expect.any(Number) }),
    ]);
  });
});
