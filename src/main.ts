/**
 * The entry: begins the start-up reads, then loads the app, which picks
 * them up. Kept tiny, and the app loaded as a separate chunk, so that the
 * database is open — and the article's records requested — while the app's
 * code is still being fetched and evaluated (store/start-up-reads.ts).
 */
import { currentRoute } from './dom/router';
import { beginStartUpReads } from './store/start-up-reads';

const reads = beginStartUpReads(currentRoute().articleId);
void import('./app/start').then((app) => app.start(reads));
