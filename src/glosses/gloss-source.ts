/**
 * Where the UI gets glosses: i18next, for shipped and user-written glosses
 * alike. Shipped glosses live in the namespace `article-<id>` (bundled from
 * locales/<lng>/); glosses people write are added at run time to
 * `article-<id>~user`, which is looked up first. Keeping them in their own
 * namespace is what lets a person revert to the shipped gloss.
 */
import type { i18n as I18n } from 'i18next';
import type { UserGloss } from '../model/gloss';
import { articleGlossNamespace, type Sentence } from './sentences';
import {
  GLOSSARY_NAMESPACE,
  LITERAL_KEY_OPTIONS,
  type GlossaryEntry,
  isGlossary,
  lookupGlossary,
} from './glossary';

export interface Gloss {
  text: string;
  origin: 'user' | 'shipped';
}

/** The namespace of user-written glosses of an article. */
export function userGlossNamespace(articleId: string): string {
  return `${articleGlossNamespace(articleId)}~user`;
}

const GLOSS_LANGUAGE_KEY = 'glossa:gloss-language';

export class GlossSource {
  private readonly shippedNs: string;
  private readonly userNs: string;

  constructor(
    private readonly i18n: I18n,
    readonly articleId: string,
    public language = 'en',
  ) {
    this.shippedNs = articleGlossNamespace(articleId);
    this.userNs = userGlossNamespace(articleId);
  }

  /** Languages that have glosses for this article (shipped ones). */
  availableLanguages(): string[] {
    return Object.keys(this.i18n.store.data).filter((lng) =>
      this.i18n.hasResourceBundle(lng, this.shippedNs),
    );
  }

  /** Loads the glosses people wrote (from storage) into i18next. */
  loadUserGlosses(glosses: Iterable<UserGloss>): void {
    for (const g of glosses) this.setUserGloss(g.sentenceId, g.lang, g.text);
  }

  setUserGloss(sentenceId: string, lang: string, text: string | null): void {
    if (text === null) {
      const bundle = this.i18n.getResourceBundle(lang, this.userNs) as
        Record<string, string> | undefined;
      if (bundle) delete bundle[sentenceId];
      return;
    }
    // addResourceBundle keeps the key flat ("b3.s0" is one key, not a path).
    this.i18n.addResourceBundle(lang, this.userNs, { [sentenceId]: text }, true, true);
  }

  /** The gloss of one sentence in the gloss language, user-written first. */
  glossOf(sentence: Sentence | string): Gloss | null {
    const id = typeof sentence === 'string' ? sentence : sentence.id;
    const user = this.i18n.getResource(
      this.language,
      this.userNs,
      id,
      LITERAL_KEY_OPTIONS,
    ) as unknown;
    if (typeof user === 'string') return { text: user, origin: 'user' };
    const shipped = this.shippedGloss(id);
    return shipped === null ? null : { text: shipped, origin: 'shipped' };
  }

  shippedGloss(id: string): string | null {
    const shipped = this.i18n.getResource(
      this.language,
      this.shippedNs,
      id,
      LITERAL_KEY_OPTIONS,
    ) as unknown;
    return typeof shipped === 'string' ? shipped : null;
  }

  /** The glossary of the gloss language, with notes in the interface language when there are. */
  glossary(): Record<string, GlossaryEntry> {
    const notes = this.i18n.getResourceBundle(this.i18n.language, GLOSSARY_NAMESPACE) as unknown;
    const base = this.i18n.getResourceBundle(this.language, GLOSSARY_NAMESPACE) as unknown;
    if (!isGlossary(base)) return {};
    if (!isGlossary(notes) || notes === base) return base;
    return Object.fromEntries(
      Object.entries(base).map(([term, entry]) => [
        term,
        { gloss: entry.gloss, note: lookupGlossary(notes, term)?.note ?? entry.note },
      ]),
    );
  }
}

/** The remembered gloss language ("en" unless chosen otherwise). */
export function storedGlossLanguage(): string {
  try {
    return localStorage.getItem(GLOSS_LANGUAGE_KEY) ?? 'en';
  } catch {
    return 'en';
  }
}

export function rememberGlossLanguage(lang: string): void {
  try {
    localStorage.setItem(GLOSS_LANGUAGE_KEY, lang);
  } catch {
    // Not remembered, but used.
  }
}
