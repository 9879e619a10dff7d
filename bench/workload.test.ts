// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { GROUP_SIZE, SECTION_SIZE } from '../src/editor/schema';
// @ts-expect-error: a plain JavaScript module of the benchmark, without types.
import * as workload from './workload.mjs';

describe('the static floor page', () => {
  it('groups its blocks in sections and groups of the sizes the app uses, so the stylesheet applies alike', () => {
    expect((workload as { SECTION_SIZE: number }).SECTION_SIZE).toBe(SECTION_SIZE);
    expect((workload as { GROUP_SIZE: number }).GROUP_SIZE).toBe(GROUP_SIZE);
    const blocks = 50 * SECTION_SIZE;
    const article = {
      id: 'a',
      title: 'T',
      lang: 'fr',
      blocks: Array.from({ length: blocks }, (_, i) => ({ type: 'paragraph', text: `bloc ${i}` })),
    };
    const { html } = (
      workload as { staticPage(a: object, n: object[], css: string): { html: string } }
    ).staticPage(article, [], '/x.css');
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    const groups = [...body.querySelectorAll('.article-group')];
    expect(groups).toHaveLength(Math.ceil(50 / GROUP_SIZE));
    expect(groups.map((g) => g.children.length)).toEqual([GROUP_SIZE, 50 - GROUP_SIZE]);
    const sections = body.querySelectorAll('.article-group > .article-section');
    expect(sections).toHaveLength(50);
    for (const s of sections) expect(s.querySelectorAll(':scope > p')).toHaveLength(SECTION_SIZE);
    expect(html.match(/<p>bloc \d+<\/p>/g)).toHaveLength(blocks);
  });
});
