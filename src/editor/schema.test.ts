// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { DOMSerializer } from 'prosemirror-model';
import { articleDoc, articleSchema, GROUP_SIZE, SECTION_SIZE } from './schema';

describe('article schema', () => {
  it('draws every block as a real HTML element (the standfirst as <p class="standfirst">)', () => {
    const doc = articleDoc([
      { type: 'title', text: 'T' },
      { type: 'standfirst', text: 'S' },
      { type: 'heading', text: 'H' },
      { type: 'paragraph', text: 'P' },
      { type: 'blockquote', text: 'Q' },
    ]);
    const fragment = DOMSerializer.fromSchema(articleSchema).serializeFragment(doc.content);
    const blocks = [...fragment.querySelectorAll('.article-section > *')].map((el) => [
      el.tagName,
      el.className,
    ]);
    expect(blocks).toEqual([
      ['H1', 'article-title'],
      ['P', 'standfirst'],
      ['H2', 'article-heading'],
      ['P', ''],
      ['BLOCKQUOTE', ''],
    ]);
  });

  it('puts the sections of a long article in groups, so that its top level stays a few dozen elements', () => {
    // 1,044 sections, as the 1,000,000-character article of bench/ has: every frame that scrolled
    // or relaid the article paid for each top-level element (schema.ts, bench/README.md).
    const blocks = Array.from({ length: 1044 * SECTION_SIZE }, (_, i) => ({
      type: 'paragraph' as const,
      text: `bloc ${i}`,
    }));
    const doc = articleDoc(blocks);
    expect(doc.childCount).toBe(Math.ceil(1044 / GROUP_SIZE));
    expect(doc.childCount).toBeLessThanOrEqual(40);
    const root = document.createElement('div');
    root.append(DOMSerializer.fromSchema(articleSchema).serializeFragment(doc.content));
    expect(root.children).toHaveLength(doc.childCount);
    const groups = [...root.children];
    expect(groups.every((g) => g.className === 'article-group')).toBe(true);
    expect(groups.slice(0, -1).every((g) => g.children.length === GROUP_SIZE)).toBe(true);
    expect(root.querySelectorAll(':scope > .article-group > .article-section')).toHaveLength(1044);
    expect(root.querySelectorAll('.article-section > p')).toHaveLength(blocks.length);
  });
});
