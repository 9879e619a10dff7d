// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../i18n/i18n';
import type { StoredArticle } from '../../model/article';
import { createArticleList, type LibraryRow } from './article-list';

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

function rowsOf(n: number): LibraryRow[] {
  return Array.from({ length: n }, (_, i) => {
    const article: StoredArticle = {
      id: `art-${i}`,
      title: `Article ${i}`,
      lang: 'fr',
      blocks: [{ type: 'paragraph', text: 'Texte.' }],
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
    };
    return {
      article,
      counts: { claim: i, quote: 0, event: 0 },
      changed: article.modified,
      current: false,
    };
  });
}

function mount() {
  const container = document.createElement('div');
  document.body.append(container);
  const list = createArticleList(container, {
    open: () => undefined,
    rename: () => Promise.resolve(true),
    remove: () => undefined,
    editOrigin: () => undefined,
    editable: true,
  });
  const ids = () =>
    [...container.querySelectorAll<HTMLElement>('tbody tr')].map((tr) => tr.dataset.articleId);
  return { container, list, ids };
}

// jsdom builds rows slowly on a loaded machine: a generous timeout (nothing here is timed).
describe('the article list of hundreds of articles', { timeout: 30_000 }, () => {
  it('builds the first rows at once and every other row in later tasks, in order', () => {
    vi.useFakeTimers();
    const { list, ids, container } = mount();
    const rows = rowsOf(200);
    list.update(rows);
    const first = ids().length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(200);
    expect(container.querySelector('.library-count')!.textContent).toContain('200');
    vi.runAllTimers();
    expect(ids()).toEqual(rows.map((r) => r.article.id));
  });

  it('builds a row not built yet when it is to be focused', () => {
    vi.useFakeTimers();
    const { list } = mount();
    list.update(rowsOf(200));
    list.focus('art-190', 'rename');
    const active = document.activeElement as HTMLElement;
    expect(active.dataset.action).toBe('rename');
    expect(active.dataset.articleId).toBe('art-190');
  });

  it('stops building the rows of a list that was replaced', () => {
    vi.useFakeTimers();
    const { list, ids } = mount();
    list.update(rowsOf(200));
    list.update(rowsOf(3));
    vi.runAllTimers();
    expect(ids()).toEqual(['art-0', 'art-1', 'art-2']);
  });
});
