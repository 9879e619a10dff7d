/**
 * Searching annotations: every field a person writes or reads (the excerpt,
 * the note, the speaker, the claimant, the date), accents and case
 * optional, and the words around a match, to show why a row matched.
 */
import type { Annotation, AnnotationFields } from './annotation';

/** Where a match was found. */
export type SearchField = 'exact' | 'note' | keyof AnnotationFields;

const FIELDS: readonly SearchField[] = ['exact', 'note', 'speaker', 'claimant', 'date'];

/** Lower-cased and without accents, so "deja" finds "déjà". */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function valueOf(a: Annotation, field: SearchField): string {
  if (field === 'exact') return a.exact;
  if (field === 'note') return a.note;
  return a.fields[field] ?? '';
}

/** The text a query is matched against: every field, one per line. */
export function searchText(a: Annotation): string {
  return searchKey(FIELDS.map((f) => valueOf(a, f).replace(/\n/g, ' ')).join('\n'));
}

export interface MatchContext {
  field: SearchField;
  /** The words before the match (cut with "…"), the match as written, the words after. */
  before: string;
  match: string;
  after: string;
}

/**
 * The first field that holds `query` (already a searchKey) and the words
 * around the match, about `radius` characters each side, as written.
 */
export function matchContext(a: Annotation, query: string, radius = 30): MatchContext | null {
  if (!query) return null;
  for (const field of FIELDS) {
    // NFC text keeps its length through searchKey for the letters of French
    // (one precomposed letter → one base letter), so indices carry over.
    const text = valueOf(a, field).normalize('NFC').replace(/\s+/g, ' ');
    const key = searchKey(text);
    const at = key.indexOf(query);
    if (at < 0 || key.length !== text.length) {
      if (at >= 0) return { field, before: '', match: text, after: '' };
      continue;
    }
    const end = at + query.length;
    const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - radius)) + 1);
    let to = text.indexOf(' ', Math.min(text.length, end + radius));
    if (to < 0) to = text.length;
    return {
      field,
      before: (from > 0 ? '…' : '') + text.slice(from, at),
      match: text.slice(at, end),
      after: text.slice(end, to) + (to < text.length ? '…' : ''),
    };
  }
  return null;
}
