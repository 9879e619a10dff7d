/**
 * The term tooltip: a termbase term's English equivalent(s) and usage note
 * (of every entry with that term), shown when
 * the pointer hovers the term or the caret enters it. While the caret is
 * in a term, the article (the focused element) points at the tooltip with
 * aria-describedby — set by the glossary plugin's `attributes` prop, since
 * ProseMirror redraws any element of its own whose attributes we touch.
 *
 * A ProseMirror plugin: its `view()` is the tooltip's PluginView, updated
 * with every state of the article and destroyed with it (or when the
 * article's plugins are reconfigured, which makes a new one). The pointer
 * and blur listeners are the plugin's `handleDOMEvents`, which ProseMirror
 * adds and removes itself. Escape is no listener of its own: the screen's
 * one key handler runs `dismiss()` (its commands table,
 * ui/annotate/annotate-keys.ts), so the tooltip is dismissed without moving
 * the pointer (WCAG 1.4.13) wherever the focus is.
 */
import { Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { termAt, TERM_TOOLTIP_ID as TOOLTIP_ID } from '../editor/plugins/glossary-terms';
import { h } from '../dom/h';
import { afterPaint } from '../dom/after-paint';

/** What the tooltip shows of a term: its English equivalents, and a note with its language. */
export interface TermDescription {
  english: string;
  note: string;
  /** The note's language ('en', 'fr'), for `lang`. */
  noteLang: string;
}

/** The term tooltip: the plugin to give the article view, and what Escape runs. */
export interface TermTooltip {
  readonly plugin: Plugin;
  /** Hides the tooltip if it is shown; says whether it was. */
  dismiss(): boolean;
}

export function termTooltip(describe: (term: string) => TermDescription | null): TermTooltip {
  /** The tooltip of the view the plugin is in now (none before it is mounted, or after). */
  let current: TooltipView | null = null;
  const plugin = new Plugin({
    view(view) {
      const tooltipView = createTooltipView(view, describe);
      current = tooltipView;
      return {
        update: (v) => tooltipView.update(v),
        destroy() {
          tooltipView.destroy();
          if (current === tooltipView) current = null;
        },
      };
    },
    props: {
      handleDOMEvents: {
        mouseover(view, e) {
          current?.over(view, e);
          return false;
        },
        mouseleave(view) {
          if (!view.hasFocus()) current?.hide();
          return false;
        },
        blur() {
          current?.hide();
          return false;
        },
      },
    },
  });
  return { plugin, dismiss: () => current?.dismiss() ?? false };
}

/** One view's tooltip (the plugin's PluginView, with what its props call). */
interface TooltipView {
  /** A new state (the caret moved): show the tooltip of the term under the caret, or hide. */
  update(view: EditorView): void;
  /** The pointer is over `e.target`: show its term's tooltip, or hide. */
  over(view: EditorView, e: MouseEvent): void;
  hide(): void;
  dismiss(): boolean;
  /** Removes the tooltip and its pending draw (it adds no listener: the plugin's props are ProseMirror's). */
  destroy(): void;
}

function createTooltipView(
  view: EditorView,
  describe: (term: string) => TermDescription | null,
): TooltipView {
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
    over(v, e) {
      const el = (e.target as HTMLElement).closest<HTMLElement>('.gloss-term');
      if (el?.dataset.term) show(el, el.dataset.term);
      else if (!v.hasFocus()) hide();
    },
    hide,
    dismiss() {
      if (tooltip.hidden) return false;
      hide();
      return true;
    },
    destroy() {
      drawLater.cancel();
      pending = null;
      tooltip.remove();
    },
  };
}
