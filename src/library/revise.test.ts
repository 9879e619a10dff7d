import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Annotation } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { CodePointIndex } from '../anchoring/code-points';
import { describe as describeSpan, trimSpan } from '../anchoring/describe';
import { planRevision } from './revise';

// The tests run from the repository's root.
const article = JSON.parse(
  readFileSync(resolve('public/articles/parler-amazon-fr.json'), 'utf8'),
) as Article;
const seed = canonicalText(article.blocks);
const lines = article.blocks.map((b) => b.text);
const BEFORE = '2024-01-01T00:00:00.000Z';
const NOW = '2024-06-01T12:00:00.000Z';

/** An annotation of the `occurrence`-th (0-based) `phrase` in `text`, as the editor would store it. */
function annotate(text: string, phrase: string, id: string, occurrence = 0): Annotation {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`"${phrase}" not found`);
  }
  const index = new CodePointIndex(text);
  const start = index.toCodePoint(at);
  const end = index.toCodePoint(at + phrase.length);
  return {
    id,
    articleId: 'parler-amazon-fr',
    kind: 'quote',
    start,
    end,
    ...describeSpan(index, start, end),
    note: '',
    fields: {},
    created: BEFORE,
    modified: BEFORE,
  };
}

/** Checks that every anchored annotation's offsets hold its `exact` in `text`, with fresh context. */
function expectConsistent(text: string, annotations: Annotation[]) {
  const index = new CodePointIndex(text);
  for (const a of annotations) {
    if (a.orphaned) continue;
    expect(describeSpan(index, a.start, a.end)).toEqual({
      exact: a.exact,
      prefix: a.prefix,
      suffix: a.suffix,
    });
  }
}

/** The seed with block `from` moved to sit before block `to` (indices in the original). */
function moveBlock(from: number, to: number): string {
  const blocks = [...lines];
  const [moved] = blocks.splice(from, 1);
  blocks.splice(to > from ? to - 1 : to, 0, moved!);
  return blocks.join('\n\n');
}

describe('planRevision on edits of the seed article', () => {
  it('follows a typo fixed inside a span: the span moves to its new wording', () => {
    const spanText =
      "un juge a annulé le cas de Parler , affirmant que la plate-forme «n'avait pas allégué";
    const anns = [
      annotate(seed, 'Parler annule la poursuite', 'title'),
      annotate(seed, spanText, 'inside'),
      annotate(seed, 'le cas de', 'context'),
      annotate(seed, 'Parler a depuis abandonné ce procès', 'after'),
    ];
    const revised = seed.replace('cas de Parler , affirmant', 'cas de Parler, affirmant');
    const { annotations, report } = planRevision(seed, revised, anns, NOW);

    expect(report).toEqual({
      stayed: ['title', 'context'],
      moved: ['inside', 'after'],
      orphaned: [],
    });
    const [title, inside, context, after] = annotations;
    // Untouched: returned as it was.
    expect(title).toBe(anns[0]);
    expect(inside).toMatchObject({
      start: anns[1]!.start,
      end: anns[1]!.end - 1,
      exact: spanText.replace('Parler ,', 'Parler,'),
      modified: NOW,
    });
    // Same offsets and text, but its suffix saw the fix.
    expect(context).toMatchObject({ start: anns[2]!.start, exact: 'le cas de', modified: NOW });
    expect(context!.suffix).toMatch(/^ Parler, affirmant/);
    expect(after).toMatchObject({
      start: anns[3]!.start - 1,
      exact: anns[3]!.exact,
      modified: NOW,
    });
    expectConsistent(revised, annotations);
  });

  it('follows a typo fixed outside a span, and counts a same-length fix inside one as moved', () => {
    const typo = seed.replace('les émeutes de Capitol Hill', 'les émeuets de Capitol Hill');
    const anns = [
      annotate(typo, 'les émeuets de Capitol Hill', 'same-length'),
      annotate(typo, 'John Matze a été licencié', 'later'),
    ];
    const fixed = typo.replace('émeuets', 'émeutes').replace('sur le Web ,', 'sur le Web,');
    const { annotations, report } = planRevision(typo, fixed, anns, NOW);

    expect(report).toEqual({ stayed: [], moved: ['same-length', 'later'], orphaned: [] });
    expect(annotations[0]).toMatchObject({
      start: anns[0]!.start,
      end: anns[0]!.end,
      exact: 'les émeutes de Capitol Hill',
    });
    expect(annotations[1]).toMatchObject({
      start: anns[1]!.start - 1,
      exact: 'John Matze a été licencié',
    });
    expectConsistent(fixed, annotations);
  });

  it('follows a sentence inserted before the spans', () => {
    const inserted = 'Le réseau social revendique des millions d’utilisateurs. ';
    const anns = [
      annotate(seed, 'Parler cherche à se venger contre Amazon', 'heading'),
      annotate(seed, "L'attaque de Parler sur Amazon n'est pas terminée.", 'first-sentence'),
      annotate(seed, lines[7]!, 'blockquote'),
    ];
    const revised = seed.replace("L'attaque de Parler", inserted + "L'attaque de Parler");
    const { annotations, report } = planRevision(seed, revised, anns, NOW);

    expect(report).toEqual({
      stayed: ['heading'],
      moved: ['first-sentence', 'blockquote'],
      orphaned: [],
    });
    const shift = inserted.length;
    expect(annotations[1]).toMatchObject({
      start: anns[1]!.start + shift,
      end: anns[1]!.end + shift,
    });
    expect(annotations[2]).toMatchObject({ start: anns[2]!.start + shift, exact: lines[7] });
    expectConsistent(revised, annotations);
  });

  it('follows a paragraph moved further down, and the paragraphs it leaves', () => {
    const anns = [
      annotate(seed, "AWS a donné le coup d'envoi à Parler", 'moved-paragraph'),
      annotate(seed, 'Google et Apple', 'moved-paragraph-2'),
      annotate(seed, "«réseau social de liberté d'expression»", 'between'),
      annotate(seed, 'Donald Trump', 'repeated', 1),
      annotate(seed, 'Parler', 'ambiguous', 15),
      annotate(seed, 'une mince affaire', 'after'),
    ];
    // Paragraph 9 ("AWS a donné…") goes after paragraph 11, before the "Parler n'abandonne pas encore" heading.
    const revised = moveBlock(8, 11);
    expect(revised.length).toBe(seed.length);
    const { annotations, report } = planRevision(seed, revised, anns, NOW);

    expect(report).toEqual({
      stayed: ['repeated', 'after'],
      moved: ['moved-paragraph', 'moved-paragraph-2', 'between', 'ambiguous'],
      orphaned: [],
    });
    const paragraphShift = lines[9]!.length + lines[10]!.length + 4;
    expect(annotations[0]!.start).toBe(anns[0]!.start + paragraphShift);
    expect(annotations[1]!.start).toBe(anns[1]!.start + paragraphShift);
    expect(annotations[2]!.start).toBe(anns[2]!.start - lines[8]!.length - 2);
    // The 16th "Parler" sits in the moved paragraph: found by its context, not just any "Parler".
    const ambiguousContext = seed.slice(anns[4]!.start - 20, anns[4]!.end + 20);
    expect(revised.slice(annotations[4]!.start - 20, annotations[4]!.end + 20)).toBe(
      ambiguousContext,
    );
    expectConsistent(revised, annotations);
  });

  it('is not fooled by the same words landing at the old offsets', () => {
    // Two paragraphs trade places; each has "Parler" 14 characters in, so the
    // other paragraph's "Parler" now sits at this one's old offsets.
    const p1 = "Pour le juge, Parler n'avait pas allégué les faits de base.";
    const p2 = 'Pour le PDG, «Parler» savait que ces accusations étaient fausses.';
    expect(p1.indexOf('Parler')).toBe(p2.indexOf('Parler'));
    const before = [lines[0], p1, p2, lines[3]].join('\n\n');
    const after = [lines[0], p2, p1, lines[3]].join('\n\n');
    // Occurrence 0 is the title's.
    const anns = [annotate(before, 'Parler', 'first', 1), annotate(before, 'Parler', 'second', 2)];
    const { annotations, report } = planRevision(before, after, anns, NOW);

    expect(report.moved).toEqual(['first', 'second']);
    expect(after.slice(annotations[0]!.start - 14)).toMatch(/^Pour le juge, Parler n'avait/);
    expect(after.slice(annotations[1]!.start - 14)).toMatch(/^Pour le PDG, «Parler»/);
    expectConsistent(after, annotations);
  });

  it('keeps a span whose quoted sentence was deleted, as an orphan, and re-attaches it when the text returns', () => {
    const quote = `"AWS a tenté de justifier la répudiation sur la base d'allégations contre Parler qu'AWS savait être fausses"`;
    const anns = [
      annotate(seed, quote, 'deleted-quote'),
      annotate(seed, lines[7]!, 'deleted-blockquote'),
      annotate(seed, 'John Matze', 'kept'),
    ];
    const revised = lines.filter((_, i) => i !== 5 && i !== 7).join('\n\n');
    const { annotations, report } = planRevision(seed, revised, anns, NOW);

    expect(report).toEqual({
      stayed: [],
      moved: ['kept'],
      orphaned: ['deleted-quote', 'deleted-blockquote'],
    });
    expect(annotations).toHaveLength(3);
    for (const i of [0, 1]) {
      // Kept whole: offsets and quote as they were, to be re-attached later.
      expect(annotations[i]).toEqual({ ...anns[i], orphaned: true, modified: NOW });
    }
    expectConsistent(revised, annotations);

    // Orphaned again in a further revision: nothing changes.
    const again = planRevision(revised, revised + ' Fin.', annotations, '2024-07-01T00:00:00.000Z');
    expect(again.annotations[0]).toBe(annotations[0]);
    expect(again.report.orphaned).toEqual(['deleted-quote', 'deleted-blockquote']);

    // The sentence comes back: the orphan is anchored again and loses its flag.
    const back = planRevision(revised, seed, annotations, '2024-08-01T00:00:00.000Z');
    expect(back.report).toEqual({
      stayed: [],
      moved: ['deleted-quote', 'deleted-blockquote', 'kept'],
      orphaned: [],
    });
    expect(back.annotations[0]).toEqual({ ...anns[0], modified: '2024-08-01T00:00:00.000Z' });
    expect(back.annotations[0]).not.toHaveProperty('orphaned');
  });

  it('keeps every annotation, in order, whatever happens', () => {
    const anns = lines.map((line, i) => annotate(seed, line, `block-${i}`));
    const revised = 'Un tout autre texte.';
    const { annotations, report } = planRevision(seed, revised, anns, NOW);
    expect(annotations.map((a) => a.id)).toEqual(anns.map((a) => a.id));
    expect(report.orphaned).toHaveLength(anns.length);
    expect(annotations.every((a) => a.orphaned)).toBe(true);
  });
});

describe('planRevision with the text unchanged', () => {
  /** A random non-blank span of `text`, trimmed of whitespace as the editor does. */
  const spanOf = (text: string) =>
    fc
      .tuple(fc.nat(), fc.nat())
      .map(([x, y]) => {
        const index = new CodePointIndex(text);
        const a = x % (index.length + 1);
        const b = y % (index.length + 1);
        return trimSpan(index, Math.min(a, b), Math.max(a, b));
      })
      .filter((s): s is { start: number; end: number } => s !== null);

  /** Annotations on `text` at the given spans. */
  function annotationsAt(text: string, spans: { start: number; end: number }[]): Annotation[] {
    const index = new CodePointIndex(text);
    return spans.map((s, i) => ({
      ...annotate(text, index.slice(s.start, s.end), `a${i}`),
      start: s.start,
      end: s.end,
      ...describeSpan(index, s.start, s.end),
    }));
  }

  it('leaves every span of the seed where it was', () => {
    fc.assert(
      fc.property(fc.array(spanOf(seed), { maxLength: 12 }), (spans) => {
        const anns = annotationsAt(seed, spans);
        const { annotations, report } = planRevision(seed, seed, anns, NOW);
        expect(report).toEqual({ stayed: anns.map((a) => a.id), moved: [], orphaned: [] });
        annotations.forEach((a, i) => expect(a).toBe(anns[i]));
      }),
    );
  });

  it('leaves every span of any text where it was, repeats and astral characters included', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'é', ' ', '«', '»', '😀', '\n\n'), {
        minLength: 1,
        maxLength: 80,
      })
      .map((a) => a.join(''))
      .filter((t) => t.trim() !== '');
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), fc.array(spanOf(t), { maxLength: 8 }))),
        ([t, spans]) => {
          const anns = annotationsAt(t, spans);
          const { annotations, report } = planRevision(t, t, anns, NOW);
          expect(report.stayed).toEqual(anns.map((a) => a.id));
          annotations.forEach((a, i) => expect(a).toBe(anns[i]));
        },
      ),
    );
  });
});
