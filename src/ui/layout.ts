/**
 * The page's frame: header with the toolbar, the article, and the side
 * panels. Built once; screens fill its regions.
 *
 * One layout from 320 CSS px up (WCAG 2.2 reflow, 1.4.10; glossa.css
 * "compact"): on wide screens the header is one row and the side is one
 * column (two from 1400 px: the details beside the list, so arrowing
 * through the list never scrolls the details away). On compact screens
 * (narrow, or short: a 1280×800 window at 200 % zoom is 640×400 CSS px) the
 * header keeps the brand and a Menu button; the screens' links, the
 * toolbar and the settings open below it (or appear as soon as Tab reaches
 * them); the tag buttons float over the text while some is selected; and
 * the details with the glosses open as a bottom sheet over the article.
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
  /** A screen's secondary tools (export, import …): atop the side column, or in the compact menu. */
  tools: HTMLElement;
  /** The details and glosses show a new annotation: the compact sheet starts at its top. */
  revealPanels(): void;
  /** Is the compact layout on (the media query of COMPACT_QUERY)? */
  isCompact(): boolean;
  /** Runs `listener` whenever the layout turns compact or wide; returns its remover. */
  onCompactChange(listener: (compact: boolean) => void): () => void;
  /** Where the skip link leads: the article text, or the screen shown instead. */
  setSkipTarget(id: string): void;
  translate(): void;
}

/** The compact layout's media query; glossa.css uses the same figures. */
export const COMPACT_QUERY = '(max-width: 900px), (max-height: 500px)';

export function createLayout(root: HTMLElement): Layout {
  const skip = h('a', { href: '#article-text', class: 'skip-link' });
  const brand = h('span', { class: 'brand' });
  const nav = h('nav', { class: 'app-nav' });
  const toolbar = h('div', { class: 'toolbar', id: 'toolbar' });
  const headerEnd = h('div', { class: 'header-end' });
  const menuTools = h('div', { class: 'menu-tools' });
  // On wide screens the menu's box is `display: contents`: its children sit in the header row.
  const menu = h(
    'div',
    { class: 'header-menu', id: 'header-menu' },
    nav,
    toolbar,
    menuTools,
    headerEnd,
  );
  const menuButton = h('button', {
    type: 'button',
    class: 'menu-button',
    id: 'menu-button',
    'aria-controls': 'header-menu',
    'aria-expanded': 'false',
  });
  const header = h('header', { class: 'app-header' }, skip, brand, menuButton, menu);
  function setMenuOpen(open: boolean): void {
    menu.classList.toggle('is-open', open);
    menuButton.setAttribute('aria-expanded', String(open));
  }
  menuButton.addEventListener('click', () => setMenuOpen(!menu.classList.contains('is-open')));
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menu.classList.contains('is-open')) {
      setMenuOpen(false);
      menuButton.focus();
    }
  });
  // A choice made in the menu (a screen's link, a tool) closes it.
  menu.addEventListener('click', (e) => {
    if ((e.target as Element).closest('a, button')) setMenuOpen(false);
  });
  const banner = h('div', { class: 'banner', id: 'banner' });
  banner.hidden = true;
  const status = h('p', { class: 'status-line', id: 'status' });
  // The boxes the entry's first frame drew (ui/static-article.ts), with the article in them,
  // are kept where they are: moved, the article would be laid out again.
  const adopted = root.querySelector<HTMLElement>(':scope > .workspace');
  const article =
    adopted?.querySelector<HTMLElement>(':scope > main#article') ??
    h('main', { class: 'article', id: 'article' });
  const sidebar = h('section', { class: 'sidebar panel', id: 'sidebar' });
  const details = h('section', { class: 'details panel', id: 'details' });
  const aside = h('div', { class: 'aside-extra' });
  const tools = h('div', { class: 'side-tools' });
  const sheet = h('div', { class: 'side-panels' }, details, aside);
  const side = h(
    'aside',
    { class: 'side' },
    sheet,
    h('div', { class: 'side-list' }, tools, sidebar),
  );
  const compact = window.matchMedia(COMPACT_QUERY);
  const compactListeners = new Set<(compact: boolean) => void>();
  compact.addEventListener('change', () => {
    if (!compact.matches) setMenuOpen(false);
    for (const l of compactListeners) l(compact.matches);
  });
  // The screen's tools live atop the side column, or in the menu when compact.
  const toolsHost = h('div', { class: 'tools-host', role: 'group' });
  const placeTools = () => (compact.matches ? menuTools : tools).append(toolsHost);
  placeTools();
  compactListeners.add(placeTools);
  const screen = h('main', { class: 'screen', id: 'screen', tabindex: -1 });
  screen.hidden = true;
  let main: HTMLElement;
  if (adopted && article.parentElement === adopted) {
    main = adopted;
    main.append(side);
    for (const child of [...root.children]) if (child !== main) child.remove();
    main.before(header, banner, status);
    main.after(screen);
  } else {
    main = h('div', { class: 'workspace' }, article, side);
    root.replaceChildren(header, banner, status, main, screen);
  }
  function translate(): void {
    skip.textContent = t('app.skipToArticle');
    brand.textContent = t('app.name');
    side.setAttribute('aria-label', t('sidebar.label'));
    menuButton.textContent = t('layout.menu');
    menuButton.title = t('layout.menuTitle');
    toolsHost.setAttribute('aria-label', t('layout.tools'));
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
    tools: toolsHost,
    revealPanels: () => sheet.scrollTo({ top: 0 }),
    isCompact: () => compact.matches,
    onCompactChange(listener) {
      compactListeners.add(listener);
      return () => compactListeners.delete(listener);
    },
    translate,
  };
}
