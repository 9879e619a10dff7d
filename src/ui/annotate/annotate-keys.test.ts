// @vitest-environment jsdom
// (jsdom only for i18n, which sets <html lang>; the commands touch no DOM.)
/**
 * The annotate screen's commands without a DOM: which key runs what, where
 * it applies, the tagging letters per language, and features that apply
 * only once provided.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatchKey, LazyActions, type KeyPress } from '../../dom/commands';
import { i18n, initI18n, setUiLanguage } from '../../i18n/i18n';
import {
  annotateCommands,
  annotateHelp,
  tagKey,
  type AnnotateContext,
  type AnnotateOps,
  type Feature,
  type FeatureAction,
} from './annotate-keys';

beforeAll(async () => {
  await initI18n('en');
});

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods };
}

const base: Omit<AnnotateContext, 'shortcut'> = {
  inArticle: false,
  hasSelection: false,
  inDetails: false,
  typing: false,
  choice: false,
  repeat: false,
  apple: false,
};

function setup(features: Partial<Record<Feature, FeatureAction>> = {}, open = false) {
  const ops = {
    tag: vi.fn(),
    open: vi.fn(),
    hasOpen: () => open,
    moveSpan: vi.fn(),
    undo: vi.fn(),
    redo: vi.fn(),
    search: vi.fn(),
    focusArticle: vi.fn(),
    help: vi.fn(),
    go: vi.fn(),
    feature: (name: Feature) => features[name],
  } satisfies AnnotateOps;
  const commands = annotateCommands(ops);
  const run = (e: KeyPress, where: Partial<AnnotateContext> = {}) =>
    dispatchKey(commands, e, (shortcut) => ({ ...base, ...where, shortcut }), {
      typing: where.typing ?? false,
    })?.id ?? null;
  return { ops, commands, run };
}

describe('annotate commands', () => {
  it('tag in the article only, with the letters of the interface language', async () => {
    const { ops, run } = setup();
    expect(run(press('c'))).toBeNull();
    expect(run(press('c'), { inArticle: true })).toBe('tag-claim');
    expect(run(press('q'), { inArticle: true })).toBe('tag-quote');
    expect(ops.tag.mock.calls).toEqual([['claim'], ['quote']]);
    await setUiLanguage('fr');
    try {
      expect(run(press('a'), { inArticle: true })).toBe('tag-claim');
      expect(run(press('c'), { inArticle: true })).toBe('tag-quote');
      expect(run(press('e'), { inArticle: true })).toBe('tag-event');
      expect(run(press('q'), { inArticle: true })).toBeNull();
      expect(ops.tag.mock.calls.slice(2)).toEqual([['claim'], ['quote'], ['event']]);
    } finally {
      await setUiLanguage('en');
    }
    expect(i18n.language).toBe('en');
  });

  it('French letters clash with no other single key of the screen', () => {
    const { commands } = setup();
    const singles = (lang: string) =>
      commands
        .filter((c) => !c.id.startsWith('tag-'))
        .flatMap((c) => c.keys.split(' '))
        .filter((k) => /^[A-Z]$/i.test(k))
        .concat(['claim', 'quote', 'event'].map((k) => tagKey(k as 'claim', lang)))
        .map((k) => k.toUpperCase());
    for (const lang of ['en', 'fr']) {
      const keys = singles(lang);
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(['claim', 'quote', 'event'].map((k) => tagKey(k as 'claim', 'fr'))).toEqual([
      'A',
      'C',
      'E',
    ]);
  });

  it('Enter and Shift+Enter open in the article; span keys need an open annotation', () => {
    const closed = setup();
    expect(closed.run(press('Enter'), { inArticle: true })).toBe('open');
    expect(closed.run(press('Enter', { shiftKey: true }), { inArticle: true })).toBe('cycle');
    expect(closed.ops.open.mock.calls).toEqual([['key'], ['cycle']]);
    expect(closed.run(press('Enter'))).toBeNull();
    const arrow = press('ArrowRight', { shiftKey: true, altKey: true });
    expect(closed.run(arrow)).toBeNull();
    const opened = setup({}, true);
    expect(opened.run(arrow)).toBe('moveEnd');
    expect(opened.run(press('ArrowLeft', { shiftKey: true, altKey: true, ctrlKey: true }))).toBe(
      'moveStart',
    );
    expect(opened.ops.moveSpan.mock.calls).toEqual([
      ['end', 1],
      ['start', -1],
    ]);
  });

  it('undo and redo outside fields only; Alt+A from fields too', () => {
    const { ops, run } = setup();
    expect(run(press('z', { ctrlKey: true }))).toBe('undo');
    expect(run(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(run(press('y', { ctrlKey: true }))).toBe('redo');
    expect(run(press('z', { ctrlKey: true }), { typing: true })).toBeNull();
    expect(run(press('a', { altKey: true }), { typing: true })).toBe('focusArticle');
    expect([ops.undo.mock.calls.length, ops.redo.mock.calls.length]).toEqual([1, 2]);
  });

  it('a feature applies once provided, and Alt+letters match by position (Option on a Mac)', () => {
    expect(setup().run(press('m', { altKey: true }))).toBeNull();
    const tm = vi.fn();
    const { run } = setup({ tm });
    expect(run(press('µ', { altKey: true, code: 'KeyM' }))).toBe('tm');
    expect(tm).toHaveBeenCalledTimes(1);
  });

  it('Alt+E before the exchange menu has loaded is taken, and runs when it arrives', async () => {
    const features = new LazyActions<Feature>();
    const commands = annotateCommands({ ...setup().ops, feature: (name) => features.get(name) });
    const run = (e: KeyPress) =>
      dispatchKey(commands, e, (shortcut) => ({ ...base, shortcut }))?.id ?? null;
    // Not on its way: the key goes to the browser.
    expect(run(press('e', { altKey: true }))).toBeNull();
    features.expect(['export', 'import']);
    expect(run(press('e', { altKey: true }))).toBe('export');
    // Held, so not listed yet.
    expect(annotateHelp(commands, (f) => features.has(f)).map((c) => c.id)).not.toContain('export');
    const exportDialog = vi.fn();
    features.provide({ export: exportDialog, import: vi.fn() });
    await new Promise<void>((r) => queueMicrotask(r));
    expect(exportDialog).toHaveBeenCalledTimes(1);
    expect(annotateHelp(commands, (f) => features.has(f)).map((c) => c.id)).toContain('export');
  });

  it('Alt+E: not on auto-repeat, not in a field on Apple platforms', () => {
    const exportDialog = vi.fn();
    const { run } = setup({ export: exportDialog });
    const altE = press('e', { altKey: true });
    expect(run(altE, { repeat: true })).toBeNull();
    expect(run(altE, { apple: true, typing: true })).toBeNull();
    expect(run(altE, { typing: true })).toBe('export');
    expect(run(altE, { apple: true })).toBe('export');
    expect(exportDialog).toHaveBeenCalledTimes(2);
  });

  it('T needs a selection in the article; L the details panel (its radio buttons too)', () => {
    const link = vi.fn(() => true);
    const { run } = setup({ addTerm: vi.fn(), link });
    expect(run(press('t'), { inArticle: true })).toBeNull();
    expect(run(press('t'), { inArticle: true, hasSelection: true })).toBe('addTerm');
    expect(run(press('l'))).toBeNull();
    expect(run(press('l'), { inDetails: true, typing: true })).toBeNull();
    expect(run(press('l'), { inDetails: true, typing: true, choice: true })).toBe('link');
    link.mockReturnValueOnce(false);
    expect(run(press('l'), { inDetails: true })).toBeNull();
  });

  it('Escape dismisses the term tooltip from anywhere, fields too, and never takes the key', () => {
    const dismiss = vi.fn(() => true);
    const { run } = setup({ dismiss });
    // null: no command took the key, so dialogs, the menu and the details panel still get it.
    expect(run(press('Escape'))).toBeNull();
    expect(run(press('Escape'), { inArticle: true })).toBeNull();
    expect(run(press('Escape'), { inDetails: true, typing: true })).toBeNull();
    expect(dismiss).toHaveBeenCalledTimes(3);
    expect(setup().run(press('Escape'))).toBeNull();
  });

  it('the help lists the features provided only', () => {
    const { commands } = setup();
    const ids = (f?: (x: Feature) => boolean) => annotateHelp(commands, f).map((c) => c.id);
    expect(ids()).toContain('termbase');
    expect(ids((f) => f === 'export')).toContain('export');
    expect(ids((f) => f === 'export')).not.toContain('termbase');
  });
});
