/**
 * The entry: begins the start-up reads, draws the article's first frame
 * from them, then loads the app, which picks them up. Kept tiny, and the app
 * loaded as a separate chunk, so that the database is open — and the
 * article's records requested — while the app's code is still being fetched
 * and evaluated (store/start-up-reads.ts), the interface strings are on
 * their way too (i18n/ui-strings.ts), and the article is on screen as soon
 * as its records are read, without waiting for the editor
 * (ui/static-article.ts).
 */
import { currentRoute } from './dom/router';
import { beginStartUpReads } from './store/start-up-reads';
import { storedLanguage, uiStrings } from './i18n/ui-strings';
import { drawFirstFrame } from './ui/static-article';

const route = currentRoute();
const reads = beginStartUpReads(route.articleId);
// The first screen's interface strings, in the language in use, are fetched beside the app's chunk.
// Another screen than the annotator needs all of them, and its own chunk: both are fetched now too,
// not once the app has been evaluated and has read the article (on the library, they began about
// 300 ms after navigation; bench/README.md). Only fetched here: the screen is shown through
// app/lazy-parts.ts, which waits for its strings.
const OTHER_SCREENS = {
  library: () => import('./app/library-screen'),
  review: () => import('./app/review-screen'),
  search: () => import('./app/search-screen'),
};
void uiStrings(storedLanguage(), route.view === 'annotate' ? 'first' : 'all').catch(() => {});
if (route.view !== 'annotate') void OTHER_SCREENS[route.view]().catch(() => {});
const firstFrame = drawFirstFrame(route, reads.routedArticle);
void import('./app/start').then((app) => app.start(reads, firstFrame));
