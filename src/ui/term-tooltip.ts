/**
 * The term tooltip: a termbase term's English equivalent(s) and usage note
 * (of every entry with that term), shown when
 * the pointer hovers the term or the caret enters it. While the caret is
 * in a term, the article (the focused element) points at the tooltip with
 * aria-describedby — set by the glossary plugin's `attributes` prop, since
 * ProseMirror redraws any element of its own whose attributes we touch.
 */
import type { EditorView } from 'prosemirror-view';
import { termAt, TERM_TOOLTIP_ID as TOOLTIP_ID } from '../editor/plugins/glossary-terms';
import { h } from '../dom/h';
import { afterPaint } from '../dom/after-paint';

export interface TermTooltip {
  /** The caret moved: show the tooltip of the term under it, or hide. */
  update(view: EditorView): void;
  destroy(): void;
}

/** What the tooltip shows of a term: its English equivalents, and a note with its language. */
export interface TermDescription {
  english: string;
  note: string;
  /** The note's language ('en', 'fr'), for `lang`. */
  noteLang: string;
}

export function attachTermTooltip(
  view: EditorView,
  describe: (term: string) => TermDescription | null,
): TermTooltip {
  const term = h('span', { class: 'term-fr', lang: 'fr' });
  const gloss = h('span', { class: 'term-gloss', lang: 'en' });
  const note = h('span', { class: 'term-note' });
  const tooltip = h(
    'div',
    { id: TOOLTIP_ID, role: 'tooltip', class: 'term-tooltip' },
    term,
    ' — ',
    gloss,
    h('br'),
    note,
  );
  tooltip.hidden = true;
  (view.dom.parentElement ?? document.body).append(tooltip);

  // Drawn after the next paint: measuring the term now, in the middle of an
  // update of the article's DOM, would force an extra layout of the page,
  // and the frame that draws a new highlight under the pointer is not to be
  // lengthened by the tooltip (see after-paint).
  let pending: { el: HTMLElement; term: string } | null = null;
  const drawLater = afterPaint(() => {
    if (pending) draw(pending.el, pending.term);
    pending = null;
  });

  function show(el: HTMLElement, termText: string): void {
    pending = { el, term: termText };
    drawLater.schedule();
  }

  function draw(el: HTMLElement, termText: string): void {
    const entry = describe(termText);
    if (!entry) return hide();
    // Redrawn since (a tag over it): the caret or the pointer brings the new one.
    if (!el.isConnected) return;
    const rect = el.getBoundingClientRect(); // read before writing: one layout
    term.textContent = termText;
    gloss.textContent = entry.english;
    note.textContent = entry.note;
    note.lang = entry.noteLang;
    tooltip.hidden = false;
    tooltip.style.left = `${Math.round(window.scrollX + rect.left)}px`;
    tooltip.style.top = `${Math.round(window.scrollY + rect.bottom + 6)}px`;
  }

  function hide(): void {
    pending = null;
    drawLater.cancel();
    tooltip.hidden = true;
  }

  function onOver(e: MouseEvent): void {
    const el = (e.target as HTMLElement).closest<HTMLElement>('.gloss-term');
    if (el?.dataset.term) show(el, el.dataset.term);
    else if (!view.hasFocus()) hide();
  }
  view.dom.addEventListener('mouseover', onOver);
  view.dom.addEventListener('mouseleave', () => {
    if (!view.hasFocus()) hide();
  });
  view.dom.addEventListener('blur', hide);
  document.addEventListener('keydown', onEscape);
  function onEscape(e: KeyboardEvent): void {
    if (e.key === 'Escape' && !tooltip.hidden) hide();
  }

  return {
    update(v) {
      if (!v.hasFocus()) return;
      const found = termAt(v.state, v.state.selection.head);
      if (!found) return hide();
      const { node } = v.domAtPos(found.from + 1);
      const el = (node instanceof HTMLElement ? node : node.parentElement)?.closest<HTMLElement>(
        '.gloss-term',
      );
      if (!el) return hide();
      show(el, found.term);
    },
    destroy() {
      drawLater.cancel();
      view.dom.removeEventListener('mouseover', onOver);
      document.removeEventListener('keydown', onEscape);
      tooltip.remove();
    },
  };
}
