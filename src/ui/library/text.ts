/**
 * Translated strings of the library screen, with user text (titles, file
 * names) filled in as it is (src/i18n/i18n.ts: one rule for user text). The
 * result is only ever used as text (textContent, setAttribute).
 */
import type { ParseKeys } from 'i18next';
import { t } from '../../i18n/i18n';

/** A key of locales/en/library.json (plural keys without their suffix). */
export type LibraryKey = ParseKeys<'library'>;

/** The translation of `library:key`, with `values` filled in literally. */
export function say(key: LibraryKey, values: Record<string, string | number> = {}): string {
  // The key is checked against the resources by LibraryKey; the options are
  // built at run time, which i18next's per-key option types cannot follow.
  const translate = t as unknown as (key: string, options: object) => string;
  return translate(`library:${key}`, values);
}
