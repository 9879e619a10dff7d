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

/** The drawn rows' indexes for assistive technology (the header row is 1). */
function rowIndexes(container: HTMLElement): number[] {
  return [...container.querySelectorAll<HTMLElement>('tbody tr[data-article-id]')].map((tr) =>
    Number(tr.getAttribute('aria-rowindex')),
  );
}

// jsdom builds rows slowly on a loaded machine: a generous timeout (nothing here is timed).
describe('the article list of a thousand articles', { timeout: 30_000 }, () => {
  it('draws only the rows near the view; the table says how many there are', () => {
    const { list, ids, container } = mount();
    list.update(rowsOf(1000));
    const drawn = ids().filter(Boolean);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(100);
    expect(drawn[0]).toBe('art-0');
    const table = container.querySelector('table')!;
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    expect(container.querySelector('thead tr')!.getAttribute('aria-rowindex')).toBe('1');
    expect(rowIndexes(container)).toEqual(drawn.map((_, i) => i + 2));
    expect(container.querySelector('.library-count')!.textContent).toMatch(/1,?000/);
    // The rows not drawn are stood for by a spacer, hidden from assistive technology.
    const spacers = container.querySelectorAll<HTMLElement>('tbody tr.library-spacer');
    expect(spacers).toHaveLength(2);
    for (const spacer of spacers) expect(spacer.getAttribute('aria-hidden')).toBe('true');
    expect(parseFloat(spacers[1]!.style.height)).toBeGreaterThan(0);
  });

  it('draws a row far down when it is to be focused, with the rows around it', () => {
    const { list, ids, container } = mount();
    list.update(rowsOf(1000));
    list.focus('art-900', 'rename');
    const active = document.activeElement as HTMLElement;
    expect(active.dataset.action).toBe('rename');
    expect(active.dataset.articleId).toBe('art-900');
    expect(active.closest('tr')!.getAttribute('aria-rowindex')).toBe('902');
    // Tab and Shift+Tab find the next and the previous row drawn.
    expect(ids()).toContain('art-899');
    expect(ids()).toContain('art-901');
    const indexes = rowIndexes(container);
    expect(indexes).toEqual(indexes.map((_, i) => indexes[0]! + i));
  });

  it('draws the rows scrolled into view, keeping the focused one while it is near', async () => {
    const { list, ids, container } = mount();
    list.update(rowsOf(1000));
    list.focus('art-2', 'open');
    const body = container.querySelector('tbody')!;
    // As if the page were scrolled down (jsdom lays nothing out).
    const scrollTo = async (rowsDown: number) => {
      vi.spyOn(body, 'getBoundingClientRect').mockReturnValue({ top: -rowsDown * 64 } as DOMRect);
      window.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    };
    await scrollTo(30);
    expect(ids()).toContain('art-40');
    expect(ids()).toContain('art-2');
    expect((document.activeElement as HTMLElement).dataset.articleId).toBe('art-2');
    await scrollTo(300);
    expect(ids()).toContain('art-305');
    expect(ids()).not.toContain('art-40');
    // Far from the view, the focused row is let go: the window does not hold every row between.
    expect(ids().filter(Boolean).length).toBeLessThan(100);
  });

  it('a replaced list draws only its own rows', () => {
    const { list, ids } = mount();
    list.update(rowsOf(1000));
    list.update(rowsOf(3));
    expect(ids().filter(Boolean)).toEqual(['art-0', 'art-1', 'art-2']);
  });
});
