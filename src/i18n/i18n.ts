/**
 * i18next set-up: the interface language (en/fr), remembered, and every
 * resource under locales/ bundled at build time (they are small, and the
 * app must work offline).
 *
 * Escaping stays on (STYLE.md): the UI writes translated strings with
 * textContent, so an interpolated value can never become markup either way.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import enUi from '../../locales/en/ui.json';
import enReview from '../../locales/en/review.json';
import enExchange from '../../locales/en/exchange.json';
import enLibrary from '../../locales/en/library.json';
// Types only: the mt strings load with the machine-translation code (src/ui/mt/strings.ts).
import type enMt from '../../locales/en/mt.json';
// Types only: the factcheck strings load with the fact-checking code (src/ui/factcheck/strings.ts).
import type enFactcheck from '../../locales/en/factcheck.json';

export const UI_LANGUAGES = ['en', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
const STORAGE_KEY = 'glossa:ui-language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'ui';
    // Each screen has its namespace; use them as t('review:key').
    resources: {
      ui: typeof enUi;
      review: typeof enReview;
      exchange: typeof enExchange;
      library: typeof enLibrary;
      mt: typeof enMt;
      factcheck: typeof enFactcheck;
    };
  }
}

/** Every locales/<lng>/<namespace>.json, keyed by language then namespace. */
function bundledResources(): Resource {
  // Optional features bring their own strings when first used (mt: machine translation).
  const files = import.meta.glob<Record<string, unknown>>(
    ['../../locales/*/*.json', '!../../locales/*/mt.json', '!../../locales/*/factcheck.json'],
    { eager: true, import: 'default' },
  );
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, data] of Object.entries(files)) {
    const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m) continue;
    (out[m[1]!] ??= {})[m[2]!] = data;
  }
  return out as Resource;
}

function storedLanguage(): UiLanguage {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'fr') return stored;
  } catch {
    // Storage can be disabled; fall back to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export const i18n: I18n = i18next.createInstance();

export async function initI18n(language?: UiLanguage): Promise<I18n> {
  await i18n.init({
    lng: language ?? storedLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    defaultNS: 'ui',
    ns: ['ui', 'review', 'exchange', 'library'],
    resources: bundledResources(),
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  return i18n;
}

/**
 * Runs `translate` now and again after every change of interface language;
 * returns what stops it (for a component's destroy).
 */
export function followLanguage(translate: () => void): () => void {
  const run = () => translate();
  run();
  i18n.on('languageChanged', run);
  return () => i18n.off('languageChanged', run);
}

/** Switches the interface language and remembers it. */
export async function setUiLanguage(language: UiLanguage): Promise<void> {
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but switched.
  }
}

export const t = i18n.t.bind(i18n);
