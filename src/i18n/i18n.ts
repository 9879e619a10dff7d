/**
 * i18next set-up: the interface language (en/fr), remembered, and every
 * resource under locales/ bundled at build time (they are small, and the
 * app must work offline).
 *
 * One rule for user text in translations: values are interpolated as they
 * are (`escapeValue: false`), and every translated string reaches the page
 * only as text — textContent, setAttribute, `h()`'s string children — never
 * as markup (eslint bans innerHTML, outerHTML and insertAdjacentHTML in src/).
 * With escaping on, the same text showed its entities as typed ("l&#39;Amazon"),
 * and each screen worked around that its own way.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import enUi from '../../locales/en/ui.json';
import enReview from '../../locales/en/review.json';
import enExchange from '../../locales/en/exchange.json';
import enLibrary from '../../locales/en/library.json';
// Types only: the mt strings load with the machine-translation code (src/ui/mt/strings.ts).
import type enMt from '../../locales/en/mt.json';
import enTermbase from '../../locales/en/termbase.json';
import type enTermbaseLazy from '../../locales/en/termbase.lazy.json';
import enTm from '../../locales/en/tm.json';
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
      // termbase.lazy.json joins the namespace when the termbase's dialogs load (loadLazyResources).
      termbase: typeof enTermbase & typeof enTermbaseLazy;
      tm: typeof enTm;
      factcheck: typeof enFactcheck;
    };
  }
}

/**
 * Every locales/<lng>/<namespace>.json, keyed by language then namespace —
 * except `<namespace>.lazy.json`, the strings of parts loaded on first use,
 * which `loadLazyResources` adds to their namespace then.
 */
function bundledResources(): Resource {
  // Optional features bring their own strings when first used (mt: machine translation).
  const files = import.meta.glob<Record<string, unknown>>(
    [
      '../../locales/*/*.json',
      '!../../locales/*/*.lazy.json',
      '!../../locales/*/mt.json',
      '!../../locales/*/factcheck.json',
    ],
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
    ns: ['ui', 'review', 'exchange', 'library', 'termbase', 'tm'],
    resources: bundledResources(),
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18n.language;
  return i18n;
}

/**
 * Adds `locales/<lng>/<ns>.lazy.json` of every language to the namespace
 * `ns` (deep, so it joins the keys bundled at start). Call it from the
 * lazily loaded module that needs those strings, before it shows any.
 */
export async function loadLazyResources(ns: string): Promise<void> {
  // Inside the function: Vite turns it into a table of chunks; outside Vite
  // (Playwright's loader, importing a module that imports this one) the
  // module must still evaluate.
  const lazyFiles = import.meta.glob<Record<string, unknown>>('../../locales/*/*.lazy.json', {
    import: 'default',
  });
  const loads = Object.entries(lazyFiles).flatMap(([path, load]) => {
    const m = /locales\/([^/]+)\/([^/]+)\.lazy\.json$/.exec(path);
    return m && m[2] === ns ? [load().then((data) => [m[1]!, data] as const)] : [];
  });
  for (const [lng, data] of await Promise.all(loads))
    i18n.addResourceBundle(lng, ns, data, true, false);
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
