/**
 * i18next set-up: the interface language (en/fr), remembered. The article
 * glosses and the glossary (content, read in both languages) are bundled
 * here; the interface strings of each language are a chunk of their own,
 * loaded for the language in use and for the other one on switching
 * (ui-strings.ts). All are built in: the app works offline.
 *
 * One rule for user text in translations: values are interpolated as they
 * are (`escapeValue: false`), and every translated string reaches the page
 * only as text — textContent, setAttribute, `h()`'s string children — never
 * as markup (eslint bans innerHTML, outerHTML and insertAdjacentHTML in src/).
 * With escaping on, the same text showed its entities as typed ("l&#39;Amazon"),
 * and each screen worked around that its own way.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import type enUi from '../../locales/en/ui.json';
import type enReview from '../../locales/en/review.json';
import type enExchange from '../../locales/en/exchange.json';
import type enLibrary from '../../locales/en/library.json';
// Types only: the strings load from ui-strings.ts (mt: with the machine-translation code).
import type enMt from '../../locales/en/mt.json';
import type enTermbase from '../../locales/en/termbase.json';
import type enTermbaseLazy from '../../locales/en/termbase.lazy.json';
import type enTm from '../../locales/en/tm.json';
// Types only: the factcheck strings load with the fact-checking code (src/ui/factcheck/strings.ts).
import type enFactcheck from '../../locales/en/factcheck.json';

import {
  STORAGE_KEY,
  storedLanguage,
  uiStrings,
  UI_LANGUAGES,
  type UiLanguage,
} from './ui-strings';

export { UI_LANGUAGES, type UiLanguage };

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
 * The content namespaces of every language (article glosses, glossary),
 * keyed by language then namespace. Interface namespaces come from
 * ui-strings.ts; `<namespace>.lazy.json`, the strings of parts loaded on
 * first use, are added by `loadLazyResources` then.
 */
function bundledContent(): Resource {
  const files = import.meta.glob<Record<string, unknown>>(
    ['../../locales/*/glossary.json', '../../locales/*/article-*.json'],
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

/** Adds the interface strings of `language` (loaded once). */
async function addUiStrings(language: UiLanguage): Promise<void> {
  const bundles = await uiStrings(language);
  for (const [ns, data] of Object.entries(bundles))
    if (!i18n.hasResourceBundle(language, ns)) i18n.addResourceBundle(language, ns, data);
}

export const i18n: I18n = i18next.createInstance();

export async function initI18n(language?: UiLanguage): Promise<I18n> {
  const lng = language ?? storedLanguage();
  // Only the language in use: the other's strings are complete (locales.test.ts), so the
  // fallback to English is never needed for a key; they load on switching.
  await uiStrings(lng);
  await i18n.init({
    lng,
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    defaultNS: 'ui',
    ns: ['ui', 'review', 'exchange', 'library', 'termbase', 'tm'],
    resources: bundledContent(),
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  await addUiStrings(lng);
  document.documentElement.lang = i18n.language;
  return i18n;
}

/**
 * Namespaces loaded whole on first use, by the optional feature that needs
 * them (machine translation, fact-checking): left out of the interface
 * strings' chunks (ui-strings-en.ts, ui-strings-fr.ts).
 */
export const LAZY_NAMESPACES = ['mt', 'factcheck'] as const;

/**
 * The one way strings load on first use: adds `locales/<lng>/<ns>.lazy.json`
 * of every language to the namespace `ns` (deep, so it joins the keys
 * bundled at start), or, for a namespace of LAZY_NAMESPACES, the whole
 * `locales/<lng>/<ns>.json`. Call it from the lazily loaded module that
 * needs those strings, before it shows any; loads each file once.
 */
export async function loadLazyResources(ns: string): Promise<void> {
  // Inside the function: Vite turns it into a table of chunks; outside Vite
  // (Playwright's loader, importing a module that imports this one) the
  // module must still evaluate.
  const lazyFiles = import.meta.glob<Record<string, unknown>>(
    ['../../locales/*/*.lazy.json', '../../locales/*/mt.json', '../../locales/*/factcheck.json'],
    { import: 'default' },
  );
  const loads = Object.entries(lazyFiles).flatMap(([path, load]) => {
    const m = /locales\/([^/]+)\/([^/.]+)(?:\.lazy)?\.json$/.exec(path);
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
  await addUiStrings(language);
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but switched.
  }
}

export const t = i18n.t.bind(i18n);
