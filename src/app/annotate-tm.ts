/**
 * The translation memory on the annotate screen, loaded with `import()` on
 * first use so that none of it is on the start-up path: the matches of the
 * sentences in the gloss panel, Accept (button, Alt+Y), the best match of
 * glossless sentences in bilingual mode, "Mark as checked", the
 * "Translation memory…" dialog (Alt+M) and pre-translation. Glosses people
 * write go into the memory from here too.
 *
 * Matching runs in the TM worker (tm/tm-client.ts); this module keeps the
 * matches it got per sentence until the memory or the threshold changes.
 */
import { downloadBlob } from '../ui/download';
import type { AppContext } from './context';
import type { Sentence } from '../glosses/sentences';
import { glossKey, type UserGloss } from '../model/gloss';
import { now } from '../model/annotation';
import { rememberThreshold, storedThreshold, tmClient } from '../tm/tm-client';
import type { TmMatchView } from '../tm/tm-protocol';
import { matchesView, type MatchesState } from '../ui/tm/tm-matches';
import { showTmDialog } from '../ui/tm/tm-dialog';
import { t } from '../i18n/i18n';
import { version } from '../../package.json';

/** Where a gloss that the person did not type came from (see UserGloss). */
export interface GlossMeta {
  origin: 'tm';
  matchPercent: number;
  checked: boolean;
}

export interface TmWiringOptions {
  context: AppContext;
  /** The annotate screen's gloss write (the user-gloss path: one session change, undoable). */
  write(sentence: Sentence, text: string, meta: GlossMeta): void;
  /** The sentences the gloss panel shows. */
  shown(): Sentence[];
  /** The matches shown changed: redraw the gloss panel. */
  refreshPanel(): void;
  /** Bilingual marks may have changed: redraw bilingual mode, when on. */
  refreshBilingual(): void;
  bilingual(): boolean;
}

export interface TmWiring {
  /** The matches block under a sentence of the gloss panel (null: none to show). */
  extra(sentence: Sentence): HTMLElement | null;
  /** Looks up the matches of the panel's sentences (cached), then redraws. */
  lookup(): void;
  /** Accepts the best match of the first shown sentence (Alt+Y). */
  acceptBest(): void;
  markChecked(sentence: Sentence): void;
  /** A person's gloss, into the memory (replacing what they wrote for that sentence before). */
  /** Adds a pair to the memory, as the person's (default) or a machine's. */
  remember(sentence: Sentence, text: string, origin?: 'user' | 'machine'): void;
  /** The best match of a sentence for bilingual mode, e.g. "[TM 87%] …", once looked up. */
  bilingualText(sentence: Sentence): string | null;
  /** Looks up the best match of every glossless sentence, for bilingual mode. */
  lookupAll(): void;
  openDialog(): void;
}

export function attachTm(options: TmWiringOptions): TmWiring {
  const { context } = options;
  const { session, glosses, notices } = context;
  const article = session.article;
  const tm = tmClient();
  let threshold = storedThreshold();
  const matches = new Map<string, MatchesState>();
  /** Best match of glossless sentences, for bilingual mode (null: looked up, none). */
  const best = new Map<string, TmMatchView | null>();

  function invalidate(): void {
    matches.clear();
    best.clear();
    lookup();
    if (options.bilingual()) lookupAll();
  }

  function failed(error: unknown): void {
    notices.status(
      t('tm:dialog.failed', { reason: error instanceof Error ? error.message : String(error) }),
      'error',
    );
  }

  function lookup(): void {
    const wanted = options.shown().filter((s) => !matches.has(s.id));
    if (wanted.length === 0) return;
    for (const s of wanted) matches.set(s.id, 'loading');
    options.refreshPanel();
    tm.match(
      wanted.map((s) => ({ id: s.id, text: s.text })),
      threshold,
    ).then(
      (results) => {
        for (const r of results) matches.set(r.sentenceId, r.matches);
        options.refreshPanel();
      },
      (error: unknown) => {
        for (const s of wanted) matches.delete(s.id);
        failed(error);
      },
    );
  }

  function lookupAll(): void {
    const wanted = context
      .sentences()
      .filter((s) => !best.has(s.id) && glosses.glossOf(s) === null);
    if (wanted.length === 0) return;
    tm.match(
      wanted.map((s) => ({ id: s.id, text: s.text })),
      threshold,
      1,
    ).then((results) => {
      for (const r of results) best.set(r.sentenceId, r.matches[0] ?? null);
      options.refreshBilingual();
    }, failed);
  }

  function accept(sentence: Sentence, match: TmMatchView): void {
    // An exact match accepted by a person is checked; a fuzzy one was made
    // for another sentence, so its English still needs a look.
    options.write(sentence, match.target, {
      origin: 'tm',
      matchPercent: match.percent,
      checked: match.percent === 100,
    });
    notices.status(t('tm:done.accepted'));
  }

  function record(sentence: Sentence): UserGloss | undefined {
    return session.glosses.get(glossKey(article.id, sentence.id));
  }

  async function pretranslate(fuzzyMinimum: number | null): Promise<number> {
    const open = context.sentences().filter((s) => glosses.glossOf(s) === null);
    if (open.length === 0) return 0;
    const results = await tm.match(
      open.map((s) => ({ id: s.id, text: s.text })),
      fuzzyMinimum ?? 100,
      1,
    );
    const change = new Map<string, UserGloss>();
    const at = now();
    for (const r of results) {
      const m = r.matches[0];
      const s = open.find((x) => x.id === r.sentenceId);
      // Sentences glossed while the worker was matching keep their gloss.
      if (!m || !s || glosses.glossOf(s) !== null) continue;
      const key = glossKey(article.id, s.id);
      change.set(key, {
        key,
        articleId: article.id,
        sentenceId: s.id,
        lang: glosses.language,
        text: m.target,
        modified: at,
        origin: 'tm',
        matchPercent: m.percent,
        checked: false,
      });
    }
    // One change: one undo step for the whole pre-translation.
    if (change.size > 0) session.apply({ glosses: change });
    return change.size;
  }

  return {
    extra(sentence) {
      return matchesView(sentence.id, matches.get(sentence.id), (m) => accept(sentence, m));
    },
    lookup,
    acceptBest() {
      const sentence = options.shown()[0];
      const state = sentence ? matches.get(sentence.id) : undefined;
      const top = Array.isArray(state) ? state[0] : undefined;
      if (!sentence || !top) {
        notices.status(t('tm:done.nothingToAccept'));
        return;
      }
      accept(sentence, top);
    },
    markChecked(sentence) {
      const g = record(sentence);
      if (!g) return;
      options.write(sentence, g.text, {
        origin: 'tm',
        matchPercent: g.matchPercent ?? 0,
        checked: true,
      });
      // Checked by a person, the pair is now worth remembering.
      void tm
        .add(
          [
            {
              source: sentence.text,
              target: g.text,
              origin: 'user',
              articleId: article.id,
              sentenceId: sentence.id,
            },
          ],
          true,
        )
        .then(invalidate, failed);
      notices.status(t('tm:done.checked'));
    },
    remember(sentence, text, origin = 'user') {
      void tm
        .add(
          [
            {
              source: sentence.text,
              target: text,
              origin,
              articleId: article.id,
              sentenceId: sentence.id,
            },
          ],
          true,
        )
        .then(invalidate, failed);
    },
    bilingualText(sentence) {
      const m = best.get(sentence.id);
      return m ? `${t('tm:bilingual.mark', { percent: m.percent })} ${m.target}` : null;
    },
    lookupAll,
    openDialog() {
      showTmDialog({
        count: () => tm.count(),
        importTmx: async (file, onProgress) => {
          const result = await tm.importTmx(file, onProgress);
          if (result.report.added > 0) invalidate();
          return result;
        },
        exportTmx: async () => {
          const { blob, count } = await tm.exportTmx(version);
          // The memory is the library's, not the article's.
          downloadBlob(blob, 'glossa-translation-memory.tmx');
          return count;
        },
        threshold,
        setThreshold(value) {
          threshold = value;
          rememberThreshold(value);
          invalidate();
        },
        pretranslate,
      });
    },
  };
}
