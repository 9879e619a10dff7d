// @vitest-environment jsdom
/**
 * What the person reads of a bad TMX or links file, in the fr interface:
 * the translated reason and where — never the parser's English `detail`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, t } from '../../i18n/i18n';
import { parseTmx } from '../../exchange/tmx';
import { parseJson } from '../../exchange/parse-json';
import { parseW3CRelations } from '../../exchange/w3c-relations';
import type { Problem } from '../../exchange/problem';
import { tmxProblemText } from '../tm/tm-dialog';
import { problemText } from './problems';

beforeAll(async () => {
  await initI18n('fr');
});

/** The English words of a problem's detail that are not numbers or file text. */
function expectNoEnglish(shown: string, p: Problem): void {
  expect(shown).not.toContain(p.detail);
  for (const word of p.detail.match(/\b[a-z]{4,}\b/g) ?? []) {
    if (['line', 'column'].includes(word)) continue;
    expect(shown).not.toMatch(new RegExp(`\\b${word}\\b`));
  }
}

describe('import problems in the fr interface', () => {
  it('a TMX that is not well-formed: the French reason, its line and column', () => {
    const { problems } = parseTmx('<tmx version="1.4"><body><tu><tuv xml:lang="fr"><seg>a</tuv>');
    const p = problems[0]!;
    expect(p.code).toBe('malformed-xml');
    const shown = tmxProblemText(p);
    expect(shown).toBe(t('tm:problem.malformed-xml', { line: p.line, column: p.column }));
    expect(shown).toMatch(/^ce n’est pas du XML bien formé \(ligne \d+, colonne \d+\)$/);
    expectNoEnglish(shown, p);
  });

  it('a links file that is not JSON, or holds a link of the wrong shape: the French reason and where', () => {
    const notJson = parseJson('{"type": "AnnotationCollection",');
    expect(notJson.ok).toBe(false);
    if (notJson.ok) return;
    const shown = problemText(notJson.problem);
    expect(shown).toContain(t('exchange:problem.malformed-json'));
    expect(shown).toMatch(/^ligne \d+, colonne \d+ : /);
    expectNoEnglish(shown, notJson.problem);

    const { problems } = parseW3CRelations(
      { type: 'AnnotationCollection', items: [{ motivation: 'linking', body: 42, target: 7 }] },
      () => 'a',
    );
    const error = problems.find((x) => x.severity === 'error')!;
    expect(error).toBeDefined();
    const text = problemText(error);
    expect(text).toContain(t(`exchange:problem.${error.code}`));
    expectNoEnglish(text, error);
  });
});
