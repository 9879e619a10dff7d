/**
 * Messages to the person: a banner for lasting trouble (storage), and a
 * short-lived status line for the result of an action. Both are live
 * regions, so screen readers announce them.
 */
import { h } from '../dom/h';

export interface Notices {
  /**
   * A lasting warning; replaces the previous one. Null clears it. Returns a
   * function that takes this banner away if it is still the one shown, for
   * whatever resolves the trouble it names (and no other banner).
   */
  banner(text: string | null, action?: { label: string; run: () => void }): () => void;
  /** A short message ("Quote tagged", "Select some text first"). */
  status(text: string, tone?: 'info' | 'error'): void;
}

export function createNotices(
  bannerHost: HTMLElement,
  statusHost: HTMLElement,
  dismissLabel: () => string,
): Notices {
  bannerHost.setAttribute('role', 'alert');
  statusHost.setAttribute('role', 'status');
  statusHost.setAttribute('aria-live', 'polite');
  let timer = 0;
  /** Counts banners, so that a withdrawal only takes away its own. */
  let shown = 0;
  return {
    banner(text, action) {
      const turn = ++shown;
      const withdraw = () => {
        if (turn !== shown) return;
        bannerHost.replaceChildren();
        bannerHost.hidden = true;
      };
      bannerHost.replaceChildren();
      bannerHost.hidden = text === null;
      if (text === null) return withdraw;
      bannerHost.append(h('p', {}, text));
      if (action) {
        const button = h('button', { type: 'button' }, action.label);
        button.addEventListener('click', action.run);
        bannerHost.append(button);
      }
      const dismiss = h('button', { type: 'button', class: 'secondary' }, dismissLabel());
      dismiss.addEventListener('click', () => {
        bannerHost.hidden = true;
      });
      bannerHost.append(dismiss);
      return withdraw;
    },
    status(text, tone = 'info') {
      statusHost.textContent = text;
      statusHost.dataset.tone = tone;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        statusHost.textContent = '';
      }, 6000);
    },
  };
}
