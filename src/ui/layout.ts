/**
 * The page's frame: header with the toolbar, the article, and the side
 * panels. Built once; screens fill its regions.
 */
import { t } from '../i18n/i18n';
import { h } from '../dom/h';

export interface Layout {
  root: HTMLElement;
  header: HTMLElement;
  brand: HTMLElement;
  nav: HTMLElement;
  toolbar: HTMLElement;
  /** The right end of the header: settings present on every screen. */
  headerEnd: HTMLElement;
  banner: HTMLElement;
  status: HTMLElement;
  /** The annotator's grid: article and side panels. */
  main: HTMLElement;
  /** Where other screens (review, library) draw; hidden on the annotator. */
  screen: HTMLElement;
  article: HTMLElement;
  sidebar: HTMLElement;
  details: HTMLElement;
  /** Extra panels beside the details (glosses …). */
  aside: HTMLElement;
  /** Where the skip link leads: the article text, or the screen shown instead. */
  setSkipTarget(id: string): void;
  translate(): void;
}

export function createLayout(root: HTMLElement): Layout {
  const skip = h('a', { href: '#article-text', class: 'skip-link' });
  const brand = h('span', { class: 'brand' });
  const nav = h('nav', { class: 'app-nav' });
  const toolbar = h('div', { class: 'toolbar', id: 'toolbar' });
  const headerEnd = h('div', { class: 'header-end' });
  const header = h('header', { class: 'app-header' }, skip, brand, nav, toolbar, headerEnd);
  const banner = h('div', { class: 'banner', id: 'banner' });
  banner.hidden = true;
  const status = h('p', { class: 'status-line', id: 'status' });
  const article = h('main', { class: 'article', id: 'article' });
  const sidebar = h('section', { class: 'sidebar panel', id: 'sidebar' });
  const details = h('section', { class: 'details panel', id: 'details' });
  const aside = h('div', { class: 'aside-extra' });
  const side = h('aside', { class: 'side' }, details, aside, sidebar);
  const main = h('div', { class: 'workspace' }, article, side);
  const screen = h('main', { class: 'screen', id: 'screen', tabindex: -1 });
  screen.hidden = true;
  root.replaceChildren(header, banner, status, main, screen);
  function translate(): void {
    skip.textContent = t('app.skipToArticle');
    brand.textContent = t('app.name');
    side.setAttribute('aria-label', t('sidebar.label'));
  }
  translate();
  function setSkipTarget(id: string): void {
    skip.href = `#${id}`;
  }
  return {
    setSkipTarget,
    root,
    header,
    brand,
    nav,
    toolbar,
    headerEnd,
    banner,
    status,
    main,
    screen,
    article,
    sidebar,
    details,
    aside,
    translate,
  };
}
