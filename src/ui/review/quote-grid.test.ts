// @vitest-environment jsdom
/**
 * Tests of the grid view's own behaviour: a real table with headers, the
 * target edited in place (Enter saves, Esc cancels, Shift+Enter is a new
 * line), roving tabindex, and user text shown as text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, t } from '../../i18n/i18n';
import type { Annotation } from '../../model/annotation';
import type { ReviewStatus } from '../../model/review';
import { reviewFor } from '../../review/review';
import type { QuoteItem } from '../../review/quote-items';
import { createQuoteGrid } from './quote-grid';

const T0 = '2024-01-01T00:00:00.000Z';

function item(id: string, exact: string, translation: string): QuoteItem {
  const annotation: Annotation = {
    id,
    articleId: 'a',
    kind: 'quote',
    start: 0,
    end: exact.length,
    exact,
    prefix: '',
    suffix: '',
    note: '',
    fields: { speaker: '<img src=x onerror=alert(1)>' },
    created: T0,
    modified: T0,
  };
  const review = reviewFor(annotation, undefined, translation, T0);
  return {
    annotation,
    stored: undefined,
    review,
    suggestion: translation,
    suggestionScope: 'quote',
    sentenceGloss: translation,
    context: { before: '', quote: exact, after: '' },
  };
}

function setUp() {
  const log: string[] = [];
  const grid = createQuoteGrid({
    editTranslation: (id, text) => log.push(`edit ${id} ${text}`),
    setStatus: (id, status: ReviewStatus) => log.push(`status ${id} ${status}`),
    activate: (id) => log.push(`activate ${id}`),
    endTyping: () => log.push('end'),
  });
  document.body.replaceChildren(grid.element);
  grid.translate();
  grid.update([item('q1', 'oui', 'yes'), item('q2', 'non', 'no')]);
  grid.setCurrent('q1');
  return { grid, log };
}

function key(target: Element, k: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

beforeAll(async () => {
  await initI18n('en');
});

describe('quote grid', () => {
  it('is a table with column headers, one row per quote, user text as text', () => {
    const { grid } = setUp();
    const heads = Array.from(grid.element.querySelectorAll('thead th')).map((th) => th.textContent);
    expect(heads).toEqual([
      t('review:grid.number'),
      t('review:grid.source'),
      t('review:grid.target'),
      t('review:grid.status'),
    ]);
    expect(grid.element.querySelectorAll('th[scope="col"]')).toHaveLength(4);
    const rows = grid.element.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('.grid-target-text')!.textContent).toBe('yes');
    expect(grid.element.querySelector('img')).toBeNull();
    expect(rows[0]!.textContent).toContain('<img src=x onerror=alert(1)>');
    // Roving tabindex: only the current row is a tab stop.
    expect((rows[0] as HTMLElement).tabIndex).toBe(0);
    expect((rows[1] as HTMLElement).tabIndex).toBe(-1);
  });

  it('saves an edit with Enter (or Ctrl+Enter), keeps Shift+Enter for a new line', () => {
    const { grid, log } = setUp();
    grid.edit('q2');
    const editor = grid.element.querySelector('textarea')!;
    expect(document.activeElement).toBe(editor);
    expect(editor.value).toBe('no');
    editor.value = 'no way';
    expect(key(editor, 'Enter', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(grid.element.querySelector('textarea')).toBe(editor);
    expect(key(editor, 'Enter').defaultPrevented).toBe(true);
    expect(log).toContain('edit q2 no way');
    expect(grid.element.querySelector('textarea')).toBeNull();
    expect(document.activeElement).toBe(grid.element.querySelectorAll('tbody tr')[1]);

    grid.edit('q1');
    grid.element.querySelector('textarea')!.value = 'yes indeed';
    key(grid.element.querySelector('textarea')!, 'Enter', { ctrlKey: true });
    expect(log).toContain('edit q1 yes indeed');
  });

  it('cancels an edit with Esc: nothing is reported but the end of typing', () => {
    const { grid, log } = setUp();
    grid.edit('q1');
    const editor = grid.element.querySelector('textarea')!;
    editor.value = 'not this';
    key(editor, 'Escape');
    expect(log.filter((l) => l.startsWith('edit'))).toEqual([]);
    expect(grid.element.querySelector('textarea')).toBeNull();
    expect(grid.element.querySelector('.grid-target-text')!.textContent).toBe('yes');
  });

  it('reports a status chosen in the select', () => {
    const { grid, log } = setUp();
    const select = grid.element.querySelector('select')!;
    select.value = 'approved';
    select.dispatchEvent(new Event('change'));
    expect(log).toContain('status q1 approved');
  });
});
