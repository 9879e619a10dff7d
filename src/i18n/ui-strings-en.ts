/** The en interface strings: every locales/en/*.json but content (glosses, glossary), lazy, mt and factcheck files (they load with their features). */
import { byNamespace } from './ui-strings';

export const bundles = byNamespace(
  import.meta.glob<Record<string, unknown>>(
    [
      '../../locales/en/*.json',
      '!../../locales/en/*.lazy.json',
      '!../../locales/en/mt.json',
      '!../../locales/en/factcheck.json',
    ],
    { eager: true, import: 'default' },
  ),
);
