/**
 * What one step of the undo history did, as data to put in words at the
 * edge ("Undone: claim «Parler poursuit…» deleted"): a person pressing
 * Ctrl+Z should know what came back or went away, above all when it is not
 * on screen. Pure: it reads the step's records before and after.
 */
import type { Annotation, AnnotationKind } from '../model/annotation';
import type { Change } from '../store/repository';

export type StepSummary =
  | {
      what: 'annotation';
      action: 'created' | 'deleted' | 'kindChanged' | 'resized' | 'edited';
      kind: AnnotationKind;
      /** The kind before a kind change. */
      from?: AnnotationKind;
      excerpt: string;
    }
  | { what: 'gloss' }
  | { what: 'review'; excerpt: string | null }
  | { what: 'records'; count: number };

const EXCERPT_LENGTH = 32;

/** The start of an annotation's text, flattened, with "…" when cut. */
export function shortExcerpt(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : flat;
}

/**
 * The summary of a step that took the records from `before` to `after`;
 * `annotations` (the session's, to name a review's quote) is optional.
 */
export function summarizeStep(
  step: { before: Change; after: Change },
  annotations?: ReadonlyMap<string, Annotation>,
): StepSummary {
  const count =
    (step.after.annotations?.size ?? 0) +
    (step.after.glosses?.size ?? 0) +
    (step.after.reviews?.size ?? 0);
  if (count !== 1) return { what: 'records', count };
  if (step.after.glosses?.size) return { what: 'gloss' };
  if (step.after.reviews?.size) {
    const [id] = step.after.reviews.keys();
    const quote = id !== undefined ? annotations?.get(id) : undefined;
    return { what: 'review', excerpt: quote ? shortExcerpt(quote.exact) : null };
  }
  const [id, after] = [...step.after.annotations!][0]!;
  const before = step.before.annotations?.get(id) ?? null;
  const record = after ?? before;
  if (!record) return { what: 'records', count };
  const base = {
    what: 'annotation' as const,
    kind: record.kind,
    excerpt: shortExcerpt(record.exact),
  };
  if (!before) return { ...base, action: 'created' };
  if (!after) return { ...base, action: 'deleted' };
  if (before.kind !== after.kind) return { ...base, action: 'kindChanged', from: before.kind };
  if (before.start !== after.start || before.end !== after.end)
    return { ...base, action: 'resized' };
  return { ...base, action: 'edited' };
}
