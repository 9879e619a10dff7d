/**
 * "Deleted. [Undo]": a status message with an Undo button, while the
 * library service (library/service.ts) offers to undo a deletion.
 *
 * The offer itself is the service's, which lives as long as the app: a bar
 * only draws it, so the bar of a library screen mounted after the deletion
 * (deleting the open article sends the app to another one) shows it too.
 */
import type { StoredArticle } from '../../model/article';
import { h } from '../../dom/h';
import { followLanguage } from '../../i18n/i18n';
import { say } from './text';

/** What the bar reads of the library service. */
export interface UndoSource {
  readonly trashed: { article: StoredArticle } | null;
  subscribe(listener: () => void): () => void;
}

/** Shows the current offer in `container` (a live region) while mounted; `undo` takes it. */
export function createUndoBar(
  container: HTMLElement,
  source: UndoSource,
  undo: () => void,
): { focus(): void; destroy(): void } {
  container.classList.add('library-undo');
  container.setAttribute('role', 'status');
  container.setAttribute('aria-live', 'polite');
  /** The offer drawn, so a redraw for another reason keeps the button (and its focus). */
  let drawn: StoredArticle | null = null;
  const render = (force = false) => {
    const article = source.trashed?.article ?? null;
    container.hidden = article === null;
    if (article === drawn && !force) return;
    drawn = article;
    if (!article) {
      container.replaceChildren();
      return;
    }
    const button = h(
      'button',
      {
        type: 'button',
        class: 'library-undo-button',
        'aria-label': say('status.undoLabel', { title: article.title }),
        'aria-keyshortcuts': 'Control+Z',
      },
      say('status.undo'),
    );
    button.addEventListener('click', undo);
    container.replaceChildren(
      h('span', {}, say('status.deleted', { title: article.title })),
      ' ',
      button,
    );
  };
  const unsubscribe = source.subscribe(() => render());
  const stopTranslating = followLanguage(() => render(true));
  return {
    /** Moves the focus to the Undo button, when one is offered. */
    focus() {
      container.querySelector('button')?.focus();
    },
    destroy() {
      unsubscribe();
      stopTranslating();
      container.replaceChildren();
    },
  };
}
