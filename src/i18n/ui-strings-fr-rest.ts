/**
 * The fr interface strings not on the first screen: every locales/fr/*.json but those
 * (ui-strings-fr.ts), content (glosses, glossary), lazy, mt and factcheck files (they load
 * with their features).
 */
import { byNamespace } from './ui-strings';

export const bundles = byNamespace(
  import.meta.glob<Record<string, unknown>>(
    [
      '../../locales/fr/*.json',
      '!../../locales/fr/ui.json',
      '!../../locales/fr/tm.json',
      '!../../locales/fr/termbase.json',
      '!../../locales/fr/glossary.json',
      '!../../locales/fr/article-*.json',
      '!../../locales/fr/*.lazy.json',
      '!../../locales/fr/mt.json',
      '!../../locales/fr/factcheck.json',
    ],
    { eager: true, import: 'default' },
  ),
);
