/**
 * CSV export of quote reviews, for reading in a spreadsheet, and a small
 * RFC 4180 reader to check what it writes.
 *
 * The writer follows RFC 4180: records end with CRLF; a field containing a
 * comma, a double quote, CR or LF is enclosed in double quotes, with quotes
 * inside doubled. The review export starts with a UTF-8 BOM, without which
 * Excel reads the file as a legacy code page and garbles accents.
 */
import { compareAnnotations, type Annotation } from '../model/annotation';
import type { Review } from '../model/review';
import { reconcile } from '../review/review';

/** The review export's columns, in order. */
export const REVIEW_CSV_HEADER = ['quote', 'speaker', 'translation', 'status', 'comment', 'id'];

const BOM = '\uFEFF';

/** One field, quoted when it has to be. */
function formatField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** RFC 4180 text of `rows`, every record ending with CRLF. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(formatField).join(',') + '\r\n').join('');
}

/**
 * Neutralises a cell a spreadsheet would run as a formula ("=HYPERLINK(…)"):
 * such cells get a leading apostrophe, as OWASP advises for CSV injection.
 * Quotes and comments are text from outside, so they are not trusted.
 */
export function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * The reviews of quotes as CSV, one row per quote in document order, under
 * the header `quote,speaker,translation,status,comment,id`. The status is
 * the machine code ('to-review', …), after `reconcile`; a quote without a
 * review is 'to-review' with no translation. Prefixed with a UTF-8 BOM.
 */
export function toReviewCsv(
  quotes: readonly Annotation[],
  reviews: ReadonlyMap<string, Review>,
): string {
  const rows = quotes
    .filter((q) => q.kind === 'quote')
    .sort(compareAnnotations)
    .map((q) => {
      // A stale approval (the quote changed since) shows as what it now is.
      const stored = reviews.get(q.id);
      const review = stored && reconcile(stored, q, stored.modified);
      return [
        q.exact,
        q.fields.speaker ?? '',
        review?.translation ?? '',
        review?.status ?? 'to-review',
        review?.comment ?? '',
        q.id,
      ].map(defuseFormula);
    });
  return BOM + formatCsv([REVIEW_CSV_HEADER, ...rows]);
}

/**
 * Reads RFC 4180 CSV into records of fields. A leading BOM is skipped;
 * records may end with CRLF, LF or CR, and the last one need not end at all
 * ('' is no records, '\r\n' one record of one empty field). Lenient with
 * malformed input rather than failing: a stray quote inside an unquoted
 * field is kept as text, and an unclosed quoted field runs to the end.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  // Whether the current record has begun (so that a final unterminated record is kept).
  let inRecord = false;
  let i = text.startsWith(BOM) ? 1 : 0;

  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    rows.push(row);
    row = [];
    inRecord = false;
  };

  while (i < text.length) {
    const ch = text[i]!;
    inRecord = true;
    if (ch === '"' && field === '') {
      // A quoted field: up to the next quote not doubled.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          field += text.slice(i);
          i = text.length;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (inRecord) endRecord();
  return rows;
}
