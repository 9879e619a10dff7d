/**
 * The interface language switch, in the page header on every screen.
 */
import {
  followLanguage,
  i18n,
  setUiLanguage,
  t,
  UI_LANGUAGES,
  type UiLanguage,
} from '../i18n/i18n';
import { h } from '../dom/h';

/** Language names in their own language, so each is readable whatever the interface language. */
const NAMES: Record<UiLanguage, string> = { en: 'English', fr: 'Français' };

export function createLanguageSwitch(container: HTMLElement): void {
  const label = h('label', { for: 'ui-language', class: 'visually-hidden' });
  const select = h('select', { id: 'ui-language' });
  for (const l of UI_LANGUAGES) select.append(h('option', { value: l, lang: l }, NAMES[l]));
  select.addEventListener('change', () => void setUiLanguage(select.value as UiLanguage));
  container.append(label, select);
  const translate = (): void => {
    label.textContent = t('toolbar.language');
    select.value = i18n.language;
  };
  followLanguage(translate);
}
