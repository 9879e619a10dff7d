// @vitest-environment jsdom
/**
 * The annotation list finds a chosen row's place without searching the list
 * (issue 20: a search of 100,000 rows cost each sidebar selection 3–15 ms, twice).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import type { Annotation } from '../model/annotation';
import { createSidebar } from './sidebar';

beforeAll(async () => {
  await initI18n('en');
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe(): void {}
      disconnect(): void {}
    },
  );
});

afterEach(() => {
  document.body.replaceChildren();
});

function annotation(i: number): Annotation {
  return {
    id: `a${i}`,
    articleId: 'x',
    kind: (['claim', 'quote', 'event'] as const)[i % 3]!,
    start: i * 10,
    end: i * 10 + 5,
    exact: `words ${i}`,
    prefix: '',
    suffix: '',
    note: '',
    fields: {},
    created: '2026-12-02T00:00:00Z',
    modified: '2026-12-02T00:00:00Z',
  };
}

/** The list, with its searches counted. */
function counted(n: number): { list: Annotation[]; searches: () => number } {
  const list = Array.from({ length: n }, (_, i) => annotation(i));
  let searches = 0;
  const findIndex = list.findIndex.bind(list);
  Object.defineProperty(list, 'findIndex', {
    value: (...args: Parameters<typeof findIndex>) => {
      searches++;
      return findIndex(...args);
    },
  });
  return { list, searches: () => searches };
}

/** Runs what the list drew after the next paint (src/dom/after-paint.ts). */
async function nextPaint(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  await new Promise((r) => setTimeout(r, 0));
}

describe('Sidebar', () => {
  it('chooses a clicked row, and marks it active and selected, without a search of the list', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const choose = vi.fn();
    const sidebar = createSidebar(container, { choose, isUnsaved: () => false });
    const { list, searches } = counted(40);
    sidebar.setAnnotations(list);
    await nextPaint();
    const row = container.querySelector<HTMLElement>('[data-annotation-id="a7"]')!;
    expect(row).not.toBeNull();
    const before = searches();
    row.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    row.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
    row.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
    expect(choose).toHaveBeenCalledTimes(1);
    expect(choose).toHaveBeenCalledWith('a7');
    // The screen selects it (src/app/annotator.ts select → setSelected); the list follows.
    sidebar.setSelected('a7');
    await nextPaint();
    const drawn = container.querySelector<HTMLElement>('[data-annotation-id="a7"]')!;
    expect(drawn.classList.contains('is-active')).toBe(true);
    expect(drawn.getAttribute('aria-selected')).toBe('true');
    expect(container.querySelector('#annotation-list')!.getAttribute('aria-activedescendant')).toBe(
      drawn.id,
    );
    expect(searches() - before).toBe(0);
    sidebar.destroy();
  });

  it('still finds a row selected from elsewhere (the article, a tag)', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const sidebar = createSidebar(container, { choose: vi.fn(), isUnsaved: () => false });
    const { list } = counted(40);
    sidebar.setAnnotations(list);
    sidebar.setSelected('a12');
    await nextPaint();
    const drawn = container.querySelector<HTMLElement>('[data-annotation-id="a12"]')!;
    expect(drawn.classList.contains('is-active')).toBe(true);
    expect(drawn.getAttribute('aria-selected')).toBe('true');
    sidebar.destroy();
  });
});

describe('Sidebar rows in view', () => {
  it('tells which annotations the rows in view show, without the rows drawn beyond them', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const showing = vi.fn();
    const sidebar = createSidebar(container, { choose: vi.fn(), isUnsaved: () => false, showing });
    sidebar.setAnnotations(counted(400).list);
    await nextPaint();
    // The list's height before its ResizeObserver reports one: 600 px, rows of 56 px.
    const [first, last] = showing.mock.lastCall as [Annotation, Annotation];
    expect([first.id, last.id]).toEqual(['a0', 'a10']);
    const list = container.querySelector<HTMLElement>('#annotation-list')!;
    list.scrollTop = 56 * 100;
    list.dispatchEvent(new Event('scroll'));
    await nextPaint();
    const [from, to] = showing.mock.lastCall as [Annotation, Annotation];
    expect([from.id, to.id]).toEqual(['a100', 'a110']);
    // More rows are drawn than shown (the overscan): those are not the ones told.
    expect(container.querySelector('[data-annotation-id="a95"]')).not.toBeNull();
    sidebar.destroy();
  });
});

describe('Sidebar search texts in idle time', () => {
  it('stops a slice at the task budget even when the idle period has time left', async () => {
    const callbacks: IdleRequestCallback[] = [];
    vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => callbacks.push(cb));
    vi.stubGlobal('cancelIdleCallback', () => undefined);
    // The clock moves 1 ms each time it is read: computing the texts "takes time".
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    try {
      const container = document.createElement('div');
      document.body.append(container);
      const sidebar = createSidebar(container, { choose: vi.fn(), isUnsaved: () => false });
      sidebar.setAnnotations(Array.from({ length: 256 * 40 }, (_, i) => annotation(i)));
      await nextPaint();
      expect(callbacks.length).toBe(1);
      // An idle period that never runs out (up to 50 ms in a browser): the budget ends the slice.
      callbacks.shift()!({ didTimeout: false, timeRemaining: () => 50 });
      expect(callbacks.length).toBe(1);
      sidebar.destroy();
    } finally {
      now.mockRestore();
      vi.unstubAllGlobals();
      vi.stubGlobal(
        'ResizeObserver',
        class {
          observe(): void {}
          disconnect(): void {}
        },
      );
    }
  });
});
