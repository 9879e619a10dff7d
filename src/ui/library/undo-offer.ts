/**
 * "Deleted. [Undo]": a status message with an Undo button, for a few
 * seconds after a deletion.
 *
 * The offer lives at module level, not in a screen: deleting the open
 * article sends the app to another article, which mounts a new library
 * screen, and the offer must still be there. Each mounted bar shows the
 * current offer; only one offer is current at a time (a new deletion
 * replaces the previous offer, whose deletion then stands).
 */
import { h } from '../../dom/h';

/** How long an Undo stays offered. */
export const UNDO_WINDOW_MS = 10_000;

export interface UndoOffer {
  /** What happened ("“X” deleted."). */
  message: string;
  /** The button's text, and its accessible name (which says what it undoes). */
  label: string;
  ariaLabel: string;
  /** The article whose deletion this undoes: its id stays reserved until then. */
  articleId: string;
  /** Puts things back. */
  run(): Promise<void>;
}

let current: (UndoOffer & { until: number }) | null = null;
let timer = 0;
const bars = new Set<() => void>();

function changed(): void {
  for (const render of bars) render();
}

/** Offers an undo for `UNDO_WINDOW_MS`, replacing any previous offer. */
export function offerUndo(offer: UndoOffer, ms = UNDO_WINDOW_MS): void {
  window.clearTimeout(timer);
  current = { ...offer, until: Date.now() + ms };
  timer = window.setTimeout(() => {
    current = null;
    changed();
  }, ms);
  changed();
}

/** Ids of articles an Undo may still bring back: not to be given to new articles meanwhile. */
export function reservedArticleIds(): string[] {
  return current ? [current.articleId] : [];
}

/** Shows the current offer in `container` (a live region) while mounted. */
export function createUndoBar(container: HTMLElement): { focus(): void; destroy(): void } {
  container.classList.add('library-undo');
  container.setAttribute('role', 'status');
  container.setAttribute('aria-live', 'polite');
  const render = () => {
    const offer = current && current.until > Date.now() ? current : null;
    container.hidden = offer === null;
    if (!offer) {
      container.replaceChildren();
      return;
    }
    const undo = h(
      'button',
      { type: 'button', class: 'library-undo-button', 'aria-label': offer.ariaLabel },
      offer.label,
    );
    undo.addEventListener('click', () => {
      if (current !== offer) return;
      window.clearTimeout(timer);
      current = null;
      changed();
      void offer.run();
    });
    container.replaceChildren(h('span', {}, offer.message), ' ', undo);
  };
  bars.add(render);
  render();
  return {
    /** Moves the focus to the Undo button, when one is offered. */
    focus() {
      container.querySelector('button')?.focus();
    },
    destroy() {
      bars.delete(render);
      container.replaceChildren();
    },
  };
}
