/**
 * The URL holds what is open: `?article=<id>&view=<annotate|review|library|search>`,
 * and `&annotation=<id>` for a span to select on opening (the library
 * search's one step to a hit), so links, reload and back/forward work.
 */
export const VIEWS = ['annotate', 'review', 'library', 'search'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** null: the default article. */
  articleId: string | null;
  /** An annotation to select when the article opens (a search hit). */
  annotationId?: string | null;
}

export function currentRoute(): Route {
  const params = new URLSearchParams(location.search);
  const view = params.get('view');
  return {
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'annotate',
    articleId: params.get('article') || null,
    annotationId: params.get('annotation') || null,
  };
}

export function routeUrl(route: Route): string {
  const params = new URLSearchParams();
  if (route.articleId) params.set('article', route.articleId);
  if (route.view !== 'annotate') params.set('view', route.view);
  if (route.annotationId) params.set('annotation', route.annotationId);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

const listeners = new Set<(route: Route) => void>();

/** Goes to a route (a new history entry unless `replace`). */
export function navigate(to: Partial<Route>, options: { replace?: boolean } = {}): void {
  // The annotation to select is for the one step that names it, not kept after.
  const route = { ...currentRoute(), annotationId: null, ...to };
  const url = routeUrl(route);
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const l of listeners) l(route);
}

export function onRouteChange(listener: (route: Route) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

window.addEventListener('popstate', () => {
  const route = currentRoute();
  for (const l of listeners) l(route);
});
