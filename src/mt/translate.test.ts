/**
 * The connectors against a local server that answers as LibreTranslate's and
 * DeepL's documented APIs do (./mock-engines), errors included.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MOCK_DEEPL_KEY,
  MOCK_LIBRE_KEY,
  mockTranslation,
  startMockEngine,
  type MockEngine,
} from './mock-engines';
import { DEFAULT_MT_SETTINGS, type MtSettings } from './settings';
import { deeplEndpoint, translate } from './translate';

let engine: MockEngine;
beforeAll(async () => {
  engine = await startMockEngine();
});
afterAll(() => engine.close());
beforeEach(() => {
  engine.requests.length = 0;
  engine.mode = 'ok';
});

const libre = (patch: Partial<MtSettings> = {}): MtSettings => ({
  ...DEFAULT_MT_SETTINGS,
  engine: 'libretranslate',
  url: engine.url,
  apiKey: MOCK_LIBRE_KEY,
  ...patch,
});
const deepl = (patch: Partial<MtSettings> = {}): MtSettings => ({
  ...DEFAULT_MT_SETTINGS,
  engine: 'deepl',
  url: engine.url, // as a proxy would be configured
  apiKey: MOCK_DEEPL_KEY,
  ...patch,
});

const FR = ['Le conseil a voté le budget.', "L'opposition dénonce une « dépense de prestige »."];
const posts = () => engine.requests.filter((r) => r.method === 'POST');

describe('no engine configured', () => {
  it('sends nothing and says so', async () => {
    let called = 0;
    const spy = (() => {
      called++;
      return Promise.reject(new Error('must not be called'));
    }) as typeof fetch;
    for (const settings of [
      DEFAULT_MT_SETTINGS,
      { ...DEFAULT_MT_SETTINGS, url: engine.url, apiKey: MOCK_LIBRE_KEY },
      libre({ url: '' }),
      deepl({ apiKey: '' }),
    ]) {
      const result = await translate(FR, settings, { fetch: spy });
      expect(result).toEqual({ ok: false, problem: { code: 'notConfigured' } });
      await translate(FR, settings);
    }
    expect(called).toBe(0);
    expect(engine.requests).toEqual([]);
  });
});

describe('LibreTranslate', () => {
  it('translates the texts in one request with q as an array, in order', async () => {
    const result = await translate(FR, libre());
    expect(result).toEqual({ ok: true, translations: FR.map(mockTranslation) });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.path).toBe('/translate');
    expect(posts()[0]!.body).toEqual({
      q: FR,
      source: 'fr',
      target: 'en',
      format: 'text',
      api_key: MOCK_LIBRE_KEY,
    });
  });

  it('batches many texts and keeps their order', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `Phrase ${i}.`);
    const result = await translate(many, libre());
    expect(result).toEqual({ ok: true, translations: many.map(mockTranslation) });
    expect(posts()).toHaveLength(3);
  });

  it('a bad key is badKey with the engine message', async () => {
    const result = await translate(FR, libre({ apiKey: 'wrong' }));
    expect(result).toEqual({
      ok: false,
      problem: { code: 'badKey', detail: 'HTTP 403: Invalid API key' },
    });
  });

  it('429 is rateLimited, 500 badResponse with the engine message', async () => {
    engine.mode = 'rateLimited';
    expect(await translate(FR, libre())).toMatchObject({
      ok: false,
      problem: { code: 'rateLimited', detail: expect.stringContaining('429') },
    });
    engine.mode = 'serverError';
    expect(await translate(FR, libre())).toEqual({
      ok: false,
      problem: { code: 'badResponse', detail: 'HTTP 500: Cannot translate text: internal error' },
    });
  });

  it('a body that is not JSON, or JSON of the wrong shape, is badResponse naming what was wrong', async () => {
    engine.mode = 'malformed';
    expect(await translate(FR, libre())).toEqual({
      ok: false,
      problem: { code: 'badResponse', detail: 'the response is not JSON' },
    });
    engine.mode = 'wrongShape';
    expect(await translate(FR, libre())).toEqual({
      ok: false,
      problem: {
        code: 'badResponse',
        detail: 'translatedText should be an array of strings, found undefined',
      },
    });
  });

  it('a server that never answers is a timeout', async () => {
    engine.mode = 'hang';
    const started = Date.now();
    const result = await translate(FR, libre(), { timeoutMs: 150 });
    expect(result).toEqual({
      ok: false,
      problem: { code: 'timeout', detail: 'no answer in 150 ms' },
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('no server at the URL is a network problem', async () => {
    const closed = await startMockEngine();
    const url = closed.url;
    await closed.close();
    const result = await translate(FR, libre({ url }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe('network');
  });

  it('a cancelled call resolves as cancelled, not a timeout', async () => {
    engine.mode = 'hang';
    const controller = new AbortController();
    const pending = translate(FR, libre(), { signal: controller.signal, timeoutMs: 5000 });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ ok: false, problem: { code: 'network', detail: 'cancelled' } });
  });
});

describe('DeepL', () => {
  it('picks the free or the pro endpoint by the key, or the configured proxy', () => {
    expect(deeplEndpoint(deepl({ url: '', apiKey: 'abc:fx' }))).toBe(
      'https://api-free.deepl.com/v2/translate',
    );
    expect(deeplEndpoint(deepl({ url: '', apiKey: 'abc' }))).toBe(
      'https://api.deepl.com/v2/translate',
    );
    expect(deeplEndpoint(deepl())).toBe(`${engine.url}/v2/translate`);
  });

  it('translates with the key in the Authorization header, in batches of 50', async () => {
    const many = Array.from({ length: 120 }, (_, i) => `Phrase ${i}.`);
    const result = await translate(many, deepl({ englishVariant: 'EN-US' }));
    expect(result).toEqual({ ok: true, translations: many.map(mockTranslation) });
    expect(posts().map((r) => (r.body as { text: string[] }).text.length)).toEqual([50, 50, 20]);
    expect(posts()[0]!.headers.authorization).toBe(`DeepL-Auth-Key ${MOCK_DEEPL_KEY}`);
    expect(posts()[0]!.body).toMatchObject({ source_lang: 'FR', target_lang: 'EN-US' });
  });

  it('403 is badKey, 456 quota, 429 rateLimited', async () => {
    expect(await translate(FR, deepl({ apiKey: 'nope:fx' }))).toEqual({
      ok: false,
      problem: { code: 'badKey', detail: 'HTTP 403: Forbidden' },
    });
    engine.mode = 'quota';
    expect(await translate(FR, deepl())).toEqual({
      ok: false,
      problem: { code: 'quota', detail: 'HTTP 456: Quota exceeded' },
    });
    engine.mode = 'rateLimited';
    expect(await translate(FR, deepl())).toEqual({
      ok: false,
      problem: { code: 'rateLimited', detail: 'HTTP 429: Too many requests' },
    });
  });

  it('a translation without its text is badResponse naming it', async () => {
    engine.mode = 'wrongShape';
    expect(await translate(FR, deepl())).toEqual({
      ok: false,
      problem: { code: 'badResponse', detail: 'translations[0].text is undefined, not a string' },
    });
  });

  it('one failed batch fails the whole call (all translations or none)', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `Phrase ${i}.`);
    let n = 0;
    const flaky = ((input: RequestInfo | URL, init?: RequestInit) =>
      ++n === 2
        ? Promise.reject(new TypeError('Failed to fetch'))
        : fetch(input, init)) as typeof fetch;
    const result = await translate(many, deepl(), { fetch: flaky });
    expect(result).toEqual({ ok: false, problem: { code: 'network', detail: 'Failed to fetch' } });
  });
});
