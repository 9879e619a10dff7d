/** The fr interface strings: every locales/fr/*.json but content (glosses, glossary), lazy, mt and factcheck files (they load with their features). */
import { byNamespace } from './ui-strings';

export const bundles = byNamespace(
  import.meta.glob<Record<string, unknown>>(
    [
      '../../locales/fr/*.json',
      '!../../locales/fr/*.lazy.json',
      '!../../locales/fr/mt.json',
      '!../../locales/fr/factcheck.json',
    ],
    { eager: true, import: 'default' },
  ),
);
