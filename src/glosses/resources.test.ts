/**
 * Tests for the shipped gloss resources: every sentence of the article has an
 * English gloss and no gloss is orphaned; the glossary's terms all occur in
 * the article, in both locales; and i18next reads both namespaces literally.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import i18next, { type Resource } from 'i18next';
import { canonicalText, type Article } from '../model/article';
import { articleGlossNamespace, segmentSentences } from './sentences';
import {
  findGlossaryTerms,
  GLOSSARY_NAMESPACE,
  isGlossary,
  LITERAL_KEY_OPTIONS,
  type Glossary,
} from './glossary';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
}

const article = readJson('../../public/articles/parler-amazon-fr.json') as Article;
const text = canonicalText(article.blocks);
const sentences = segmentSentences(article.blocks);
const glosses = readJson(`../../locales/en/${articleGlossNamespace(article.id)}.json`) as Record<
  string,
  unknown
>;
const enGlossary = readJson('../../locales/en/glossary.json');
const frGlossary = readJson('../../locales/fr/glossary.json');

describe('English sentence glosses', () => {
  it('live in the namespace named after the article', () => {
    expect(articleGlossNamespace(article.id)).toBe('article-parler-amazon-fr');
  });

  it('give every sentence a non-empty gloss', () => {
    for (const s of sentences) {
      const gloss = glosses[s.id];
      expect(typeof gloss, s.id).toBe('string');
      expect((gloss as string).trim(), s.id).not.toBe('');
    }
  });

  it('have no orphaned key', () => {
    const ids = new Set(sentences.map((s) => s.id));
    expect(Object.keys(glosses).filter((k) => !ids.has(k))).toEqual([]);
  });

  it('keep the names, dates and acronyms of their sentence', () => {
    const names = [
      'Amazon',
      'Amazon Web Services',
      'AWS',
      'NPR',
      'Donald Trump',
      'Twitter',
      'Capitol Hill',
      'Google',
      'Apple',
      'John Matze',
      'January 2021',
      'CEO',
    ];
    const french: Record<string, string> = { 'January 2021': 'janvier 2021', CEO: 'PDG' };
    for (const s of sentences) {
      for (const name of names) {
        if (s.text.includes(french[name] ?? name)) expect(glosses[s.id], s.id).toContain(name);
      }
    }
  });

  it('render the legal terms precisely', () => {
    expect(glosses['b1.s1']).toContain('defamation and breach of contract');
    expect(glosses['b4.s0']).toContain('repudiated and breached its contract');
    expect(glosses['b4.s0']).toContain('in bad faith');
    expect(glosses['b3.s1']).toContain('filed a lawsuit');
    expect(glosses['b10.s1']).toContain('domain name registrar');
  });
});

describe('glossary', () => {
  it('has the shape of a glossary in both locales', () => {
    expect(isGlossary(enGlossary)).toBe(true);
    expect(isGlossary(frGlossary)).toBe(true);
  });

  const en = enGlossary as Glossary;
  const fr = frGlossary as Glossary;
  const terms = Object.keys(en);

  it('has at least 30 terms, including the ones readers look up most', () => {
    expect(terms.length).toBeGreaterThanOrEqual(30);
    for (const term of [
      'rupture de contrat',
      "a donné le coup d'envoi",
      'pas une mince affaire',
      'registraire de noms de domaine',
      'diffamation',
      'de mauvaise foi',
      'intenté une action en justice',
    ]) {
      expect(terms).toContain(term);
    }
  });

  it('has the same keys in English and French, with the same English gloss', () => {
    expect(Object.keys(fr).sort()).toEqual([...terms].sort());
    for (const term of terms) {
      expect(fr[term]!.gloss, term).toBe(en[term]!.gloss);
      expect(en[term]!.gloss.trim(), term).not.toBe('');
      expect(en[term]!.note.trim(), term).not.toBe('');
      expect(fr[term]!.note.trim(), term).not.toBe('');
      expect(fr[term]!.note, term).not.toBe(en[term]!.note);
    }
  });

  it('has only terms that occur in the article as whole words', () => {
    for (const term of terms) {
      expect(findGlossaryTerms(text, [term]).length, term).toBeGreaterThan(0);
    }
  });

  it('has no term hidden everywhere by a longer one', () => {
    const shown = new Set(findGlossaryTerms(text, terms).map((m) => m.term));
    expect(terms.filter((t) => !shown.has(t))).toEqual([]);
  });
});

describe('i18next', () => {
  it('reads sentence ids and terms literally with LITERAL_KEY_OPTIONS', async () => {
    const i18n = i18next.createInstance();
    // Loaded JSON is unknown to the type checker; its shape is tested above.
    const resources = {
      en: { [articleGlossNamespace(article.id)]: glosses, [GLOSSARY_NAMESPACE]: enGlossary },
      fr: { [GLOSSARY_NAMESPACE]: frGlossary },
    } as Resource;
    await i18n.init({ lng: 'fr', fallbackLng: 'en', resources });
    // The app's typed `t` only accepts the ui namespace and its keys, so runtime
    // namespaces are read with getResource.
    const ns = articleGlossNamespace(article.id);
    expect(i18n.getResource('en', ns, 'b3.s0', { ...LITERAL_KEY_OPTIONS })).toBe(glosses['b3.s0']);
    const entry = i18n.getResource('fr', GLOSSARY_NAMESPACE, "a donné le coup d'envoi", {
      ...LITERAL_KEY_OPTIONS,
    }) as unknown;
    expect(entry).toEqual((frGlossary as Glossary)["a donné le coup d'envoi"]);
  });
});
