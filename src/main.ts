/**
 * Start-up: i18n → storage → article → screen, then `glossa:ready`.
 */
import { initI18n, t, i18n } from './i18n/i18n';
import { openGlossaDB } from './store/db';
import { Repository } from './store/repository';
import { ensureDefaultArticle } from './store/articles';
import { ArticleSession, SYNC_CHANNEL } from './session/article-session';
import { createLayout } from './ui/layout';
import { createNotices } from './ui/notices';
import { createAnnotator } from './app/annotator';

async function openRepository(
  onTrouble: (key: 'save.blocked' | 'save.versionChange') => void,
): Promise<Repository | null> {
  try {
    if (!('indexedDB' in window) || !window.indexedDB) return null;
    const db = await openGlossaDB({
      onBlocked: () => onTrouble('save.blocked'),
      onVersionChange: () => {
        db.close();
        onTrouble('save.versionChange');
      },
    });
    return new Repository(db);
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  await initI18n();
  const root = document.getElementById('app')!;
  const layout = createLayout(root);
  const notices = createNotices(layout.banner, layout.status, () => t('save.dismiss'));
  i18n.on('languageChanged', () => layout.translate());

  const repository = await openRepository((key) => notices.banner(t(key)));
  if (!repository) notices.banner(t('save.unavailable'));

  let article;
  try {
    article = await ensureDefaultArticle(repository);
  } catch (error) {
    notices.banner(t('app.loadFailed', { reason: String(error) }));
    return;
  }
  const records = (await repository?.loadArticleRecords(article.id).catch(() => null)) ?? {
    annotations: [],
    reviews: [],
    glosses: [],
  };
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel(SYNC_CHANNEL) : null;
  const session = new ArticleSession(article, records, { repository, channel });
  session.onSaveState((state, error) => {
    if (state === 'unsaved' && repository) {
      notices.banner(t('save.failed', { reason: errorName(error) }), {
        label: t('save.retry'),
        run: () => void session.retry(),
      });
    } else if (state === 'saved' && repository) {
      notices.banner(null);
    }
  });
  createAnnotator(layout, session, notices);
  document.body.dataset.ready = 'true';
  performance.mark('glossa:ready');
}

function errorName(error: unknown): string {
  if (error instanceof DOMException) return error.name;
  if (error instanceof Error) return error.message;
  return String(error);
}

void start();
