/** The fr interface strings of the first screen (FIRST_SCREEN_NAMESPACES in ui-strings.ts); the rest are in ui-strings-fr-rest.ts. */
import { byNamespace } from './ui-strings';

export const bundles = byNamespace(
  import.meta.glob<Record<string, unknown>>(
    ['../../locales/fr/ui.json', '../../locales/fr/tm.json', '../../locales/fr/termbase.json'],
    { eager: true, import: 'default' },
  ),
);
