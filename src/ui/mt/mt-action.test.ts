// @vitest-environment jsdom
/**
 * The Machine-translate action against the local server that answers as
 * LibreTranslate does: only sentences without a gloss are sent, results are
 * written marked machine and unchecked, a failure writes nothing, and a
 * gloss that arrives while the engine works is never overwritten.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../../i18n/i18n';
import { GlossSource } from '../../glosses/gloss-source';
import type { Sentence } from '../../glosses/sentences';
import { DEFAULT_MT_SETTINGS, type MtSettings } from '../../mt/settings';
import {
  MOCK_LIBRE_KEY,
  mockTranslation,
  startMockEngine,
  type MockEngine,
} from '../../mt/mock-engines';
import { loadMtStrings } from './strings';
import { createMtAction, type MachineMark } from './mt-action';

const sentence = (id: string, text: string): Sentence => ({
  id,
  block: 0,
  index: Number(id.slice(-1)),
  start: 0,
  end: text.length,
  text,
});
const A = sentence('b0.s0', 'Le conseil a voté.');
const B = sentence('b0.s1', 'La maire promet.');
const C = sentence('b0.s2', 'Une phrase déjà glosée.');

let engine: MockEngine;
beforeAll(async () => {
  await initI18n('en');
  await loadMtStrings();
  engine = await startMockEngine();
});
afterAll(() => engine.close());
beforeEach(() => {
  engine.requests.length = 0;
  engine.mode = 'ok';
});

function setUp(settings: MtSettings, articleId: string) {
  const glosses = new GlossSource(i18n, articleId, 'en');
  glosses.setUserGloss(C.id, 'en', 'A sentence with a gloss.');
  const writes: [string, string, MachineMark][] = [];
  const host = document.createElement('div');
  document.body.append(host);
  const action = createMtAction(host, {
    settings: () => settings,
    glosses,
    stored: () => undefined,
    write: (s, text, mark) => {
      writes.push([s.id, text, mark]);
      glosses.setUserGloss(s.id, 'en', text);
    },
    status: () => undefined,
  });
  action.show([A, B, C]);
  return { action, host, glosses, writes };
}

const libre: MtSettings = {
  ...DEFAULT_MT_SETTINGS,
  engine: 'libretranslate',
  url: '',
  apiKey: MOCK_LIBRE_KEY,
};

describe('Machine-translate action', () => {
  it('is disabled without an engine, says why, and sends nothing', async () => {
    const { action, host, writes } = setUp(DEFAULT_MT_SETTINGS, 'mt-off');
    const button = host.querySelector('button')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.title).toBe(i18n.t('mt:action.disabled'));
    await action.run();
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(i18n.t('mt:action.disabled'));
    expect(writes).toEqual([]);
    expect(engine.requests).toEqual([]);
    action.destroy();
  });

  it('sends only the sentences without a gloss and writes them marked machine, unchecked', async () => {
    const { action, writes } = setUp({ ...libre, url: engine.url }, 'mt-ok');
    await action.run();
    expect(engine.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toMatchObject([
      { q: [A.text, B.text] },
    ]);
    expect(writes).toEqual([
      [A.id, mockTranslation(A.text), { origin: 'machine', checked: false }],
      [B.id, mockTranslation(B.text), { origin: 'machine', checked: false }],
    ]);
    action.destroy();
  });

  it('writes nothing when the engine fails, and says why', async () => {
    const { action, host, writes } = setUp({ ...libre, url: engine.url, apiKey: 'bad' }, 'mt-bad');
    await action.run();
    expect(writes).toEqual([]);
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(
      i18n.t('mt:action.failed', {
        reason: i18n.t('mt:problem.badKey'),
      }),
    );
    action.destroy();
  });

  it('never overwrites a gloss a person wrote while the engine worked', async () => {
    const { action, glosses, writes } = setUp({ ...libre, url: engine.url }, 'mt-race');
    const pending = action.run();
    glosses.setUserGloss(A.id, 'en', 'Written by a person meanwhile.');
    await pending;
    expect(writes.map(([id]) => id)).toEqual([B.id]);
    expect(glosses.glossOf(A)?.text).toBe('Written by a person meanwhile.');
    action.destroy();
  });
});
