// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { DOMSerializer } from 'prosemirror-model';
import { articleDoc, articleSchema } from './schema';

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
});
