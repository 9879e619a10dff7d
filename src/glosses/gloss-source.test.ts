// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { i18n, initI18n, setUiLanguage } from '../i18n/i18n';
import { GlossSource } from './gloss-source';
import type { Article } from '../model/article';

const article = JSON.parse(
  readFileSync(resolve('public/articles/parler-amazon-fr.json'), 'utf8'),
) as Article;
const shipped = JSON.parse(
  readFileSync(resolve('locales/en/article-parler-amazon-fr.json'), 'utf8'),
) as Record<string, string>;

beforeAll(async () => {
  await initI18n('en');
});

describe('GlossSource', () => {
  it('gives the shipped gloss, then a user gloss over it, and the shipped one again after revert', () => {
    const glosses = new GlossSource(i18n, article.id, 'en');
    expect(glosses.glossOf('b5.s0')).toEqual({ text: shipped['b5.s0'], origin: 'shipped' });
    glosses.setUserGloss('b5.s0', 'en', 'Mine.');
    expect(glosses.glossOf('b5.s0')).toEqual({ text: 'Mine.', origin: 'user' });
    // Another sentence is untouched: the key "b5.s0" stayed one flat key.
    expect(glosses.glossOf('b5.s1')?.origin ?? 'shipped').toBe('shipped');
    glosses.setUserGloss('b5.s0', 'en', null);
    expect(glosses.glossOf('b5.s0')).toEqual({ text: shipped['b5.s0'], origin: 'shipped' });
  });

  it('has no gloss for an unknown sentence or an article without glosses', () => {
    expect(new GlossSource(i18n, article.id, 'en').glossOf('b99.s0')).toBeNull();
    expect(new GlossSource(i18n, 'another-article', 'en').glossOf('b0.s0')).toBeNull();
    expect(new GlossSource(i18n, article.id, 'en').availableLanguages()).toEqual(['en']);
  });

  it('gives glossary notes in the interface language, glosses in English', async () => {
    const glosses = new GlossSource(i18n, article.id, 'en');
    const en = glosses.glossary()['rupture de contrat']!;
    await setUiLanguage('fr');
    const fr = glosses.glossary()['rupture de contrat']!;
    await setUiLanguage('en');
    expect(fr.gloss).toBe(en.gloss);
    expect(fr.note).not.toBe(en.note);
  });
});
