/**
 * Events on a timeline, ordered by their EDTF date (model/edtf-date.ts).
 *
 * Where a date goes: at the first day it can mean — a month or a year sits
 * at its first day, before the days inside it ("janvier 2021" before "9
 * janvier 2021"), which reads as "in January, then on the 9th"; a range sits
 * at its start; an uncertain or approximate date ("2021?", "~2021-01") at the
 * date it names (the interface shows its qualifier). Two events on the same
 * first day: the one that ends first comes first, then the library's order.
 * A range open at its start sits at its end. Events without a date that can
 * be read (free text only, or nothing) are listed apart, in the library's order.
 * Pure: no DOM.
 */
import type { Annotation } from './annotation';
import { edtfBounds } from './edtf-date';

export interface TimelineEntry {
  annotation: Annotation;
  /** The first and last day the date can mean (YYYY-MM-DD); null: open. */
  first: string | null;
  last: string | null;
}

export interface Timeline {
  dated: TimelineEntry[];
  undated: Annotation[];
}

/** Orders `events` (in the library's order) by date; those without a readable date go apart. */
export function timeline(events: Iterable<Annotation>): Timeline {
  const dated: (TimelineEntry & { at: string; order: number })[] = [];
  const undated: Annotation[] = [];
  let order = 0;
  for (const annotation of events) {
    const bounds = annotation.dateValue ? edtfBounds(annotation.dateValue) : null;
    const at = bounds?.first ?? bounds?.last;
    if (!bounds || !at) {
      undated.push(annotation);
      continue;
    }
    dated.push({ annotation, first: bounds.first, last: bounds.last, at, order: order++ });
  }
  dated.sort(
    (a, b) =>
      compare(a.at, b.at) ||
      // An open end reaches furthest: it comes last among those of its day.
      compare(a.last ?? '\uffff', b.last ?? '\uffff') ||
      a.order - b.order,
  );
  return {
    dated: dated.map(({ annotation, first, last }) => ({ annotation, first, last })),
    undated,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
