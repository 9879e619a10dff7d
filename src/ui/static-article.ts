/**
 * The article's first frame, drawn before the editor's code has arrived.
 *
 * Why: opening an article waits on two things, its records (IndexedDB) and
 * the app's code (ProseMirror, i18next and the screens: about 110 KB gzip,
 * then the editor's first view of the whole text). The entry (main.ts) has
 * only the store; as soon as the records are read it draws the article here
 * as plain elements — the very elements ProseMirror's schema draws
 * (dom/article-blocks.ts), with the block separators, so the page's text is
 * the canonical text from the first frame — and paints the highlights near
 * the viewport with the CSS Custom Highlight API, as the editor's colour
 * layer does (editor/plugins/annotations.ts). The reader sees the article
 * and its highlights, can scroll and select, while the rest loads. The
 * editor's view then mounts on the same element and replaces its content
 * in one task (app/annotator.ts), so nothing moves or blinks; the
 * selection made meanwhile is carried over.
 *
 * No interface string is drawn here (i18next is not loaded yet): the frame
 * is the article's own text, and the chrome's boxes, empty, keep their
 * place (createLayout adopts them). User text goes in as text nodes only.
 */
import type { StoredArticle } from '../model/article';
import type { Annotation, AnnotationKind } from '../model/annotation';
import { BLOCK_SEPARATOR } from '../model/article';
import { CodePointIndex, codePointLength } from '../anchoring/code-points';
import {
  BLOCK_ELEMENTS,
  GROUP_CLASS,
  GROUP_SIZE,
  HIGHLIGHT_NAMES,
  SECTION_CLASS,
  SECTION_SIZE,
  separatorElement,
} from '../dom/article-blocks';
import { h } from '../dom/h';
import { partitionPoint } from '../model/partition-point';
import { afterPaint } from '../dom/after-paint';
import type { Route } from '../dom/router';
import type { OpenedArticle } from '../store/start-up-reads';

/** Where the annotator keeps the person's bilingual choice (its lines change the article's layout). */
export const BILINGUAL_KEY = 'glossa:bilingual';

/** The attribute that marks the article element as the static frame's, until the editor takes it. */
export const STATIC_ATTRIBUTE = 'data-static-article';

/** The article's element id (the editor's view keeps it: the skip link and e2e use it). */
const ARTICLE_TEXT_ID = 'article-text';

/**
 * How far beyond the viewport, in viewport heights, highlights are painted:
 * as the colour layer's margin, so a scroll of a screen finds them there.
 */
const MARGIN = 1;

export interface StaticArticle {
  readonly articleId: string;
  /** The article element (`#article-text`), which the editor's view mounts on. */
  readonly element: HTMLElement;
  /** Resolves once a frame with it has been painted. */
  readonly painted: Promise<void>;
  /** The selection the person made in it, as canonical offsets (code points), or null. */
  selection(): { anchor: number; head: number } | null;
  /** Takes its highlights away and its mark off the element: the editor draws from here on. */
  destroy(): void;
}

/**
 * Draws the routed article's first frame once its records are read, unless
 * the app is showing it already, or it is not the annotator that opens
 * (another screen, or the bilingual view, whose lines the frame lacks).
 * Resolves with the drawn frame, or null.
 */
export function drawFirstFrame(
  route: Route,
  opening: Promise<OpenedArticle | null>,
): Promise<StaticArticle | null> {
  if (route.view !== 'annotate' || bilingualOn()) return Promise.resolve(null);
  return opening.then(
    (opened) => {
      const root = document.getElementById('app');
      if (!opened || !root || document.body.dataset.ready || opened.article.blocks.length === 0)
        return null;
      try {
        return drawStaticArticle(root, opened.article, opened.records?.annotations ?? []);
      } catch {
        // Whatever went wrong, the app opens the article as it would without a first frame.
        document.querySelector(`[${STATIC_ATTRIBUTE}]`)?.remove();
        return null;
      }
    },
    () => null,
  );
}

function bilingualOn(): boolean {
  try {
    return localStorage.getItem(BILINGUAL_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Where the static frame draws: the layout's article box when the app built it, else its own boxes. */
function host(root: HTMLElement): HTMLElement {
  const existing = document.getElementById('article');
  if (existing) return existing;
  // The layout's boxes, empty, in its order (ui/layout.ts adopts them): the header and the
  // status line keep their heights, so the text does not move when their content arrives.
  const article = h('main', { class: 'article', id: 'article' });
  root.replaceChildren(
    h('header', { class: 'app-header' }),
    h('p', { class: 'status-line' }),
    h('div', { class: 'workspace' }, article),
  );
  return article;
}

/**
 * Draws `article` with the highlights of `annotations` near the viewport
 * into the page (`root`, the app's element), and marks `glossa:first-frame`
 * (and `glossa:highlights-drawn` when the highlights could be painted).
 */
export function drawStaticArticle(
  root: HTMLElement,
  article: StoredArticle,
  annotations: readonly Annotation[],
): StaticArticle {
  const element = h('div', {
    class: 'ProseMirror',
    id: ARTICLE_TEXT_ID,
    lang: article.lang,
    tabindex: 0,
    [STATIC_ATTRIBUTE]: '',
  });
  /**
   * Where each block's text is: its text node, or, for an empty block, the
   * block element itself (before its trailing break) — as ProseMirror draws
   * an empty block, with a `<br>` that gives it its line.
   */
  const texts: (Text | HTMLElement)[] = [];
  const offsetsIn: number[] = [];
  /** Code-point offset of each block's start in the canonical text. */
  const starts: number[] = [];
  const separator = codePointLength(BLOCK_SEPARATOR);
  let offset = 0;
  const groups: HTMLElement[] = [];
  const sections: HTMLElement[] = [];
  let section: HTMLElement | null = null;
  article.blocks.forEach((block, i) => {
    if (i % SECTION_SIZE === 0) {
      if (sections.length % GROUP_SIZE === 0)
        element.append(groups[groups.push(h('div', { class: GROUP_CLASS })) - 1]!);
      section = h('div', { class: SECTION_CLASS });
      sections.push(section);
      groups.at(-1)!.append(section);
    }
    const { tag, className } = BLOCK_ELEMENTS[block.type];
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (i > 0) {
      // As ProseMirror draws a widget: not editable, and marked as one.
      const sep = separatorElement();
      sep.contentEditable = 'false';
      sep.classList.add('ProseMirror-widget');
      el.append(sep);
    }
    if (block.text) {
      const text = document.createTextNode(block.text);
      el.append(text);
      texts.push(text);
      offsetsIn.push(0);
    } else {
      texts.push(el);
      offsetsIn.push(el.childNodes.length);
      // ProseMirror's own hack nodes for an empty block (an image after a widget, for Chrome's
      // selection), so that the block has its line and the same elements.
      if (i > 0) el.append(h('img', { class: 'ProseMirror-separator', alt: '' }));
      el.append(h('br', { class: 'ProseMirror-trailingBreak' }));
    }
    section!.append(el);
    if (i > 0) offset += separator;
    starts.push(offset);
    offset += codePointLength(block.text);
  });
  host(root).append(element);

  const indexes = new Map<number, CodePointIndex>();
  /** The text node and UTF-16 offset of a canonical code-point offset. */
  const point = (cp: number): [Node, number] => {
    const i = blockAt(starts, cp);
    const text = texts[i]!;
    if (!(text instanceof Text)) return [text, offsetsIn[i]!];
    const inBlock = cp - starts[i]!;
    const data = text.data;
    if (data.length === codePointLength(data)) return [text, Math.min(inBlock, data.length)];
    let index = indexes.get(i);
    if (!index) indexes.set(i, (index = new CodePointIndex(data)));
    return [text, index.toUtf16(inBlock)];
  };

  const painted = paintNear(groups, sections, starts, offset, annotations, point);
  performance.mark('glossa:first-frame');
  if (painted) performance.mark('glossa:highlights-drawn');

  return {
    articleId: article.id,
    element,
    painted: new Promise((resolve) => afterPaint(resolve).schedule()),
    selection() {
      const sel = document.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
      const anchor = offsetOf(sel.anchorNode, sel.anchorOffset);
      const head = offsetOf(sel.focusNode, sel.focusOffset);
      return anchor === null || head === null ? null : { anchor, head };
    },
    destroy() {
      element.removeAttribute(STATIC_ATTRIBUTE);
      if (!painted) return;
      // Only its own: the colour layer may have registered its highlights already.
      for (const [name, highlight] of painted)
        if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    },
  };

  /** The canonical offset of a DOM point in one of the blocks' text nodes, or null. */
  function offsetOf(node: Node | null, utf16: number): number | null {
    const i = node ? texts.indexOf(node as Text) : -1;
    if (i < 0) return null;
    const text = texts[i]!;
    if (!(text instanceof Text)) return starts[i]!;
    const data = text.data;
    const cp =
      data.length === codePointLength(data)
        ? utf16
        : (indexes.get(i) ?? new CodePointIndex(data)).toCodePoint(utf16);
    return starts[i]! + cp;
  }
}

/** The block that holds code-point offset `cp`: the last whose start is at or before it. */
function blockAt(starts: readonly number[], cp: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= cp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Paints the highlights of the sections within MARGIN viewports of the
 * viewport, one `Highlight` per kind. Returns the highlights registered, or
 * null where the API is missing (the editor then draws them as elements).
 */
function paintNear(
  groups: readonly HTMLElement[],
  sections: readonly HTMLElement[],
  starts: readonly number[],
  textLength: number,
  annotations: readonly Annotation[],
  point: (cp: number) => [Node, number],
): Map<string, Highlight> | null {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight !== 'function')
    return null;
  const [from, to] = nearRange(groups, sections, starts, textLength);
  const ranges: Record<AnnotationKind, StaticRange[]> = { claim: [], quote: [], event: [] };
  for (const a of annotations) {
    if (a.orphaned || a.end <= from || a.start >= to || a.start >= a.end || a.end > textLength)
      continue;
    const [startContainer, startOffset] = point(a.start);
    const [endContainer, endOffset] = point(a.end);
    ranges[a.kind]?.push(new StaticRange({ startContainer, startOffset, endContainer, endOffset }));
  }
  const registered = new Map<string, Highlight>();
  for (const kind of Object.keys(HIGHLIGHT_NAMES) as AnnotationKind[]) {
    const highlight = new Highlight(...ranges[kind]);
    CSS.highlights.set(HIGHLIGHT_NAMES[kind], highlight);
    registered.set(HIGHLIGHT_NAMES[kind], highlight);
  }
  return registered;
}

/**
 * The canonical offsets [from, to) of the sections within MARGIN viewports
 * of the viewport: binary searches over the groups' boxes, then over the
 * sections' of the groups at the band's ends (one layout, which the frame
 * needs anyway; a section's box is not read inside a group out of view,
 * which would lay that group out, `content-visibility`). As the colour
 * layer's `measureNear`.
 */
function nearRange(
  groups: readonly HTMLElement[],
  sections: readonly HTMLElement[],
  starts: readonly number[],
  textLength: number,
): [number, number] {
  const height = window.innerHeight;
  const margin = height * MARGIN;
  const search = partitionPoint;
  const above = (el: Element) => el.getBoundingClientRect().bottom < -margin;
  const within = (el: Element) => el.getBoundingClientRect().top <= height + margin;
  const firstGroup = search(0, groups.length, (g) => above(groups[g]!));
  const endGroup = search(firstGroup, groups.length, (g) => within(groups[g]!));
  if (endGroup <= firstGroup) return [0, 0];
  const sectionsOf = (g: number): [number, number] => [
    g * GROUP_SIZE,
    Math.min((g + 1) * GROUP_SIZE, sections.length),
  ];
  const first = search(...sectionsOf(firstGroup), (i) => above(sections[i]!));
  const end = search(
    Math.max(first, sectionsOf(endGroup - 1)[0]),
    sectionsOf(endGroup - 1)[1],
    (i) => within(sections[i]!),
  );
  if (end <= first) return [0, 0];
  return [starts[first * SECTION_SIZE] ?? 0, starts[end * SECTION_SIZE] ?? textLength];
}
