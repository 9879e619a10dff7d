/**
 * Translation memory: French source segments with their English targets,
 * kept for the whole library (not per article) so that every article can
 * draw on what was translated before. The shape follows a TMX <tu> with one
 * French and one English <tuv>, plus where the pair came from.
 */

/** Where a unit came from: a shipped gloss, a person's gloss, an approved quote translation, an imported TMX, a machine. */
export const TM_ORIGINS = ['shipped', 'user', 'review', 'tmx', 'machine'] as const;
export type TmOrigin = (typeof TM_ORIGINS)[number];

export interface TmUnit {
  /** Stable id of the pair (see the TM's own module for how it is made). */
  id: string;
  /** The French segment, as written. */
  source: string;
  /** `source` normalised for exact lookup (index `bySourceKey`). */
  sourceKey: string;
  /** The English segment. */
  target: string;
  /** Language tags as read or written (`fr`, `fr-FR`; `en`, `en-GB`). */
  sourceLang: string;
  targetLang: string;
  origin: TmOrigin;
  /** The article and sentence the pair was made from, when there is one. */
  articleId?: string;
  sentenceId?: string;
  /** RFC 3339. */
  created: string;
  modified: string;
  /** A note carried from or to TMX (`<note>`). */
  note?: string;
}
