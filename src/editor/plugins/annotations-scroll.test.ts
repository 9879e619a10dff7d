// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { articleDoc } from '../schema';
import type { ArticleBlock } from '../../model/article';
import { allHighlightsDrawn, drawnTo, highlightPlugin, SCROLL_QUIET_MS } from './annotations';

// 40 blocks of 100 characters, a highlight in each; only the first block drawn at first.
const BLOCKS: ArticleBlock[] = Array.from({ length: 40 }, (_, i) => ({
  type: 'paragraph',
  text: `${String(i).padStart(2, '0')} ${'lorem ipsum '.repeat(8).slice(0, 97)}`,
}));

function partlyDrawn(): EditorView {
  const doc = articleDoc(BLOCKS);
  const spans = BLOCKS.map((_, i) => ({
    id: `a${i}`,
    kind: 'claim' as const,
    from: 5 + i * 102,
    to: 12 + i * 102,
  }));
  const state = EditorState.create({ doc, plugins: [highlightPlugin(spans, { drawFirst: 50 })] });
  const place = document.createElement('div');
  document.body.append(place);
  return new EditorView(place, { state, editable: () => false });
}

/** Animation frames, produced only when a test says so (frameDone). */
let frames: FrameRequestCallback[] = [];
function frameDone() {
  const now = frames;
  frames = [];
  for (const f of now) f(performance.now());
}

describe('idle drawing of the highlights, and scrolling', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('waits while the article scrolls, and draws the rest once it has been still a while', () => {
    const view = partlyDrawn();
    const first = drawnTo(view.state);
    expect(allHighlightsDrawn(view.state)).toBe(false);
    // Scrolled every 50 ms for two seconds: nothing more is drawn meanwhile.
    for (let t = 0; t < 2000; t += 50) {
      document.dispatchEvent(new Event('scroll'));
      frameDone();
      vi.advanceTimersByTime(25);
      frameDone();
      vi.advanceTimersByTime(25);
    }
    expect(drawnTo(view.state)).toBe(first);
    frameDone();
    vi.advanceTimersByTime(SCROLL_QUIET_MS + 100);
    expect(allHighlightsDrawn(view.state)).toBe(true);
    expect(view.dom.querySelectorAll('mark[data-annotation-id]')).toHaveLength(BLOCKS.length);
    view.destroy();
  });

  it('on a loaded machine, waits for two frames without a scroll, however long they take', () => {
    const view = partlyDrawn();
    const first = drawnTo(view.state);
    document.dispatchEvent(new Event('scroll'));
    // Seconds without a frame (each frame takes longer than the quiet time): still waiting.
    vi.advanceTimersByTime(3000);
    expect(drawnTo(view.state)).toBe(first);
    frameDone();
    vi.advanceTimersByTime(1000);
    expect(drawnTo(view.state)).toBe(first);
    frameDone();
    vi.advanceTimersByTime(100);
    expect(allHighlightsDrawn(view.state)).toBe(true);
    view.destroy();
  });

  it('a scroller that does not hold the article (the sidebar list) does not pause it', () => {
    const view = partlyDrawn();
    const list = document.createElement('ul');
    document.body.append(list);
    for (let t = 0; t < 500 && !allHighlightsDrawn(view.state); t += 50) {
      list.dispatchEvent(new Event('scroll'));
      vi.advanceTimersByTime(50);
    }
    expect(allHighlightsDrawn(view.state)).toBe(true);
    view.destroy();
  });
});
