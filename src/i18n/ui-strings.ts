/**
 * The interface strings of one language, loaded as a chunk of their own
 * (issue 20): a reader needs the strings of the language they read in, not
 * both. The other language loads when the person switches to it. Content
 * namespaces — the article glosses and the glossary, read in both languages
 * whatever the interface language — stay bundled with i18n.ts.
 *
 * No i18next here: main.ts starts the fetch of the strings beside the app's
 * chunk, so they arrive while the app's code is still being evaluated.
 */
export const UI_LANGUAGES = ['en', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const STORAGE_KEY = 'glossa:ui-language';

/** The remembered interface language, else the browser's. */
export function storedLanguage(): UiLanguage {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'fr') return stored;
  } catch {
    // Storage can be disabled; fall back to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export type Bundles = Record<string, Record<string, unknown>>;

const loaders: Record<UiLanguage, () => Promise<Bundles>> = {
  en: () => import('./ui-strings-en').then((m) => m.bundles),
  fr: () => import('./ui-strings-fr').then((m) => m.bundles),
};
const loading = new Map<UiLanguage, Promise<Bundles>>();

/** The UI namespaces of `language`, by namespace; loaded once. */
export function uiStrings(language: UiLanguage): Promise<Bundles> {
  let p = loading.get(language);
  if (!p) {
    p = loaders[language]();
    // A failed load (offline, a new deployment) is tried again next time.
    p.catch(() => loading.delete(language));
    loading.set(language, p);
  }
  return p;
}

/** Namespaces whose strings are content read in every language (bundled), not interface strings. */
export function isContentNamespace(ns: string): boolean {
  return ns === 'glossary' || ns.startsWith('article-');
}

/** `locales/<lng>/<ns>.json` paths → namespace → data, for one language's files. */
export function byNamespace(files: Record<string, Record<string, unknown>>): Bundles {
  const out: Bundles = {};
  for (const [path, data] of Object.entries(files)) {
    const m = /locales\/[^/]+\/([^/]+)\.json$/.exec(path);
    if (m && !isContentNamespace(m[1]!)) out[m[1]!] = data;
  }
  return out;
}
