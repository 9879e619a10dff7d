/**
 * The termbase on the annotate screen (issue 13): its terms marked in the
 * open article, the tooltip's text, "Add term" (T, or the toolbar button)
 * and the "Termbase…" dialog (Alt+T).
 *
 * Only the buttons and keys are here, in the start-up chunk. The rest —
 * the finder, storage (and the seeding of the shipped glossary), the
 * dialogs, TBX, their strings — is loaded in idle time after the screen is
 * up (app/termbase-runtime.ts), and the terms are marked then: finding them
 * in a 100,000-character article takes 10–20 ms, which the first frame
 * does not pay.
 */
import type { Plugin } from 'prosemirror-state';
import type { AppContext } from './context';
import type { Annotator } from './annotator';
import type { TermMatch } from '../glosses/term-finder';
import { offsetToPos } from '../editor/positions';
import { glossaryTermsPlugin, setTerms } from '../editor/plugins/glossary-terms';
import type { TermDescription } from '../ui/term-tooltip';
import { followLanguage, i18n, t } from '../i18n/i18n';
import { LAZY_PARTS } from './lazy-parts';
import { h } from '../dom/h';

type Runtime = typeof import('./termbase-runtime');
let runtime: Promise<Runtime> | null = null;
/** The lazily loaded part (the same one for every screen and article), with the glossary it seeds. */
function loadRuntime(): Promise<Runtime> {
  return (runtime ??= LAZY_PARTS.termbase());
}

export interface TermMarks {
  /** The article view's plugins: the marks. */
  plugins: Plugin[];
  /** What the tooltip shows of a term. */
  describe(term: string): TermDescription | null;
  /** Adds the toolbar buttons, Alt+T and the help rows, and loads the stored termbase. */
  attach(annotator: Annotator): void;
  destroy(): void;
}

/** Runs `work` when the browser is idle (soon, where requestIdleCallback is missing). */
function whenIdle(work: () => void): () => void {
  if ('requestIdleCallback' in window) {
    const id = requestIdleCallback(work, { timeout: 3000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 300);
  return () => clearTimeout(id);
}

export function createTermMarks(context: AppContext): TermMarks {
  const { index, notices, repository } = context;
  const toSpans = (matches: TermMatch[]) =>
    matches.map((m) => ({
      term: m.term,
      from: offsetToPos(index, m.start),
      to: offsetToPos(index, m.end),
    }));
  /** Set once the stored termbase is loaded: it then describes the terms. */
  let stored: Awaited<ReturnType<Runtime['openTermbase']>> | null = null;
  let annotator: Annotator | null = null;
  const cleanups: (() => void)[] = [];

  function addTerm(): void {
    if (!annotator) return;
    const { from, to } = annotator.selectedRange();
    const selected = annotator.view.state.doc
      .textBetween(from, to, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (selected === '') {
      notices.status(t('termbase:notice.emptySelection'), 'error');
      return;
    }
    void loadRuntime().then((r) => r.addTermFlow(repository, notices, selected));
  }

  function openDialog(): void {
    void loadRuntime().then((r) => r.openTermbaseDialog(repository, notices));
  }

  const plugins = [glossaryTermsPlugin([])];

  return {
    plugins,
    describe(term) {
      // No term is marked before the termbase is loaded.
      return stored?.describe(term, i18n.language) ?? null;
    },
    attach(a) {
      annotator = a;
      const addButton = h('button', {
        type: 'button',
        id: 'add-term-button',
        'aria-keyshortcuts': 'T',
      });
      // As the tag buttons: a press must not move focus out of the article's selection.
      addButton.addEventListener('mousedown', (e) => e.preventDefault());
      addButton.addEventListener('click', addTerm);
      const openButton = h('button', {
        type: 'button',
        id: 'termbase-button',
        'aria-haspopup': 'dialog',
        'aria-keyshortcuts': 'Alt+T',
      });
      openButton.addEventListener('click', openDialog);
      a.toolbar.extra.append(addButton, openButton);
      cleanups.push(
        followLanguage(() => {
          addButton.textContent = t('termbase:toolbar.addTerm');
          addButton.title = t('termbase:toolbar.addTermTitle');
          openButton.textContent = t('termbase:toolbar.open');
          openButton.title = t('termbase:toolbar.openTitle');
        }),
      );
      // T and Alt+T: commands of the screen's table (ui/annotate/annotate-keys.ts).
      cleanups.push(a.provide({ addTerm, termbase: openDialog }));

      // The stored termbase, after the screen is up: its terms replace the shipped marks.
      let destroyed = false;
      cleanups.push(() => (destroyed = true));
      cleanups.push(
        whenIdle(() => {
          void loadRuntime().then(async (r) => {
            const opened = await r.openTermbase(repository, notices);
            if (destroyed || !opened) return;
            stored = opened;
            cleanups.push(
              opened.subscribe((finder) => {
                const view = a.view;
                view.dispatch(setTerms(view.state.tr, toSpans(finder(index.text))));
              }),
            );
          });
        }),
      );
    },
    destroy() {
      for (const c of cleanups.splice(0)) c();
    },
  };
}
