/** The fr interface strings: every locales/fr/*.json but content (glosses, glossary), lazy and mt files. */
import { byNamespace } from './ui-strings';

export const bundles = byNamespace(
  import.meta.glob<Record<string, unknown>>(
    ['../../locales/fr/*.json', '!../../locales/fr/*.lazy.json', '!../../locales/fr/mt.json'],
    { eager: true, import: 'default' },
  ),
);
