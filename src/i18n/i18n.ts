/**
 * i18next set-up: the interface language (en/fr), remembered. The article
 * glosses (content, read in both languages) are bundled here; the glossary
 * (content too) and the interface strings of each language are chunks of
 * their own, loaded for the language in use and for the other one on
 * switching (ui-strings.ts). At start-up only the first screen's strings are
 * waited for; the rest and the glossary follow the first frame
 * (`loadRestOfStrings`, `withUiStrings`). All are built in: the app works offline.
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
  type StringsPart,
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
 * The article glosses of every language, keyed by language then namespace.
 * Interface namespaces come from ui-strings.ts, the glossary from
 * `loadGlossary`; `<namespace>.lazy.json`, the strings of parts loaded on
 * first use, are added by `loadLazyResources` then.
 */
function bundledContent(): Resource {
  const files = import.meta.glob<Record<string, unknown>>(['../../locales/*/article-*.json'], {
    eager: true,
    import: 'default',
  });
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, data] of Object.entries(files)) {
    const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m) continue;
    (out[m[1]!] ??= {})[m[2]!] = data;
  }
  return out as Resource;
}

/** Adds the interface strings of `language` (loaded once). */
async function addUiStrings(language: UiLanguage, part: StringsPart = 'all'): Promise<void> {
  const bundles = await uiStrings(language, part);
  for (const [ns, data] of Object.entries(bundles))
    if (!i18n.hasResourceBundle(language, ns)) i18n.addResourceBundle(language, ns, data);
}

const GLOSSARY_NS = 'glossary';
let glossaryLoad: Promise<void> | null = null;

/**
 * Adds the shipped glossary (`locales/<lng>/glossary.json`, every language:
 * it is content) as the namespace `glossary`; loaded once. Only the review
 * screen and the termbase's runtime read it, not the first screen.
 */
export function loadGlossary(): Promise<void> {
  // Inside the function, as in loadLazyResources.
  const files = import.meta.glob<Record<string, unknown>>('../../locales/*/glossary.json', {
    import: 'default',
  });
  glossaryLoad ??= Promise.all(
    Object.entries(files).map(([path, load]) =>
      load().then((data) => {
        const lng = /locales\/([^/]+)\//.exec(path)![1]!;
        if (!i18n.hasResourceBundle(lng, GLOSSARY_NS))
          i18n.addResourceBundle(lng, GLOSSARY_NS, data);
      }),
    ),
  ).then(() => undefined);
  // A failed load is tried again next time.
  glossaryLoad.catch(() => (glossaryLoad = null));
  return glossaryLoad;
}

/**
 * The interface strings not on the first screen, in the language in use,
 * and the glossary: what `initI18n(…, 'first')` left out. Loaded once;
 * start.ts begins it after the first frame.
 */
export function loadRestOfStrings(): Promise<void> {
  return Promise.all([addUiStrings(i18n.language as UiLanguage), loadGlossary()]).then(
    () => undefined,
  );
}

/**
 * `load` (a lazily loaded part's `import()`), resolved once every interface
 * string of the language in use is in too, and with `glossary` the glossary:
 * every part loaded after the first frame that may show strings of the other
 * screens goes through here (app/lazy-parts.ts, the one table of them), so
 * none shows a key for a string. Nothing else
 * waits: a part that needs neither (the memory's matches) keeps its timing.
 */
export function withUiStrings<T>(load: Promise<T>, { glossary = false } = {}): Promise<T> {
  return Promise.all([
    load,
    addUiStrings(i18n.language as UiLanguage),
    glossary ? loadGlossary() : null,
  ]).then(([loaded]) => loaded);
}

export const i18n: I18n = i18next.createInstance();

/**
 * Sets i18next up in `language` (the remembered one by default) with its
 * interface strings: all of them, or (`'first'`, start-up) only the first
 * screen's, the rest to be loaded by `loadRestOfStrings`.
 */
export async function initI18n(language?: UiLanguage, part: StringsPart = 'all'): Promise<I18n> {
  const lng = language ?? storedLanguage();
  // Only the language in use: the other's strings are complete (locales.test.ts), so the
  // fallback to English is never needed for a key; they load on switching.
  await uiStrings(lng, part);
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
  await Promise.all([addUiStrings(lng, part), part === 'all' ? loadGlossary() : null]);
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
