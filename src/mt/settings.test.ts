import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkUrl,
  DEFAULT_MT_SETTINGS,
  isConfigured,
  loadMtSettings,
  MT_SETTINGS_KEY,
  parseMtSettings,
  saveMtSettings,
  type MtSettings,
} from './settings';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

const LIBRE: MtSettings = {
  engine: 'libretranslate',
  url: 'http://127.0.0.1:5000/',
  apiKey: ' key ',
  englishVariant: 'EN-GB',
};

describe('MT settings', () => {
  it('are off by default: nothing stored means no engine', () => {
    const { settings, problems } = loadMtSettings(memoryStorage());
    expect(settings).toEqual(DEFAULT_MT_SETTINGS);
    expect(problems).toEqual([]);
    expect(isConfigured(settings)).toBe(false);
  });

  it('round-trip through storage, cleaned', () => {
    const storage = memoryStorage();
    expect(saveMtSettings(LIBRE, storage)).toEqual([]);
    const { settings } = loadMtSettings(storage);
    expect(settings).toEqual({ ...LIBRE, url: 'http://127.0.0.1:5000', apiKey: 'key' });
    expect(isConfigured(settings)).toBe(true);
  });

  it('"no engine" removes what was stored, key included', () => {
    const storage = memoryStorage();
    saveMtSettings(LIBRE, storage);
    saveMtSettings({ ...LIBRE, engine: 'none' }, storage);
    expect(storage.data.has(MT_SETTINGS_KEY)).toBe(false);
  });

  it('a stored value that is not JSON, or of the wrong shape, is ignored with a problem', () => {
    const cases: [string, string, string | undefined][] = [
      ['{not json', 'malformed-json', undefined],
      ['[1,2]', 'wrong-shape', ''],
      ['"deepl"', 'wrong-shape', ''],
      ['{"engine":"<img src=x onerror=alert(1)>"}', 'wrong-shape', 'engine'],
      ['{"engine":"deepl","apiKey":42}', 'wrong-shape', 'apiKey'],
      ['{"engine":"deepl","apiKey":"a\\r\\nX-Evil: 1"}', 'wrong-shape', 'apiKey'],
      ['{"engine":"libretranslate","url":"javascript:alert(1)"}', 'bad-url', 'url'],
      ['{"engine":"libretranslate","url":"http://user:pw@host"}', 'bad-url', 'url'],
      ['{"engine":"deepl","apiKey":"k","englishVariant":"EN-AU"}', 'wrong-shape', 'englishVariant'],
    ];
    for (const [raw, code, path] of cases) {
      const { settings, problems } = loadMtSettings(memoryStorage({ [MT_SETTINGS_KEY]: raw }));
      expect(settings, raw).toEqual(DEFAULT_MT_SETTINGS);
      expect(problems[0]?.code, raw).toBe(code);
      expect(problems[0]?.path, raw).toBe(path);
    }
  });

  it('storage that throws is a problem, not a crash', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(loadMtSettings(throwing).problems[0]?.code).toBe('unreadable');
    expect(saveMtSettings(LIBRE, throwing)[0]?.code).toBe('unreadable');
  });

  it('invalid settings are not saved', () => {
    const storage = memoryStorage();
    expect(saveMtSettings({ ...LIBRE, url: 'ftp://x' }, storage)[0]?.code).toBe('bad-url');
    expect(storage.data.size).toBe(0);
  });

  it('any JSON value loads without throwing, as valid settings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const raw = JSON.stringify(value) ?? 'null';
        const { settings } = loadMtSettings(memoryStorage({ [MT_SETTINGS_KEY]: raw }));
        expect(parseMtSettings(settings).problems).toEqual([]);
      }),
    );
  });

  it('checkUrl keeps http(s) base URLs only', () => {
    expect(checkUrl('https://lt.example.org/')).toEqual({
      ok: true,
      url: 'https://lt.example.org',
    });
    expect(checkUrl('http://127.0.0.1:5000/api/')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:5000/api',
    });
    expect(checkUrl('not a url').ok).toBe(false);
    expect(checkUrl('https://x.org/?a=1').ok).toBe(false);
  });
});
