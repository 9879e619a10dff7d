/**
 * Translated strings of the library screen, with user text (titles, file
 * names) filled in as it is.
 *
 * i18next's escaping stays on (STYLE.md), but it turns `l'Amazon` into
 * `l&#39;Amazon`, and the UI writes with textContent, which would show the
 * entity as typed. So string values never pass through i18next: each is
 * replaced by a private-use token that escaping leaves alone, and put back
 * after translation. The result is only ever used as text (textContent,
 * setAttribute), never parsed as HTML. Numbers (counts, for plurals) go to
 * i18next as they are.
 */
import type { ParseKeys } from 'i18next';
import { t } from '../../i18n/i18n';

/** A key of locales/en/library.json (plural keys without their suffix). */
export type LibraryKey = ParseKeys<'library'>;

const TOKEN = /\uE000(\d+)\uE001/g;

/** The translation of `library:key`, with `values` filled in literally. */
export function say(key: LibraryKey, values: Record<string, string | number> = {}): string {
  const strings: string[] = [];
  const options: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number') options[name] = value;
    else options[name] = `\uE000${strings.push(value) - 1}\uE001`;
  }
  // The key is checked against the resources by LibraryKey; the options are
  // built at run time, which i18next's per-key option types cannot follow.
  const translate = t as unknown as (key: string, options: object) => string;
  return translate(`library:${key}`, options).replace(TOKEN, (_, i: string) => strings[+i]!);
}
