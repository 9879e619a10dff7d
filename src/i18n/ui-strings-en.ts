/** The en interface strings of the first screen (FIRST_SCREEN_NAMESPACES in ui-strings.ts); the rest are in ui-strings-en-rest.ts. */
import { byNamespace } from './ui-strings';

export const bundles = byNamespace(
  import.meta.glob<Record<string, unknown>>(
    ['../../locales/en/ui.json', '../../locales/en/tm.json', '../../locales/en/termbase.json'],
    { eager: true, import: 'default' },
  ),
);
