/**
 * Languages an article's text can be in: the choices offered when bringing
 * one in, and their names in the interface language (from Intl, so no list
 * of names to translate).
 */
import { i18n } from '../../i18n/i18n';

/** The languages offered first; an article in another keeps its own code. */
export const LANGUAGE_CHOICES = ['fr', 'en', 'de', 'es', 'it', 'pt', 'nl'] as const;

/** The default language of an incoming article: Glossa is for French news. */
export const DEFAULT_ARTICLE_LANGUAGE = 'fr';

/** "French (fr)" / "français (fr)"; the bare code when Intl does not know it. */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([i18n.language], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** The choices for a select, with `current` among them. */
export function languageOptions(current: string): string[] {
  const codes: string[] = [...LANGUAGE_CHOICES];
  if (current && !codes.includes(current)) codes.push(current);
  return codes;
}
