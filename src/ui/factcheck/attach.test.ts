// @vitest-environment jsdom
/**
 * The fact-check attachment follows the interface language with one
 * subscription: its details section is translated once per change (by the
 * details panel it extends), and destroy() stops what the attachment added.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Schema } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { i18n, initI18n, setUiLanguage } from '../../i18n/i18n';
import type { ArticleSession } from '../../session/article-session';
import type { Annotation } from '../../model/annotation';
import { createDetailsPanel } from '../details-panel';
import { attachFactcheck, type FactcheckHost } from './attach';

const spies = vi.hoisted(() => ({ translate: [] as ReturnType<typeof vi.fn>[] }));

// The real section, with its translate() counted.
vi.mock('./section', async (importOriginal) => {
  const real = await importOriginal<typeof import('./section')>();
  return {
    ...real,
    createFactcheckSection: (...args: Parameters<typeof real.createFactcheckSection>) => {
      const section = real.createFactcheckSection(...args);
      const translate = vi.fn(section.translate);
      spies.translate.push(translate);
      return { ...section, translate };
    },
  };
});

const schema = new Schema({ nodes: { doc: { content: 'text*' }, text: {} } });

beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  await setUiLanguage('en');
  document.body.replaceChildren();
});

function host(): FactcheckHost & { toolbar: HTMLElement } {
  const detailsElement = document.createElement('section');
  const toolbar = document.createElement('div');
  const article = document.createElement('div');
  document.body.append(detailsElement, toolbar, article);
  const details = createDetailsPanel(detailsElement, {
    setKind: vi.fn(),
    setNote: vi.fn(),
    setField: vi.fn(),
    remove: vi.fn(),
    close: vi.fn(),
  });
  const session = {
    article: { id: 'art', title: 'Article', lang: 'fr', blocks: [] },
    annotations: new Map<string, Annotation>(),
    reviews: new Map(),
    onLibraryCommitted: () => () => undefined,
  } as unknown as ArticleSession;
  return {
    session,
    repository: null,
    view: new EditorView(article, { state: EditorState.create({ schema }) }),
    details,
    detailsElement,
    toolbar,
    selected: () => null,
    select: vi.fn(),
    onSelect: vi.fn(),
    onRemove: vi.fn(),
    edit: vi.fn(),
    addUndoSource: vi.fn(),
    refreshToolbar: vi.fn(),
    provide: () => () => undefined,
    status: vi.fn(),
  };
}

describe('attachFactcheck', () => {
  it('translates its section once per language change, and stops following on destroy', async () => {
    const h = host();
    const attached = await attachFactcheck(h);
    const translate = spies.translate.at(-1)!;
    const button = h.toolbar.querySelector('#factcheck-button')!;
    translate.mockClear();

    await setUiLanguage('fr');
    expect(translate).toHaveBeenCalledTimes(1);
    expect(button.textContent).toBe(i18n.t('factcheck:settings.button', { lng: 'fr' }));

    attached.destroy();
    h.details.destroy();
    translate.mockClear();
    await setUiLanguage('en');
    expect(translate).not.toHaveBeenCalled();
    expect(button.textContent).toBe(i18n.t('factcheck:settings.button', { lng: 'fr' }));
  });
});
