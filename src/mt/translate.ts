/**
 * The machine-translation connectors: French sentences in, English out,
 * from the engine the person configured — LibreTranslate (their own server
 * or a subscription) or DeepL's API. Nothing is ever sent without that
 * setting (`notConfigured`, no request).
 *
 * `translate` never throws: every failure is a problem with a code the UI
 * translates (bad key, quota, rate limit, timeout, network, a response of
 * the wrong shape — naming what was wrong). Texts go in batches; one failed
 * batch fails the whole call, so a caller writes all translations or none.
 *
 * API shapes, as documented:
 * - LibreTranslate `POST <url>/translate`, JSON `{ q, source, target, format, api_key }`,
 *   `q` a string or an array → `{ translatedText }` of the same shape; errors `{ error }`
 *   with 400 (bad request), 403 (bad or missing key), 429 (too many requests), 500.
 * - DeepL `POST https://api-free.deepl.com/v2/translate` (keys ending in ":fx") or
 *   `https://api.deepl.com/v2/translate`, header `Authorization: DeepL-Auth-Key <key>`,
 *   JSON `{ text: [...], source_lang: "FR", target_lang: "EN-GB" }` (at most 50 texts)
 *   → `{ translations: [{ detected_source_language, text }] }`; 403 bad key,
 *   456 quota exceeded, 429 too many requests.
 */
import type { MtSettings } from './settings';

export type MtProblemCode =
  'badKey' | 'quota' | 'rateLimited' | 'timeout' | 'network' | 'badResponse' | 'notConfigured';

export interface MtProblem {
  code: MtProblemCode;
  /** Plain English, or the engine's own message (shown as text, beside the translated one). */
  detail?: string;
}

export type MtResult = { ok: true; translations: string[] } | { ok: false; problem: MtProblem };

export interface TranslateOptions {
  /** Cancels the call (the screen closed). */
  signal?: AbortSignal;
  /** For the whole call, every batch included. Default 15 s. */
  timeoutMs?: number;
  /** For tests; the browser's fetch otherwise. */
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** DeepL takes at most 50 texts a request. */
export const DEEPL_BATCH = 50;
/** LibreTranslate's limit is the server's (`--batch-limit`); 25 stays under common settings. */
export const LIBRETRANSLATE_BATCH = 25;

/** DeepL's endpoint for a key: free keys end in ":fx"; a configured URL is a proxy. */
export function deeplEndpoint(settings: MtSettings): string {
  if (settings.url) return `${settings.url}/v2/translate`;
  return settings.apiKey.endsWith(':fx')
    ? 'https://api-free.deepl.com/v2/translate'
    : 'https://api.deepl.com/v2/translate';
}

/** Thrown inside this module only, caught by translate(). */
class Failure extends Error {
  constructor(readonly problem: MtProblem) {
    super(problem.detail ?? problem.code);
  }
}

function fail(code: MtProblemCode, detail?: string): never {
  throw new Failure(detail === undefined ? { code } : { code, detail });
}

const MAX_DETAIL = 300;

/** The engine's own message from an error body ({ error } or { message }), if any. */
function engineMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const message = typeof b.error === 'string' ? b.error : b.message;
  return typeof message === 'string' ? message.slice(0, MAX_DETAIL) : undefined;
}

async function post(
  doFetch: typeof fetch,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  signal: AbortSignal,
  statusProblem: (status: number) => MtProblemCode,
): Promise<unknown> {
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
      // The engine needs no cookies of ours, and must not get them.
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    if (signal.aborted) throw e; // timeout or cancel: translate() tells which
    fail('network', e instanceof Error ? e.message : String(e));
  }
  const raw = await response.text().catch((e: unknown) => {
    if (signal.aborted) throw e;
    fail('network', `reading the response: ${String(e)}`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const message = engineMessage(parsed) ?? raw.slice(0, MAX_DETAIL);
    fail(statusProblem(response.status), `HTTP ${response.status}${message ? `: ${message}` : ''}`);
  }
  if (parsed === undefined) fail('badResponse', 'the response is not JSON');
  return parsed;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === null) return 'null';
  return typeof v;
}

async function libreTranslate(
  doFetch: typeof fetch,
  texts: string[],
  settings: MtSettings,
  signal: AbortSignal,
): Promise<string[]> {
  const body: Record<string, unknown> = { q: texts, source: 'fr', target: 'en', format: 'text' };
  if (settings.apiKey) body.api_key = settings.apiKey;
  const data = await post(doFetch, `${settings.url}/translate`, {}, body, signal, (status) =>
    status === 403 ? 'badKey' : status === 429 ? 'rateLimited' : 'badResponse',
  );
  const translated = (data as { translatedText?: unknown } | null)?.translatedText;
  if (!Array.isArray(translated))
    fail(
      'badResponse',
      `translatedText should be an array of strings, found ${describeValue(translated)}`,
    );
  if (translated.length !== texts.length)
    fail('badResponse', `asked for ${texts.length} translations, got ${translated.length}`);
  const at = translated.findIndex((x) => typeof x !== 'string');
  if (at >= 0)
    fail('badResponse', `translatedText[${at}] is ${describeValue(translated[at])}, not a string`);
  return translated as string[];
}

async function deepl(
  doFetch: typeof fetch,
  texts: string[],
  settings: MtSettings,
  signal: AbortSignal,
): Promise<string[]> {
  const data = await post(
    doFetch,
    deeplEndpoint(settings),
    { Authorization: `DeepL-Auth-Key ${settings.apiKey}` },
    { text: texts, source_lang: 'FR', target_lang: settings.englishVariant },
    signal,
    (status) =>
      status === 403 || status === 401
        ? 'badKey'
        : status === 456
          ? 'quota'
          : status === 429
            ? 'rateLimited'
            : 'badResponse',
  );
  const list = (data as { translations?: unknown } | null)?.translations;
  if (!Array.isArray(list))
    fail('badResponse', `translations should be an array, found ${describeValue(list)}`);
  if (list.length !== texts.length)
    fail('badResponse', `asked for ${texts.length} translations, got ${list.length}`);
  return list.map((item: unknown, i) => {
    const text = (item as { text?: unknown } | null)?.text;
    if (typeof text !== 'string')
      fail('badResponse', `translations[${i}].text is ${describeValue(text)}, not a string`);
    return text;
  });
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Translates French `texts` into English with the configured engine, in
 * order. Never throws; never sends anything when no engine is configured.
 */
export async function translate(
  texts: string[],
  settings: MtSettings,
  options: TranslateOptions = {},
): Promise<MtResult> {
  const configured =
    (settings.engine === 'libretranslate' && settings.url !== '') ||
    (settings.engine === 'deepl' && settings.apiKey !== '');
  if (!configured) return { ok: false, problem: { code: 'notConfigured' } };
  if (texts.length === 0) return { ok: true, translations: [] };
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const cancel = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', cancel);
  try {
    const one = settings.engine === 'deepl' ? deepl : libreTranslate;
    const size = settings.engine === 'deepl' ? DEEPL_BATCH : LIBRETRANSLATE_BATCH;
    const translations: string[] = [];
    for (const batch of batches(texts, size)) {
      if (controller.signal.aborted) break;
      translations.push(...(await one(doFetch, batch, settings, controller.signal)));
    }
    if (controller.signal.aborted) throw new Error('aborted');
    // A blank translation of a non-blank sentence is no translation.
    const blank = translations.findIndex((x, i) => !x.trim() && texts[i]!.trim());
    if (blank >= 0) fail('badResponse', `translation ${blank} is empty`);
    return { ok: true, translations };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, problem: e.problem };
    if (timedOut)
      return { ok: false, problem: { code: 'timeout', detail: `no answer in ${timeoutMs} ms` } };
    if (controller.signal.aborted)
      return { ok: false, problem: { code: 'network', detail: 'cancelled' } };
    return { ok: false, problem: { code: 'network', detail: String(e) } };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}
