// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { i18n, initI18n, setUiLanguage } from '../i18n/i18n';
import { GlossSource } from '../glosses/gloss-source';
import { segmentSentences } from '../glosses/sentences';
import { createGlossPanel } from './gloss-panel';
import type { Article } from '../model/article';

const article = JSON.parse(
  readFileSync(resolve('public/articles/parler-amazon-fr.json'), 'utf8'),
) as Article;
const sentences = segmentSentences(article.blocks);

beforeAll(async () => {
  await initI18n('en');
});

/** A panel in the document, on the first sentence, with no gloss stored. */
function panelOnFirstSentence() {
  const host = document.createElement('div');
  document.body.append(host);
  const panel = createGlossPanel(host, {
    glosses: new GlossSource(i18n, 'no-glosses-here', 'en'),
    write: () => undefined,
    setLanguage: () => undefined,
  });
  panel.show([sentences[0]!], false);
  return { host, panel };
}

describe('gloss panel', () => {
  it('shows "No English gloss yet" (translated) for a sentence without a gloss, never a raw key', async () => {
    const { host, panel } = panelOnFirstSentence();
    expect(host.querySelector('.gloss-en')?.textContent).toBe('No English gloss yet');
    await setUiLanguage('fr');
    panel.translate();
    expect(host.querySelector('.gloss-en')?.textContent).toBe('Pas encore de glose anglaise');
    expect(host.textContent).not.toMatch(/gloss\.missing|b0\.s0/);
    await setUiLanguage('en');
    panel.destroy();
  });

  it('shows user text as text', () => {
    const host = document.createElement('div');
    const glosses = new GlossSource(i18n, article.id, 'en');
    glosses.setUserGloss(sentences[0]!.id, 'en', '<img src=x onerror=alert(1)>');
    const panel = createGlossPanel(host, {
      glosses,
      write: () => undefined,
      setLanguage: () => undefined,
    });
    panel.show([sentences[0]!], false);
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('.gloss-en')?.textContent).toBe('<img src=x onerror=alert(1)>');
    glosses.setUserGloss(sentences[0]!.id, 'en', null);
  });
});

describe('an open editor', () => {
  it('keeps what the person typed, and its message, when the panel redraws (a language change)', async () => {
    const { host, panel } = panelOnFirstSentence();
    host.querySelector<HTMLButtonElement>('.gloss-edit')!.click();
    const area = host.querySelector('textarea')!;
    area.value = '   ';
    area.dispatchEvent(new Event('input'));
    host.querySelector<HTMLButtonElement>('.gloss-save')!.click();
    area.value = 'Half a sentence';
    area.dispatchEvent(new Event('input'));
    await setUiLanguage('fr');
    expect(host.querySelector('textarea')?.value).toBe('Half a sentence');
    expect(host.querySelector('[role=alert]')?.textContent).toBe(
      i18n.t('gloss.empty', { lng: 'fr' }),
    );
    await setUiLanguage('en');
    panel.destroy();
  });
});

describe('where a stored gloss came from', () => {
  it('says "Machine translation" and "Not yet checked" for an engine’s gloss, not "written by you"', () => {
    const host = document.createElement('div');
    const glosses = new GlossSource(i18n, 'no-glosses-here', 'en');
    glosses.setUserGloss(sentences[0]!.id, 'en', 'The machine said so.');
    const panel = createGlossPanel(host, {
      glosses,
      write: () => undefined,
      setLanguage: () => undefined,
      userGloss: () => ({
        key: `no-glosses-here/${sentences[0]!.id}`,
        articleId: 'no-glosses-here',
        sentenceId: sentences[0]!.id,
        lang: 'en',
        text: 'The machine said so.',
        modified: '2026-01-01T00:00:00.000Z',
        origin: 'machine',
        checked: false,
      }),
    });
    panel.show([sentences[0]!], false);
    expect(host.querySelector('.gloss-origin')?.textContent).toBe('Machine translation');
    expect(host.querySelector('.gloss-unchecked')?.textContent).toBe('Not yet checked');
    expect(host.textContent).not.toContain('Written by you');
    panel.destroy();
    glosses.setUserGloss(sentences[0]!.id, 'en', null);
  });
});

describe('what the panel shows, as an event', () => {
  it('tells its onShow listeners the sentences each time they change, and stops when told', () => {
    const host = document.createElement('div');
    const panel = createGlossPanel(host, {
      glosses: new GlossSource(i18n, 'no-glosses-here', 'en'),
      write: () => undefined,
      setLanguage: () => undefined,
    });
    const seen: string[][] = [];
    const stop = panel.onShow((shown) => seen.push(shown.map((s) => s.id)));
    expect(panel.shown()).toEqual([]);
    panel.show([sentences[0]!], false);
    panel.show([sentences[0]!], false); // the same: nothing new to tell
    panel.show([sentences[1]!, sentences[2]!], true);
    expect(seen).toEqual([[sentences[0]!.id], [sentences[1]!.id, sentences[2]!.id]]);
    expect(panel.shown()).toEqual([sentences[1], sentences[2]]);
    stop();
    panel.show([sentences[0]!], false);
    expect(seen).toHaveLength(2);
    expect(panel.shown()).toEqual([sentences[0]]);
    panel.destroy();
  });
});
