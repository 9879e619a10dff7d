// @vitest-environment jsdom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { createDetailsPanel, type DetailsPanelOptions } from './details-panel';
import type { Annotation } from '../model/annotation';

const annotation: Annotation = {
  id: 'a1',
  articleId: 'art',
  kind: 'claim',
  start: 0,
  end: 0,
  exact: 'Parler poursuit Amazon',
  prefix: '',
  suffix: '',
  note: '',
  fields: {},
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  orphaned: true,
};

function options(): DetailsPanelOptions {
  return { setKind: vi.fn(), setNote: vi.fn(), setField: vi.fn(), remove: vi.fn(), close: vi.fn() };
}

beforeAll(async () => {
  await initI18n('en');
});

describe('details panel', () => {
  it('once destroyed, no longer hears keys on its container (a screen rebuilt on the same element)', () => {
    const container = document.createElement('section');
    document.body.append(container);
    const first = options();
    const panel = createDetailsPanel(container, first);
    panel.show(annotation);
    panel.destroy();
    const second = options();
    createDetailsPanel(container, second).show(annotation);
    container.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    container.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
    expect(second.close).toHaveBeenCalledTimes(1);
    expect(second.remove).toHaveBeenCalledTimes(1);
    expect(first.close).not.toHaveBeenCalled();
    expect(first.remove).not.toHaveBeenCalled();
  });

  it('says an orphan is orphaned rather than "Characters 0–0"', () => {
    const container = document.createElement('section');
    createDetailsPanel(container, options()).show(annotation);
    const meta = container.querySelector('.details-meta')!.textContent;
    expect(meta).not.toMatch(/0–0/);
    expect(meta).toMatch(/Orphaned/);
  });
});
