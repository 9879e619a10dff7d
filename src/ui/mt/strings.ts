/**
 * The machine-translation strings (namespace `mt`), added to i18next when this
 * feature's code loads, through the one lazy-strings mechanism
 * (`loadLazyResources`, src/i18n/i18n.ts), so they cost the start-up nothing.
 */
import { loadLazyResources } from '../../i18n/i18n';

export function loadMtStrings(): Promise<void> {
  return loadLazyResources('mt');
}
