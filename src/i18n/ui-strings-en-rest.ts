/**
 * The en interface strings not on the first screen: every locales/en/*.json but those
 * (ui-strings-en.ts), content (glosses, glossary), lazy, mt and factcheck files (they load
 * with their features).
 */
import { byNamespace } from './ui-strings';

export const bundles = byNamespace(
  import.meta.glob<Record<string, unknown>>(
    [
      '../../locales/en/*.json',
      '!../../locales/en/ui.json',
      '!../../locales/en/tm.json',
      '!../../locales/en/termbase.json',
      '!../../locales/en/glossary.json',
      '!../../locales/en/article-*.json',
      '!../../locales/en/*.lazy.json',
      '!../../locales/en/mt.json',
      '!../../locales/en/factcheck.json',
    ],
    { eager: true, import: 'default' },
  ),
);
