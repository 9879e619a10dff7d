/**
 * The links between screens (Annotate, Review quotes, Library, Search the
 * library), with Alt+1/2/3/4. Real links, so they open in a new tab too. Follows the
 * interface language itself.
 */
import { followLanguage, t } from '../i18n/i18n';
import { routeUrl, VIEWS, type View } from '../dom/router';
import { h } from '../dom/h';
import type { Command } from '../dom/commands';

export interface Nav {
  setCurrent(view: View, articleId: string): void;
  destroy(): void;
}

/** Alt+<n>: the n-th view's shortcut. */
function viewShortcut(view: View): string {
  return `Alt+${VIEWS.indexOf(view) + 1}`;
}

/**
 * The command "go to a view": Alt+1, Alt+2, Alt+3, Alt+4, one per view (by key
 * position, so AZERTY's Alt+& works too). Works from fields, and with a
 * dialog open, as the links' keys always have. `label` says it on the
 * screen whose help lists it.
 */
export function viewsCommand<C extends { shortcut: string }>(
  go: (view: View) => void,
  label: () => string,
): Command<C> {
  const byShortcut = new Map(VIEWS.map((v) => [viewShortcut(v), v]));
  return {
    id: 'views',
    keys: [...byShortcut.keys()].join(' '),
    label,
    inFields: true,
    enabled: () => true,
    run: (c) => {
      const view = byShortcut.get(c.shortcut);
      if (!view) return false;
      go(view);
      return true;
    },
  };
}

export function createNav(container: HTMLElement, go: (view: View) => void): Nav {
  const links = new Map<View, HTMLAnchorElement>();
  for (const view of VIEWS) {
    const link = h('a', {
      href: '#',
      'data-view': view,
      'aria-keyshortcuts': viewShortcut(view),
    });
    link.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      go(view);
    });
    links.set(view, link);
    container.append(link);
  }
  // The nav's one key handler, on every screen, runs the views command.
  // It matches Alt+<digit> by key position itself (as matches() would)
  // rather than through dom/commands.ts's bindKeymap: the nav is in the
  // start-up chunk, the general matcher only in the screens that need it.
  const views = viewsCommand<{ shortcut: string }>(go, () => t('nav.label'));
  const onKeyDown = (e: KeyboardEvent): void => {
    if (!e.altKey || e.ctrlKey || e.metaKey || !e.code.startsWith('Digit')) return;
    const ctx = { shortcut: `Alt+${e.code.slice('Digit'.length)}` };
    if (views.enabled(ctx) && views.run(ctx)) e.preventDefault();
  };
  document.addEventListener('keydown', onKeyDown);
  function translate(): void {
    container.setAttribute('aria-label', t('nav.label'));
    for (const [view, link] of links) {
      link.textContent = t(`nav.${view}`);
      link.title = t(`nav.${view}Title`);
    }
  }
  const stopTranslating = followLanguage(translate);
  return {
    setCurrent(view, articleId) {
      for (const [v, link] of links) {
        link.href = routeUrl({
          view: v,
          articleId: v === 'library' || v === 'search' ? null : articleId,
        });
        if (v === view) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
    destroy() {
      document.removeEventListener('keydown', onKeyDown);
      stopTranslating();
      for (const link of links.values()) link.remove();
    },
  };
}
