import { describe, expect, it } from 'vitest';
import { SECTION_SIZE } from '../src/editor/schema';
// @ts-expect-error: a plain JavaScript module of the benchmark, without types.
import * as workload from './workload.mjs';

describe('the static floor page', () => {
  it('groups its blocks in sections of the size the app uses, so the stylesheet applies alike', () => {
    expect((workload as { SECTION_SIZE: number }).SECTION_SIZE).toBe(SECTION_SIZE);
    const article = {
      id: 'a',
      title: 'T',
      lang: 'fr',
      blocks: Array.from({ length: 50 }, (_, i) => ({ type: 'paragraph', text: `bloc ${i}` })),
    };
    const { html } = (
      workload as { staticPage(a: object, n: object[], css: string): { html: string } }
    ).staticPage(article, [], '/x.css');
    expect(html.match(/<div class="article-section">/g)).toHaveLength(Math.ceil(50 / SECTION_SIZE));
    expect(html.match(/<\/div>/g)!.length).toBeGreaterThanOrEqual(Math.ceil(50 / SECTION_SIZE));
    expect(html.match(/<p>bloc \d+<\/p>/g)).toHaveLength(50);
  });
});
