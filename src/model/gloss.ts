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
  /**
   * Where the text came from: typed by the person ('user', also when
   * absent, as in records written before this field), a translation-memory
   * match ('tm'), a machine ('machine').
   */
  origin?: 'user' | 'tm' | 'machine';
  /** For origin 'tm': the match's percentage (100 exact, below fuzzy). */
  matchPercent?: number;
  /** Whether a person has checked a gloss they did not type (false after pre-translation). */
  checked?: boolean;
}

export function glossKey(articleId: string, sentenceId: string): string {
  return `${articleId}/${sentenceId}`;
}
