/**
 * The fact-checking strings (namespace `factcheck`), added to i18next when
 * this feature's code loads, so they cost the start-up nothing
 * (src/i18n/i18n.ts leaves them out of its bundled resources).
 */
import en from '../../../locales/en/factcheck.json';
import fr from '../../../locales/fr/factcheck.json';
import { i18n } from '../../i18n/i18n';

export function loadFactcheckStrings(): void {
  for (const [lng, bundle] of [
    ['en', en],
    ['fr', fr],
  ] as const) {
    if (!i18n.hasResourceBundle(lng, 'factcheck')) i18n.addResourceBundle(lng, 'factcheck', bundle);
  }
}
