// @vitest-environment jsdom
/**
 * The term tooltip as a ProseMirror PluginView: shown on hover, hidden by
 * dismiss() (the screen's Escape), and gone with its view — every listener
 * added while it lived is removed by the view's destroy().
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { articleDoc } from '../editor/schema';
import { highlightPlugin } from '../editor/plugins/annotations';
import { glossaryTermsPlugin, type TermSpan } from '../editor/plugins/glossary-terms';
import { termTooltip } from './term-tooltip';

const doc = articleDoc([{ type: 'paragraph', text: 'Parler annule la poursuite contre Amazon.' }]);
const TERMS: TermSpan[] = [];
doc.descendants((node, pos) => {
  const at = node.isText ? node.text!.indexOf('la poursuite') : -1;
  if (at >= 0) TERMS.push({ term: 'la poursuite', from: pos + at, to: pos + at + 12 });
});

const describeTerm = (term: string) =>
  term === 'la poursuite' ? { english: 'the lawsuit', note: 'civil case', noteLang: 'en' } : null;

/** Every listener added on any target, minus those removed since. */
function trackListeners() {
  const live = new Set<string>();
  const ids = new WeakMap<object, number>();
  let next = 0;
  const keyOf = (target: object, type: string, listener: unknown) => {
    if (!ids.has(target)) ids.set(target, next++);
    if (listener && !ids.has(listener)) ids.set(listener, next++);
    return `${ids.get(target)}:${type}:${listener ? ids.get(listener) : ''}`;
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (
    this: EventTarget,
    type,
    listener,
    options,
  ) {
    live.add(keyOf(this, type, listener));
    add.call(this, type, listener, options);
  });
  vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (
    this: EventTarget,
    type,
    listener,
    options,
  ) {
    live.delete(keyOf(this, type, listener));
    remove.call(this, type, listener, options);
  });
  return live;
}

function mount(withTooltip: boolean) {
  const place = document.createElement('div');
  document.body.append(place);
  const tooltip = termTooltip(describeTerm);
  const view = new EditorView(place, {
    state: EditorState.create({
      doc,
      plugins: [
        highlightPlugin([]),
        glossaryTermsPlugin(TERMS),
        ...(withTooltip ? [tooltip.plugin] : []),
      ],
    }),
  });
  return { place, view, tooltip };
}

const nextPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('term tooltip', () => {
  it('shows on hover and is dismissed without moving the pointer', async () => {
    const { view, tooltip } = mount(true);
    const tip = document.getElementById('term-tooltip')!;
    expect(tip.hidden).toBe(true);
    expect(tooltip.dismiss()).toBe(false);
    const term = view.dom.querySelector<HTMLElement>('.gloss-term')!;
    term.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await nextPaint();
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toContain('the lawsuit');
    expect(tooltip.dismiss()).toBe(true);
    expect(tip.hidden).toBe(true);
    // The pointer leaving the (unfocused) article hides it too.
    term.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await nextPaint();
    expect(tip.hidden).toBe(false);
    view.dom.dispatchEvent(new MouseEvent('mouseleave'));
    expect(tip.hidden).toBe(true);
    view.destroy();
  });

  it('leaves no listener and no element behind once its view is destroyed', async () => {
    // The view without the tooltip: what ProseMirror itself leaves, if anything.
    let live = trackListeners();
    mount(false).view.destroy();
    const baseline = live.size;
    vi.restoreAllMocks();

    live = trackListeners();
    const { view } = mount(true);
    const term = view.dom.querySelector<HTMLElement>('.gloss-term')!;
    term.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await nextPaint();
    expect(document.getElementById('term-tooltip')!.hidden).toBe(false);
    // A reconfigure makes a new plugin view: the old one is destroyed.
    view.updateState(view.state.reconfigure({ plugins: [...view.state.plugins] }));
    expect(document.querySelectorAll('#term-tooltip')).toHaveLength(1);
    view.destroy();
    expect(live.size).toBe(baseline);
    expect(document.getElementById('term-tooltip')).toBeNull();
  });
});
