/**
 * Machine-translation settings: which engine (none by default), where it
 * answers, and the person's API key — stored in this browser only.
 *
 * Why localStorage and not IndexedDB: the settings are a few short strings
 * read synchronously when the annotate screen draws its button, and they
 * are not the person's work. Keeping the key out of IndexedDB keeps it out
 * of everything that reads the database for exports and backups (native
 * JSON, W3C, XLIFF), so a shared backup never carries it. The key leaves
 * the browser only in requests to the engine configured here.
 *
 * A stored value is never trusted: anything that is not the shape saved
 * here (edited by hand, another version, hostile) is ignored with a problem,
 * and the settings fall back to "no engine" — never a crash.
 */

export const MT_ENGINES = ['none', 'libretranslate', 'deepl'] as const;
export type MtEngine = (typeof MT_ENGINES)[number];

/** DeepL's two English targets; LibreTranslate has one ("en"). */
export const ENGLISH_VARIANTS = ['EN-GB', 'EN-US'] as const;
export type EnglishVariant = (typeof ENGLISH_VARIANTS)[number];

export interface MtSettings {
  engine: MtEngine;
  /**
   * The engine's base URL. LibreTranslate: required (e.g. http://127.0.0.1:5000).
   * DeepL: empty means DeepL's own API, free or pro picked by the key; a URL is a
   * proxy that forwards to it (DeepL refuses calls from browsers, see README).
   */
  url: string;
  /** Empty when the engine needs none (a LibreTranslate server of one's own). */
  apiKey: string;
  /** DeepL only. */
  englishVariant: EnglishVariant;
}

export const DEFAULT_MT_SETTINGS: MtSettings = Object.freeze({
  engine: 'none',
  url: '',
  apiKey: '',
  englishVariant: 'EN-GB',
});

export const MT_SETTINGS_KEY = 'glossa:mt-settings';

/** Longest URL or key kept; anything longer is not a setting a person typed. */
const MAX_LENGTH = 2048;

export type MtSettingsProblemCode = 'malformed-json' | 'wrong-shape' | 'bad-url' | 'unreadable';

/** One problem with stored or entered settings, as data: the UI translates `code`. */
export interface MtSettingsProblem {
  code: MtSettingsProblemCode;
  severity: 'error' | 'warning';
  /** The field at fault ("engine", "url" …), when there is one. */
  path?: string;
  /** Plain English for logs; not shown as UI text. */
  detail: string;
}

/**
 * The URL requests go to, checked: http(s) only, no credentials in it.
 * Returns the URL without a trailing slash, or a problem.
 */
export function checkUrl(
  raw: string,
): { ok: true; url: string } | { ok: false; problem: MtSettingsProblem } {
  const bad = (detail: string) =>
    ({ ok: false, problem: { code: 'bad-url', severity: 'error', path: 'url', detail } }) as const;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return bad(`not a URL: ${JSON.stringify(raw.slice(0, 80))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return bad(`only http and https are allowed, not ${url.protocol}`);
  if (url.username || url.password) return bad('a URL may not hold a user name or password');
  if (url.search || url.hash) return bad('a base URL has no query or fragment');
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

/**
 * Settings from an untrusted value (what JSON.parse gave, or a form):
 * the settings, or the problems that made it unusable.
 */
export function parseMtSettings(value: unknown): {
  settings: MtSettings;
  problems: MtSettingsProblem[];
} {
  const problems: MtSettingsProblem[] = [];
  const wrong = (path: string, detail: string) =>
    problems.push({ code: 'wrong-shape', severity: 'error', path, detail });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    wrong('', `expected an object, found ${Array.isArray(value) ? 'an array' : typeof value}`);
    return { settings: { ...DEFAULT_MT_SETTINGS }, problems };
  }
  const v = value as Record<string, unknown>;
  const engine = v.engine;
  if (!MT_ENGINES.includes(engine as MtEngine)) wrong('engine', `unknown engine ${String(engine)}`);
  const text = (name: string): string => {
    const field = v[name] ?? '';
    if (typeof field !== 'string') {
      wrong(name, `expected a string, found ${typeof field}`);
      return '';
    }
    if (field.length > MAX_LENGTH) {
      wrong(name, `longer than ${MAX_LENGTH} characters`);
      return '';
    }
    // Control characters would break a header (the key goes into Authorization).
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(field)) {
      wrong(name, 'holds control characters');
      return '';
    }
    return field.trim();
  };
  const url = text('url');
  const apiKey = text('apiKey');
  const variant = v.englishVariant ?? 'EN-GB';
  if (!ENGLISH_VARIANTS.includes(variant as EnglishVariant))
    wrong('englishVariant', `unknown English variant ${String(variant)}`);
  if (problems.length) return { settings: { ...DEFAULT_MT_SETTINGS }, problems };
  const settings: MtSettings = {
    engine: engine as MtEngine,
    url,
    apiKey,
    englishVariant: variant as EnglishVariant,
  };
  if (settings.engine === 'libretranslate' || (settings.engine === 'deepl' && url)) {
    const checked = checkUrl(url);
    if (!checked.ok) return { settings: { ...DEFAULT_MT_SETTINGS }, problems: [checked.problem] };
    settings.url = checked.url;
  }
  return { settings, problems };
}

/** Whether an engine is set up enough to be called. */
export function isConfigured(settings: MtSettings): boolean {
  if (settings.engine === 'libretranslate') return settings.url !== '';
  if (settings.engine === 'deepl') return settings.apiKey !== '';
  return false;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled
  }
}

/** The stored settings; "no engine" when none are stored or what is stored is unusable. */
export function loadMtSettings(storage: KeyValueStore | null = defaultStorage()): {
  settings: MtSettings;
  problems: MtSettingsProblem[];
} {
  let raw: string | null;
  try {
    raw = storage?.getItem(MT_SETTINGS_KEY) ?? null;
  } catch (e) {
    return {
      settings: { ...DEFAULT_MT_SETTINGS },
      problems: [{ code: 'unreadable', severity: 'error', detail: String(e) }],
    };
  }
  if (raw === null) return { settings: { ...DEFAULT_MT_SETTINGS }, problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return {
      settings: { ...DEFAULT_MT_SETTINGS },
      problems: [{ code: 'malformed-json', severity: 'error', detail: String(e) }],
    };
  }
  return parseMtSettings(value);
}

/**
 * Stores settings after checking them; "no engine" removes them (and the
 * key) altogether. Returns the problems that stopped it, or none.
 */
export function saveMtSettings(
  settings: MtSettings,
  storage: KeyValueStore | null = defaultStorage(),
): MtSettingsProblem[] {
  const { settings: clean, problems } = parseMtSettings(settings);
  if (problems.length) return problems;
  try {
    if (clean.engine === 'none') storage?.removeItem(MT_SETTINGS_KEY);
    else storage?.setItem(MT_SETTINGS_KEY, JSON.stringify(clean));
    if (!storage) throw new Error('no localStorage');
  } catch (e) {
    return [{ code: 'unreadable', severity: 'error', detail: `not stored: ${String(e)}` }];
  }
  return [];
}
