// @vitest-environment jsdom
/**
 * The sections around the list's rows are laid out in idle time, before a jump there
 * (issue 20: the frame after a sidebar selection styled and laid out 1,650 elements).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { articleDoc } from './schema';
import type { ArticleBlock } from '../model/article';
import { createSectionWarmer, sectionsAround, WARM_MAX, WARM_RADIUS } from './warm-sections';

// 200 blocks of 20 characters: 50 sections of 4, in two groups (32 and 18 sections).
const BLOCKS: ArticleBlock[] = Array.from({ length: 200 }, (_, i) => ({
  type: 'paragraph',
  text: `block ${String(i).padStart(3, '0')} words here`,
}));

describe('sectionsAround', () => {
  const starts = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110];
  it('takes the sections a span touches and the radius either side', () => {
    expect(sectionsAround(starts, 55, 58, 2, 99)).toEqual([3, 8]);
    expect(sectionsAround(starts, 55, 75, 2, 99)).toEqual([3, 10]);
  });
  it('stops at the ends of the article', () => {
    expect(sectionsAround(starts, 1, 3, 4, 99)).toEqual([0, 5]);
    expect(sectionsAround(starts, 111, 115, 4, 99)).toEqual([7, 12]);
  });
  it('takes at most `max`, from the span’s start', () => {
    expect(sectionsAround(starts, 35, 115, 1, 4)).toEqual([2, 6]);
  });
  it('is empty for an empty article', () => {
    expect(sectionsAround([], 0, 1)).toEqual([0, 0]);
  });
});

describe('createSectionWarmer', () => {
  let idle: (() => void)[] = [];
  beforeEach(() => {
    idle = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb));
    vi.stubGlobal('cancelIdleCallback', () => undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    document.body.replaceChildren();
  });

  function shownView(): EditorView {
    const place = document.createElement('div');
    document.body.append(place);
    const view = new EditorView(place, {
      state: EditorState.create({ doc: articleDoc(BLOCKS) }),
      editable: () => false,
    });
    // jsdom lays nothing out: the article counts as shown.
    vi.spyOn(view.dom, 'getClientRects').mockReturnValue([{}] as unknown as DOMRectList);
    return view;
  }

  /** The blocks whose box was read, by their text's number. */
  function readBlocks(): number[] {
    const read: number[] = [];
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: Element,
    ) {
      read.push(Number(/block (\d+)/.exec(this.textContent ?? '')?.[1]));
      return new DOMRect();
    });
    return read;
  }

  it('reads one block of each section around the span, in idle time, across groups', () => {
    const view = shownView();
    const read = readBlocks();
    const warmer = createSectionWarmer(view);
    // Block 125 is in section 31 (blocks 124–127), the last of the first group.
    let pos = 0;
    view.state.doc.descendants((node, p) => {
      if (node.textContent === 'block 125 words here' && node.isTextblock) pos = p;
      return !pos;
    });
    warmer.near(pos + 1, pos + 5);
    expect(read).toEqual([]);
    expect(idle).toHaveLength(1);
    idle.shift()!();
    // The first block of sections 31 − R … 31 + R: the second group's first sections too.
    const expected = Array.from(
      { length: 2 * WARM_RADIUS + 1 },
      (_, i) => (31 - WARM_RADIUS + i) * 4,
    );
    expect(read).toEqual(expected);
    expect(expected.length).toBeLessThanOrEqual(WARM_MAX);
    // Asked again for the same part: nothing is read twice.
    warmer.near(pos + 1, pos + 5);
    idle.shift()?.();
    expect(read).toEqual(expected);
    warmer.destroy();
    view.destroy();
  });

  it('reads nothing while the article is not shown', () => {
    const view = shownView();
    vi.spyOn(view.dom, 'getClientRects').mockReturnValue([] as unknown as DOMRectList);
    const read = readBlocks();
    const warmer = createSectionWarmer(view);
    warmer.near(1, 5);
    idle.shift()!();
    expect(read).toEqual([]);
    warmer.destroy();
    view.destroy();
  });
});
