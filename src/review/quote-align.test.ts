/**
 * Tests of quote alignment, first on every quote one could tag in the
 * shipped article (each quoted stretch and the block quotation, with and
 * without its marks), with the English written by hand from the shipped
 * glosses; then on the rules one by one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArticleBlock } from '../model/article';
import { segmentSentences } from '../glosses/sentences';
import { alignQuote, quotedStretches, type TermHint } from './quote-align';

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const ARTICLE = read('../../public/articles/parler-amazon-fr.json') as { blocks: ArticleBlock[] };
const GLOSSES = read('../../locales/en/article-parler-amazon-fr.json') as Record<string, string>;
const GLOSSARY = read('../../locales/en/glossary.json') as Record<string, { gloss: string }>;
const HINTS: TermHint[] = Object.entries(GLOSSARY).map(([fr, e]) => ({ fr, en: e.gloss }));
const SENTENCES = segmentSentences(ARTICLE.blocks);

/** Every quote of the shipped article: its sentence, its French (inside the marks), its English. */
const QUOTES: { sentence: string; fr: string; en: string }[] = [
  {
    sentence: 'b3.s1',
    fr: "n'avait pas allégué les faits de base",
    en: 'had not alleged the basic facts',
  },
  {
    sentence: 'b4.s0',
    fr: "a répudié et violé son contrat d'héberger le site Web et l'application de Parler sur les services cloud d'AWS, de mauvaise foi",
    en: "repudiated and breached its contract to host Parler's website and app on AWS's cloud services, in bad faith",
  },
  {
    sentence: 'b5.s0',
    fr: "AWS a tenté de justifier la répudiation sur la base d'allégations contre Parler qu'AWS savait être fausses",
    en: 'AWS attempted to justify the repudiation on the basis of allegations against Parler that AWS knew to be false',
  },
  {
    sentence: 'b5.s0',
    fr: "ternir et diffamer l'entreprise de Parler",
    en: "tarnish and defame Parler's business",
  },
  {
    sentence: 'b9.s0',
    fr: "réseau social de liberté d'expression",
    en: 'free speech social network',
  },
];

const BLOCK_QUOTATION = {
  sentence: 'b7.s0',
  en: GLOSSES['b7.s0']!,
};

function sentence(id: string): string {
  const s = SENTENCES.find((x) => x.id === id);
  if (!s) throw new Error(`no sentence ${id}`);
  return s.text;
}

/** The English for `exact` (its first occurrence) inside sentence `id`. */
function suggest(
  id: string,
  exact: string,
  hints: readonly TermHint[] = HINTS,
): string | undefined {
  const fr = sentence(id);
  const from = fr.indexOf(exact);
  if (from === -1) throw new Error(`"${exact}" is not in ${id}`);
  return alignQuote(fr, from, from + exact.length, GLOSSES[id]!, hints)?.text;
}

describe('every quote of the shipped article', () => {
  it('lists every quoted stretch of the article', () => {
    // Found independently of quotedStretches: « … » and "…" pairs per block.
    const found = ARTICLE.blocks.flatMap((b) =>
      [...b.text.matchAll(/«\s*([^»]*?)\s*»|"([^"]*)"/gu)].map((m) => (m[1] ?? m[2])!),
    );
    expect(found).toEqual(QUOTES.map((q) => q.fr));
    expect(ARTICLE.blocks.filter((b) => b.type === 'blockquote')).toHaveLength(1);
  });

  it.each(QUOTES)('$fr → $en (inside the marks)', ({ sentence: id, fr, en }) => {
    expect(suggest(id, fr)).toBe(en);
    // The quotation marks alone are enough: no hints needed.
    expect(suggest(id, fr, [])).toBe(en);
  });

  it.each(QUOTES)('$fr → "$en" (with the marks)', ({ sentence: id, fr, en }) => {
    const text = sentence(id);
    const inner = text.indexOf(fr);
    const open = text.lastIndexOf(text[inner - 1] === '«' ? '«' : '"', inner);
    const close = inner + fr.length;
    const withMarks = text.slice(open, close + 1);
    expect(withMarks).toMatch(/^[«"].*[»"]$/u);
    expect(alignQuote(text, open, close + 1, GLOSSES[id]!)).toEqual({
      text: `"${en}"`,
      method: 'quoted',
    });
  });

  it('the block quotation is its whole gloss', () => {
    const text = sentence(BLOCK_QUOTATION.sentence);
    expect(alignQuote(text, 0, text.length, BLOCK_QUOTATION.en)).toEqual({
      text: BLOCK_QUOTATION.en,
      method: 'sentence',
    });
  });
});

describe('alignQuote', () => {
  it('aligns a part of a quoted stretch by its anchors', () => {
    expect(suggest('b4.s0', 'de mauvaise foi')).toBe('in bad faith');
    expect(suggest('b5.s0', 'diffamer')).toBe('defame');
  });

  it('aligns words outside quotation marks by names and terms', () => {
    expect(suggest('b6.s0', 'Donald Trump')).toBe('Donald Trump');
    expect(suggest('b6.s0', "l'ancien président Donald Trump")).toBe(
      'former President Donald Trump',
    );
    expect(suggest('b3.s1', 'en janvier 2021')).toBe('in January 2021');
    expect(suggest('b10.s1', 'Le PDG et co-fondateur John Matze')).toBe(
      'CEO and co-founder John Matze',
    );
    expect(suggest('b6.s0', 'Amazon voulait faire taire les voix conservatrices')).toBe(
      'Amazon wanted to silence conservative voices',
    );
  });

  it('finds cognates a letter apart, and glossary terms', () => {
    expect(suggest('b3.s1', 'un juge')).toBe('a judge');
    expect(suggest('b8.s0', "AWS a donné le coup d'envoi à Parler")).toBe(
      'AWS gave Parler the boot',
    );
    expect(suggest('b12.s0', 'Parler ne lâche pas ses efforts')).toBe(
      'Parler is not letting up in its efforts',
    );
    expect(suggest('b10.s0', "ce n'était pas un processus sans heurts")).toBe(
      'it was not a smooth process',
    );
  });

  it('ends on the English of a last anchor, without running past it', () => {
    expect(suggest('b9.s1', 'Cette politique est devenue la chute de Parler')).toBe(
      "This policy became Parler's downfall",
    );
  });

  it('follows the English word order', () => {
    expect(suggest('b3.s1', 'un juge a annulé le cas de Parler')).toBe(
      "a judge dismissed Parler's case",
    );
    expect(suggest('b8.s0', 'les émeutes de Capitol Hill')).toBe('the Capitol Hill riots');
  });

  it('takes a quoted stretch whole inside a longer quote, without the gloss’s inner comma', () => {
    expect(
      suggest('b9.s0', "Parler s'appelle lui-même un «réseau social de liberté d'expression»"),
    ).toBe('Parler calls itself a "free speech social network"');
  });

  it('finds no counterpart without any anchor', () => {
    expect(
      alignQuote('Il pleut des cordes ce matin.', 0, 8, 'It is raining hard today.'),
    ).toBeNull();
  });

  it('matches the k-th quoted stretch to the k-th', () => {
    const fr = 'Il dit «oui» puis «non».';
    const en = 'He said "yes" then "no".';
    expect(alignQuote(fr, fr.indexOf('non'), fr.indexOf('non') + 3, en)?.text).toBe('no');
    expect(alignQuote(fr, fr.indexOf('oui'), fr.indexOf('oui') + 3, en)?.text).toBe('yes');
  });

  it('reads curly quotes and leaves apostrophes alone', () => {
    expect(quotedStretches('“a” l’homme ‘b’')).toEqual([
      { open: 0, close: 2 },
      { open: 12, close: 14 },
    ]);
    const fr = 'Elle a parlé d’un “désastre total” hier.';
    const en = 'She spoke of a ‘total disaster’ yesterday.';
    const from = fr.indexOf('désastre');
    expect(alignQuote(fr, from, from + 'désastre total'.length, en)?.text).toBe('total disaster');
  });

  it('is null on an empty span or gloss', () => {
    expect(alignQuote('Oui.', 1, 1, 'Yes.')).toBeNull();
    expect(alignQuote('Oui.', 0, 3, '  ')).toBeNull();
  });
});
