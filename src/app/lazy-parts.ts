/**
 * Every part of the app loaded after the first frame that shows interface
 * strings, in one table. Each loader resolves once its module is in and so is
 * every interface string of the language in use — with `glossary`, the
 * glossary too (i18n.ts, `withUiStrings`) — so no part shows a key for a
 * string. A new lazily loaded part is a row here: lazy-parts.test.ts fails
 * on an `import()` elsewhere of a module that is not known to need no strings.
 */
import { withUiStrings } from '../i18n/i18n';

type Loader<T> = () => Promise<T>;

function part<T>(load: Loader<T>, options: { glossary?: boolean } = {}): Loader<T> {
  return () => withUiStrings(load(), options);
}

export const LAZY_PARTS = {
  reviewScreen: part(() => import('./review-screen'), { glossary: true }),
  libraryScreen: part(() => import('./library-screen')),
  searchScreen: part(() => import('./search-screen')),
  exchangeMenu: part(() => import('./exchange-menu')),
  termbase: part(() => import('./termbase-runtime'), { glossary: true }),
  machineTranslation: part(() => import('../ui/mt/attach')),
  factcheck: part(() => import('../ui/factcheck/attach')),
  rebase: part(() => import('../library/rebase')),
};

/**
 * A part a screen loads for work that shows no strings of the other screens
 * (the translation memory's matches keep their timing), resolved with those
 * strings for the use that does show them (its dialog).
 */
export function withStringsOf<T>(load: Loader<T>): Promise<T> {
  return part(load)();
}
