// @vitest-environment jsdom
/**
 * The component contract (createX(container, deps) → { update, destroy }):
 * the toolbars, the nav, the details panel, the annotation list and the gloss panel follow the interface language themselves, and
 * destroy() takes away what they added and stops following it.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n, initI18n, setUiLanguage } from '../i18n/i18n';
import { createToolbar } from './toolbar';
import { createReviewToolbar } from './review/review-toolbar';
import { createNav } from './nav';
import { createDetailsPanel } from './details-panel';
import { createSidebar } from './sidebar';
import { createGlossPanel } from './gloss-panel';
import { GlossSource } from '../glosses/gloss-source';

beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  await setUiLanguage('en');
  document.body.replaceChildren();
});

function host(): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  return el;
}

describe('Toolbar', () => {
  it('follows the language, and destroy() removes it and stops following', async () => {
    const container = host();
    const toolbar = createToolbar(container, {
      tag: vi.fn(),
      undo: vi.fn(),
      redo: vi.fn(),
      help: vi.fn(),
      retrySave: vi.fn(),
    });
    const undo = container.querySelector<HTMLButtonElement>('#undo')!;
    expect(undo.textContent).toBe(i18n.t('toolbar.undo', { lng: 'en' }));
    await setUiLanguage('fr');
    expect(undo.textContent).toBe(i18n.t('toolbar.undo', { lng: 'fr' }));
    expect(container.getAttribute('aria-label')).toBe(i18n.t('toolbar.label', { lng: 'fr' }));

    toolbar.destroy();
    expect(container.children).toHaveLength(0);
    expect(container.hasAttribute('role')).toBe(false);
    // No longer following: the (detached) button keeps its French.
    await setUiLanguage('en');
    expect(undo.textContent).toBe(i18n.t('toolbar.undo', { lng: 'fr' }));
  });
});

describe('ReviewToolbar', () => {
  it('runs its commands by id, follows the language, and cleans up', async () => {
    const container = host();
    const run = vi.fn();
    const toolbar = createReviewToolbar(container, { run, importXliff: vi.fn() });
    container.querySelector<HTMLButtonElement>('#review-export-csv')!.click();
    container.querySelector<HTMLButtonElement>('#help-button')!.click();
    expect(run.mock.calls).toEqual([['exportCsv'], ['help']]);
    await setUiLanguage('fr');
    const undo = container.querySelector('#undo')!;
    expect(undo.textContent).toBe(i18n.t('review:toolbar.undo', { lng: 'fr' }));
    toolbar.destroy();
    expect(container.children).toHaveLength(0);
    await setUiLanguage('en');
    expect(undo.textContent).toBe(i18n.t('review:toolbar.undo', { lng: 'fr' }));
  });
});

describe('Nav', () => {
  it('goes to a view on Alt+<n>, by key position too, until destroyed', async () => {
    const container = host();
    const go = vi.fn();
    const nav = createNav(container, go);
    const press = (key: string, code: string) =>
      document.dispatchEvent(
        new KeyboardEvent('keydown', { key, code, altKey: true, bubbles: true, cancelable: true }),
      );
    press('2', 'Digit2');
    press('&', 'Digit1'); // Alt+1 on AZERTY
    expect(go.mock.calls).toEqual([['review'], ['annotate']]);
    await setUiLanguage('fr');
    expect(container.querySelector('[data-view="library"]')!.textContent).toBe(
      i18n.t('nav.library', { lng: 'fr' }),
    );
    nav.destroy();
    press('3', 'Digit3');
    expect(go).toHaveBeenCalledTimes(2);
    expect(container.children).toHaveLength(0);
  });
});

describe('DetailsPanel', () => {
  it('follows the language without its owner, and destroy() removes it and stops following', async () => {
    const container = host();
    const panel = createDetailsPanel(container, {
      setKind: vi.fn(),
      setNote: vi.fn(),
      setField: vi.fn(),
      remove: vi.fn(),
      close: vi.fn(),
    });
    panel.update({ annotation: null });
    const heading = container.querySelector('#details-heading')!;
    const close = container.querySelector('#details-close')!;
    expect(heading.textContent).toBe(i18n.t('details.heading', { lng: 'en' }));
    await setUiLanguage('fr');
    expect(heading.textContent).toBe(i18n.t('details.heading', { lng: 'fr' }));
    expect(close.textContent).toBe(i18n.t('details.close', { lng: 'fr' }));

    panel.destroy();
    expect(container.children).toHaveLength(0);
    expect(container.hasAttribute('aria-labelledby')).toBe(false);
    await setUiLanguage('en');
    expect(heading.textContent).toBe(i18n.t('details.heading', { lng: 'fr' }));
  });
});

describe('Sidebar', () => {
  it('follows the language without its owner, and destroy() removes it and stops following', async () => {
    // jsdom has no ResizeObserver; the list only needs one to size its rows.
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe(): void {}
        disconnect(): void {}
      },
    );
    const container = host();
    const sidebar = createSidebar(container, { choose: vi.fn(), isUnsaved: () => false });
    const legend = container.querySelector('.kind-filter legend')!;
    const search = container.querySelector<HTMLInputElement>('#annotation-search')!;
    expect(legend.textContent).toBe(i18n.t('sidebar.filterLabel', { lng: 'en' }));
    await setUiLanguage('fr');
    expect(legend.textContent).toBe(i18n.t('sidebar.filterLabel', { lng: 'fr' }));
    expect(search.placeholder).toBe(i18n.t('sidebar.searchPlaceholder', { lng: 'fr' }));

    sidebar.destroy();
    vi.unstubAllGlobals();
    expect(container.children).toHaveLength(0);
    expect(container.hasAttribute('aria-labelledby')).toBe(false);
    await setUiLanguage('en');
    expect(search.placeholder).toBe(i18n.t('sidebar.searchPlaceholder', { lng: 'fr' }));
  });
});

describe('GlossPanel', () => {
  it('follows the language without its owner, and destroy() removes it and stops following', async () => {
    const container = host();
    const panel = createGlossPanel(container, {
      glosses: new GlossSource(i18n, 'no-glosses-here', 'en'),
      write: vi.fn(),
      setLanguage: vi.fn(),
    });
    const label = container.querySelector('label[for="gloss-language"]')!;
    expect(label.textContent).toBe(i18n.t('gloss.language', { lng: 'en' }));
    await setUiLanguage('fr');
    expect(label.textContent).toBe(i18n.t('gloss.language', { lng: 'fr' }));

    panel.destroy();
    expect(container.children).toHaveLength(0);
    await setUiLanguage('en');
    expect(label.textContent).toBe(i18n.t('gloss.language', { lng: 'fr' }));
  });
});
