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
void uiStrings(storedLanguage(), 'first').catch(() => {});
const firstFrame = drawFirstFrame(route, reads.routedArticle);
void import('./app/start').then((app) => app.start(reads, firstFrame));
