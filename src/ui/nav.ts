/**
 * The links between screens (Annotate, Review quotes, Library), with
 * Alt+1/2/3. Real links, so they open in a new tab too.
 */
import { t } from '../i18n/i18n';
import { routeUrl, VIEWS, type View } from '../dom/router';
import { h } from '../dom/h';

export interface Nav {
  setCurrent(view: View, articleId: string): void;
  translate(): void;
}

export function createNav(container: HTMLElement, go: (view: View) => void): Nav {
  const links = new Map<View, HTMLAnchorElement>();
  for (const view of VIEWS) {
    const link = h('a', {
      href: '#',
      'data-view': view,
      'aria-keyshortcuts': `Alt+${VIEWS.indexOf(view) + 1}`,
    });
    link.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      go(view);
    });
    links.set(view, link);
    container.append(link);
  }
  document.addEventListener('keydown', (e) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const n = Number(e.code.replace('Digit', ''));
    const view = VIEWS[n - 1];
    if (view && e.code.startsWith('Digit')) {
      e.preventDefault();
      go(view);
    }
  });
  function translate(): void {
    container.setAttribute('aria-label', t('nav.label'));
    for (const [view, link] of links) {
      link.textContent = t(`nav.${view}`);
      link.title = t(`nav.${view}Title`);
    }
  }
  translate();
  return {
    setCurrent(view, articleId) {
      for (const [v, link] of links) {
        link.href = routeUrl({ view: v, articleId: v === 'library' ? null : articleId });
        if (v === view) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
    translate,
  };
}
