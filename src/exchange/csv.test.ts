/**
 * Tests of the review CSV: RFC 4180 quoting, the BOM and header, formula
 * neutralising, and a property round trip through the reader.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Annotation } from '../model/annotation';
import type { Review } from '../model/review';
import { defuseFormula, formatCsv, parseCsv, REVIEW_CSV_HEADER, toReviewCsv } from './csv';

const T0 = '2024-01-01T00:00:00.000Z';

function quote(id: string, start: number, exact: string, speaker?: string): Annotation {
  return {
    id,
    articleId: 'parler-amazon-fr',
    kind: 'quote',
    start,
    end: start + exact.length,
    exact,
    prefix: '',
    suffix: '',
    note: '',
    fields: speaker === undefined ? {} : { speaker },
    created: T0,
    modified: T0,
  };
}

function review(q: Annotation, fields: Partial<Review>): Review {
  return {
    annotationId: q.id,
    articleId: q.articleId,
    translation: '',
    origin: 'human',
    status: 'translated',
    comment: '',
    modified: T0,
    ...fields,
  };
}

// Text made of what CSV must take care of, plus accents and guillemets.
const csvText = fc.string({
  unit: fc.constantFrom('a', 'é', ',', '"', '\r', '\n', ' ', '«', '»', ';', "'", '😀'),
  maxLength: 30,
});

describe('formatCsv', () => {
  it('quotes fields with commas, quotes, CR or LF, doubling quotes', () => {
    expect(formatCsv([['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'crlf\r\n']])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\rhere","crlf\r\n"\r\n',
    );
  });

  it('ends every record with CRLF and leaves other text alone', () => {
    expect(
      formatCsv([
        ['a', ''],
        ['«é»', "l'an"],
      ]),
    ).toBe("a,\r\n«é»,l'an\r\n");
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes', () => {
    expect(parseCsv('a,"b,c","d ""e""\r\nf"\r\n"",g\r\n')).toEqual([
      ['a', 'b,c', 'd "e"\r\nf'],
      ['', 'g'],
    ]);
  });

  it('skips a BOM, and takes LF or no final line break', () => {
    expect(parseCsv('\uFEFFa,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('tells no records from one empty field', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n')).toEqual([['']]);
  });

  it('round-trips any records', () => {
    fc.assert(
      fc.property(fc.array(fc.array(csvText, { minLength: 1, maxLength: 6 })), (rows) => {
        expect(parseCsv(formatCsv(rows))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});

describe('defuseFormula', () => {
  it('neutralises cells a spreadsheet would run', () => {
    expect(defuseFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(defuseFormula('+1')).toBe("'+1");
    expect(defuseFormula('-1')).toBe("'-1");
    expect(defuseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(defuseFormula('« Bonjour »')).toBe('« Bonjour »');
  });
});

describe('toReviewCsv', () => {
  const q1 = quote('id-1', 10, 'n\'avait pas allégué, dit-il, "les faits"', 'un juge');
  const q2 = quote('id-2', 50, 'ligne un\nligne deux');
  const q3 = quote('id-3', 90, '=1+1');

  it('writes a BOM, the header and one row per quote in document order', () => {
    const reviews = new Map([
      [q1.id, review(q1, { translation: 'had not, he said, "the facts"', comment: 'OK;\r\nfine' })],
      [
        q3.id,
        review(q3, {
          status: 'approved',
          translation: '2',
          approvedQuote: { start: q3.start, end: q3.end, exact: q3.exact },
        }),
      ],
    ]);
    const csv = toReviewCsv([q3, q2, q1], reviews);
    expect(csv.startsWith('\uFEFFquote,speaker,translation,status,comment,id\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      REVIEW_CSV_HEADER,
      [q1.exact, 'un juge', 'had not, he said, "the facts"', 'translated', 'OK;\r\nfine', 'id-1'],
      [q2.exact, '', '', 'to-review', '', 'id-2'],
      ["'=1+1", '', '2', 'approved', '', 'id-3'],
    ]);
  });

  it('shows a stale approval as "to review"', () => {
    const stale = review(q2, {
      status: 'approved',
      approvedQuote: { start: 0, end: 1, exact: 'x' },
    });
    expect(parseCsv(toReviewCsv([q2], new Map([[q2.id, stale]])))[1]![3]).toBe('to-review');
  });

  it('leaves out annotations that are not quotes', () => {
    const claim: Annotation = { ...q2, kind: 'claim' };
    expect(parseCsv(toReviewCsv([claim], new Map()))).toEqual([REVIEW_CSV_HEADER]);
  });

  it('round-trips any text in every column', () => {
    fc.assert(
      fc.property(csvText, csvText, csvText, csvText, (exact, speaker, translation, comment) => {
        const q = quote('id-x', 0, exact, speaker);
        const csv = toReviewCsv([q], new Map([[q.id, review(q, { translation, comment })]]));
        const cells = [exact, speaker, translation, 'translated', comment, 'id-x'];
        // Only cells a spreadsheet would run (here: starting with CR) are changed.
        expect(parseCsv(csv)[1]).toEqual(cells.map(defuseFormula));
      }),
    );
  });
});
