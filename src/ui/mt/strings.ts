/**
 * The machine-translation strings (namespace `mt`), added to i18next when
 * this optional feature's code loads, so they cost the start-up nothing
 * (src/i18n/i18n.ts leaves them out of its bundled resources).
 */
import en from '../../../locales/en/mt.json';
import fr from '../../../locales/fr/mt.json';
import { i18n } from '../../i18n/i18n';

export function loadMtStrings(): void {
  for (const [lng, bundle] of [
    ['en', en],
    ['fr', fr],
  ] as const) {
    if (!i18n.hasResourceBundle(lng, 'mt')) i18n.addResourceBundle(lng, 'mt', bundle);
  }
}
