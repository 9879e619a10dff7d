/**
 * Glosses people write: an English rendering of one sentence of an article,
 * stored beside (and preferred over) the shipped gloss of that sentence.
 */
export interface UserGloss {
  /** `${articleId}/${sentenceId}` */
  key: string;
  articleId: string;
  /** Stable sentence id, derived from block and sentence index (see glosses/sentences). */
  sentenceId: string;
  /** The language of the gloss, "en". */
  lang: string;
  text: string;
  modified: string;
}

export function glossKey(articleId: string, sentenceId: string): string {
  return `${articleId}/${sentenceId}`;
}
