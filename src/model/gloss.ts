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
  /** Where the text came from: a person, the translation memory, or a machine-translation engine. */
  origin?: 'user' | 'tm' | 'machine';
  /** For a translation-memory gloss: how closely the stored source matched, 0–100. */
  matchPercent?: number;
  /** Whether a person has checked a gloss that came from the memory or a machine. */
  checked?: boolean;
}

export function glossKey(articleId: string, sentenceId: string): string {
  return `${articleId}/${sentenceId}`;
}
