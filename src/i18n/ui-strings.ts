/**
 * The interface strings of one language, loaded as chunks of their own
 * (issue 20): a reader needs the strings of the language they read in, not
 * both. The other language loads when the person switches to it. Content
 * namespaces — the article glosses and the glossary, read in both languages
 * whatever the interface language — are i18n.ts's.
 *
 * Each language's strings are two chunks: those of the first screen (the
 * annotate screen: FIRST_SCREEN_NAMESPACES, ui-strings-<lng>.ts) and the
 * rest (review, library, exchange: ui-strings-<lng>-rest.ts), which the
 * article is shown without; the rest loads after the first frame, and every
 * lazily loaded part that shows them waits for it (i18n.ts, `withUiStrings`).
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

/** The namespaces the annotate screen shows at its first frame (the rest load after it). */
export const FIRST_SCREEN_NAMESPACES = ['ui', 'tm', 'termbase'] as const;

/** Which of a language's interface strings: the first screen's, or all of them. */
export type StringsPart = 'first' | 'all';

const loaders: Record<UiLanguage, Record<'first' | 'rest', () => Promise<Bundles>>> = {
  en: {
    first: () => import('./ui-strings-en').then((m) => m.bundles),
    rest: () => import('./ui-strings-en-rest').then((m) => m.bundles),
  },
  fr: {
    first: () => import('./ui-strings-fr').then((m) => m.bundles),
    rest: () => import('./ui-strings-fr-rest').then((m) => m.bundles),
  },
};
const loading = new Map<string, Promise<Bundles>>();

function loadOnce(language: UiLanguage, part: 'first' | 'rest'): Promise<Bundles> {
  const key = `${language}/${part}`;
  let p = loading.get(key);
  if (!p) {
    p = loaders[language][part]();
    // A failed load (offline, a new deployment) is tried again next time.
    p.catch(() => loading.delete(key));
    loading.set(key, p);
  }
  return p;
}

/** The UI namespaces of `language` (those of the first screen, or all), by namespace; loaded once. */
export async function uiStrings(language: UiLanguage, part: StringsPart = 'all'): Promise<Bundles> {
  if (part === 'first') return loadOnce(language, 'first');
  const [first, rest] = await Promise.all([
    loadOnce(language, 'first'),
    loadOnce(language, 'rest'),
  ]);
  return { ...first, ...rest };
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
