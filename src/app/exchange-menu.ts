/**
 * Export and import on the annotate screen (issue 5): two toolbar controls,
 * their shortcuts, and the panel of orphaned annotations.
 *
 * - Export (Alt+E) opens a dialog: W3C JSON-LD of this article or of all
 *   articles, Glossa JSON of this article or of all (a backup, with glosses
 *   and reviews), JSONL spans of this article — each downloaded or copied.
 * - Import (Alt+I, or the file input) reads a .json/.jsonld file. Reading,
 *   parsing and planning (anchoring every record in the current text) run
 *   in a worker (ui/exchange/import-client.ts), so a 50 MB file does not
 *   freeze the page; its progress messages feed a progress bar. The report
 *   names each bad record and why; what the person accepts is written with
 *   ONE `session.applyDurably()` transaction — all or nothing.
 * - Annotations the import could not place are kept as orphans and listed
 *   in the aside, each re-attachable to the text selected in the article.
 *
 * Formats and rules live in src/exchange (pure); this module only wires
 * them to the session, the storage and the dialogs in src/ui/exchange.
 */
import type { AppContext } from './context';
import { selectionSpan } from '../editor/selection-span';
import { now, type Annotation } from '../model/annotation';
import { drawableLimit } from '../model/highlight-stacks';
import { type Article } from '../model/article';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import type { Relation } from '../model/factcheck';
import { TAB_CHANNEL, type FactcheckCommitted } from '../model/tab-messages';
import { annotationChange } from '../session/article-session';
import type { Change } from '../store/repository';
import { TaskBudget } from '../dom/next-task';

/** The serialisers, loaded on the first export: most sessions never export. */
const serializers = () =>
  Promise.all([
    import('../exchange/w3c'),
    import('../exchange/native'),
    import('../exchange/jsonl'),
    import('../exchange/hypothesis'),
    import('../exchange/nlp/brat'),
  ]).then(([w3c, native, jsonl, hypothesis, brat]) => ({
    ...w3c,
    ...native,
    ...jsonl,
    ...hypothesis,
    ...brat,
  }));
import type { OnExisting } from '../exchange/import-plan';
import type { TagChoice } from '../exchange/tag-map';
import { followLanguage, t } from '../i18n/i18n';
import { h } from '../dom/h';
import type { Feature, FeatureAction } from '../ui/annotate/annotate-keys';
import { fileSafe } from '../ui/download';
import { reasonOf } from '../ui/error-reason';
import { showExportDialog, type ExportFormat } from '../ui/exchange/export-dialog';
import type { ImportDialog, ImportReport } from '../ui/exchange/import-dialog';
import type { ImportOutcome, ProgressListener } from '../exchange/import-client';

/** The import dialog and its worker client, loaded when a file is first picked. */
const importModules = () =>
  Promise.all([import('../ui/exchange/import-dialog'), import('../exchange/import-client')]).then(
    ([dialog, client]) => ({ ...dialog, ...client }),
  );
import { createOrphansPanel } from '../ui/exchange/orphans-panel';

/** What the annotate screen gives the menu. */
export interface ExchangeMenuHooks {
  /** Opens an annotation in the details panel (null closes it): `annotator.select`. */
  select(id: string | null): void;
  /**
   * The range selected in the article, as ProseMirror positions, or null
   * when the selection is empty: the text an orphan is re-attached to.
   */
  selection(): { from: number; to: number } | null;
  /** Provides Alt+E and Alt+I to the screen's commands (`annotator.provide`), when given. */
  provide?(actions: Partial<Record<Feature, FeatureAction>>): () => void;
}

/** Where the tag mapping of a source is remembered (localStorage). */
const TAG_MAP_KEY = 'glossa:tag-map:';

/** The mapping remembered for a source; whatever is malformed in storage is dropped. */
function recalledTagMap(source: string): Record<string, TagChoice> {
  try {
    const raw = localStorage.getItem(TAG_MAP_KEY + source);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as unknown;
    const map: Record<string, TagChoice> = {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return map;
    for (const [tag, choice] of Object.entries(parsed as Record<string, unknown>)) {
      if (choice === 'claim' || choice === 'quote' || choice === 'event' || choice === 'skip')
        map[tag] = choice;
    }
    return map;
  } catch {
    return {};
  }
}

function rememberTagMap(source: string, map: Record<string, TagChoice>): void {
  try {
    localStorage.setItem(TAG_MAP_KEY + source, JSON.stringify(map));
  } catch {
    // Storage full or refused: the mapping still applies to this import.
  }
}

/** The part of an article the exchange formats carry (not the library's bookkeeping). */
function plainArticle(a: Article): Article {
  const article: Article = { id: a.id, title: a.title, lang: a.lang, blocks: a.blocks };
  if (a.source !== undefined) article.source = a.source;
  if (a.origin !== undefined) article.origin = a.origin;
  return article;
}

/**
 * Tells the fact-check service of this tab (and other tabs) that relations
 * were written, as its own writes are announced: it re-reads them and the
 * details panel shows the links. Relations are library records, outside the
 * article session's history; this tab's service puts the import's links on
 * its own history at the import's time (ArticleSession.onLibraryCommitted),
 * so one Ctrl+Z takes back the spans and their links.
 */
function announceRelations(relations: readonly Relation[]): void {
  if (!('BroadcastChannel' in globalThis)) return;
  const channel = new BroadcastChannel(TAB_CHANNEL);
  channel.postMessage({
    type: 'factcheck-committed',
    tab: 'import',
    entities: [],
    relations: relations.map((r) => r.id),
  } satisfies FactcheckCommitted);
  channel.close();
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Mounts the export and import controls in `host` (the annotator toolbar's
 * `extra` slot), their shortcuts, and the orphans panel in the aside.
 */
export function attachExchangeMenu(
  context: AppContext,
  host: HTMLElement,
  hooks: ExchangeMenuHooks,
): { destroy(): void } {
  const { session, repository, notices, layout, index } = context;
  const article = plainArticle(session.article);

  // ---- toolbar controls

  const exportButton = h('button', {
    type: 'button',
    id: 'export-button',
    'aria-haspopup': 'dialog',
    'aria-keyshortcuts': 'Alt+E',
  });
  const fileInput = h('input', {
    type: 'file',
    id: 'import-file',
    class: 'visually-hidden',
    // brat is an .ann with its .txt: both may be picked at once.
    accept: '.json,.jsonld,.jsonl,.ndjson,.ann,.txt,application/json,application/ld+json',
    multiple: true,
    'aria-keyshortcuts': 'Alt+I',
  });
  const importText = h('span', {});
  const importLabel = h('label', { class: 'exchange-import', for: 'import-file' }, importText);
  // The input comes first: its focus ring is drawn on the label that follows it (exchange.css).
  const group = h(
    'div',
    { class: 'exchange-menu', role: 'group' },
    exportButton,
    fileInput,
    importLabel,
  );
  host.append(group);

  exportButton.addEventListener('click', openExport);
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    // Cleared at once, so that picking the same file again starts a new import.
    fileInput.value = '';
    // brat: the .ann is the file, the .txt of the same name (or the only one) its text.
    const ann = files.find((f) => f.name.toLowerCase().endsWith('.ann'));
    const txts = files.filter((f) => f.name.toLowerCase().endsWith('.txt'));
    if (ann) {
      const stem = ann.name.replace(/\.ann$/i, '');
      const txt = txts.find((f) => f.name.replace(/\.txt$/i, '') === stem) ?? txts[0];
      startImport(ann, txt);
    } else if (files[0]) startImport(files[0]);
  });

  // Alt+E and Alt+I: commands of the screen's table (ui/annotate/annotate-keys.ts),
  // which also keeps them from Option's accents in fields on Apple platforms.
  // The command taking the key also keeps Chromium's Alt+E (its menu on
  // Linux and Windows) from opening.
  const withdraw = hooks.provide?.({ export: openExport, import: () => fileInput.click() });

  // ---- export

  let exportDialog: HTMLDialogElement | null = null;

  /** This article with its records as they are in memory (unsaved changes included). */
  function currentEntry() {
    return {
      article,
      annotations: [...session.annotations.values()],
      reviews: [...session.reviews.values()],
      glosses: [...session.glosses.values()],
    };
  }

  /** Every stored article with its records; this article as in memory. */
  async function allEntries(): Promise<ReturnType<typeof currentEntry>[]> {
    if (!repository) return [currentEntry()];
    const articles = await repository.listArticles();
    const entries = await Promise.all(
      articles.map(async (a) =>
        a.id === article.id
          ? currentEntry()
          : { article: plainArticle(a), ...(await repository.loadArticleRecords(a.id)) },
      ),
    );
    if (!articles.some((a) => a.id === article.id)) entries.unshift(currentEntry());
    return entries;
  }

  function exportFormats(): ExportFormat[] {
    const base = fileSafe(article.id);
    // No `language` for notes: the interface language is not the note's (issue 14).
    const options = {};
    return [
      {
        key: 'w3c',
        fileName: `${base}.annotations.jsonld`,
        type: 'application/ld+json',
        build: async () => {
          const e = currentEntry();
          const { toW3C } = await serializers();
          return json(toW3C(e.article, e.annotations, e.reviews, options));
        },
      },
      {
        key: 'w3cAll',
        fileName: 'glossa-all.annotations.jsonld',
        type: 'application/ld+json',
        build: async () => json((await serializers()).toW3CAll(await allEntries(), options)),
      },
      {
        key: 'native',
        fileName: `${base}.glossa.json`,
        type: 'application/json',
        build: async () => json((await serializers()).toNative([currentEntry()])),
      },
      {
        key: 'nativeAll',
        fileName: 'glossa-backup.glossa.json',
        type: 'application/json',
        // Everything: every article with its versions, the TM and the termbase (app/backup.ts).
        build: async () => json(await (await import('./backup')).buildBackup(context)),
      },
      {
        key: 'jsonl',
        fileName: `${base}.spans.jsonl`,
        type: 'application/x-ndjson',
        build: async () => (await serializers()).toJsonl([currentEntry()]),
      },
      {
        key: 'hypothesis',
        fileName: `${base}.hypothesis.json`,
        type: 'application/json',
        build: async () => {
          const e = currentEntry();
          return json((await serializers()).toHypothesis(e.article, e.annotations));
        },
      },
      {
        key: 'doccano',
        fileName: `${base}.doccano.jsonl`,
        type: 'application/x-ndjson',
        build: async () => (await serializers()).toDoccano([currentEntry()]),
      },
      {
        key: 'bratAnn',
        fileName: `${base}.ann`,
        type: 'text/plain',
        build: async () => {
          const e = currentEntry();
          // The article's links between its spans, as R lines (read on demand: not in the start chunk).
          const relations = repository
            ? await (
                await import('../store/factcheck-store')
              ).loadRelationsOf(repository.database, e.article.id)
            : [];
          return (await serializers()).toBratAnn(e.article, e.annotations, relations);
        },
      },
      {
        key: 'bratTxt',
        fileName: `${base}.txt`,
        type: 'text/plain',
        build: async () => (await serializers()).toBratTxt(article),
      },
    ];
  }

  function openExport(): void {
    if (exportDialog?.open) return;
    exportDialog = showExportDialog({
      formats: exportFormats(),
      ...(repository ? {} : { note: t('exchange:export.onlyThisArticle') }),
      report: (text, tone) => notices.status(text, tone),
    });
  }

  // ---- import

  /** The import under way, if any: one at a time. */
  let importing: { dialog: ImportDialog; stop(): void } | null = null;

  /** A file picked while the import modules load: one import at a time. */
  let loading = false;

  function startImport(file: File, companion?: File): void {
    if (importing || loading) return;
    loading = true;
    importModules()
      .then((modules) => {
        loading = false;
        runImport(modules, file, companion);
      })
      .catch((error: unknown) => {
        loading = false;
        notices.status(t('exchange:import.workerFailed', { reason: reasonOf(error) }), 'error');
      });
  }

  function runImport(
    { showImportDialog, createImportClient }: Awaited<ReturnType<typeof importModules>>,
    file: File,
    companion?: File,
  ): void {
    if (importing) return;
    let mode: OnExisting = 'skip';
    let closed = false;
    const client = createImportClient();
    /** Plans already made, per choice for ids already present. */
    const outcomes = new Map<OnExisting, ImportOutcome>();

    const stop = () => {
      closed = true;
      client.terminate();
      importing = null;
    };
    /** The tag mapping in force, and the source it is remembered for (known once the file is read). */
    let tagMap: Record<string, TagChoice> = {};
    let source: string | null = null;
    const dialog = showImportDialog({
      fileName: file.name,
      onExistingChange: (next) => {
        mode = next;
        void show();
      },
      onTagMap: (map) => {
        tagMap = map;
        if (source) rememberTagMap(source, map);
        outcomes.clear();
        void show();
      },
      import: (which) => void apply(which),
      cancel: stop,
    });
    importing = { dialog, stop };

    /** Shows the plan for the current choice, asking the worker for it when it is not known yet. */
    async function show(first = false): Promise<void> {
      const wanted = mode;
      const known = outcomes.get(wanted);
      if (known) return dialog.report(report(known, wanted));
      dialog.progress(first ? 'read' : 'plan');
      const existing = [...session.annotations.values()];
      const progress: ProgressListener = (phase, done, total) => {
        if (!closed && mode === wanted) dialog.progress(phase, done, total);
      };
      let outcome: ImportOutcome;
      try {
        outcome = first
          ? await client.open(file, article, existing, wanted, progress, companion)
          : await client.plan(existing, wanted, progress, tagMap);
        // A mapping remembered for this source applies at once (and is shown, to change).
        const remembered = first ? recalledTagMap(outcome.source) : {};
        source = outcome.source;
        if (first && Object.keys(remembered).length > 0 && outcome.tags.length > 0) {
          tagMap = remembered;
          outcome = await client.plan(existing, wanted, progress, tagMap);
        }
      } catch (error) {
        if (!closed) dialog.message(t('exchange:import.workerFailed', { reason: reasonOf(error) }));
        return;
      }
      if (closed) return;
      outcomes.set(wanted, outcome);
      if (mode === wanted) dialog.report(report(outcome, wanted));
      if (first && outcome.otherArticles > 0) {
        dialog.offer(
          t('exchange:backup.otherArticles', { count: outcome.otherArticles }),
          t('exchange:backup.restoreAll'),
          () => {
            stop();
            dialog.close();
            void import('./backup').then((m) => m.restoreBackup(context, file));
          },
        );
      }
    }

    /** The file's glosses of this article to write: with Skip, not over the ones here. */
    function glossesOf(outcome: ImportOutcome, onExisting: OnExisting): UserGloss[] {
      return onExisting === 'skip'
        ? outcome.glosses.filter((g) => !session.glosses.has(g.key))
        : outcome.glosses;
    }

    /** What drawing the article's annotations after this import would do (the worker's check). */
    function drawableAfter(outcome: ImportOutcome): ImportReport['drawable'] {
      const d = outcome.drawable;
      const limit = drawableLimit();
      // Said before writing when some would not be drawn at all, or more lie on
      // one span than can be drawn one by one (they become one highlight with a count).
      return d.exceeds || d.largestStack > limit
        ? { folded: d.folded, largestStack: d.largestStack, limit }
        : undefined;
    }

    function report(outcome: ImportOutcome, onExisting: OnExisting): ImportReport {
      const errors = outcome.problems.filter((x) => x.severity === 'error').length;
      const drawable = drawableAfter(outcome);
      return {
        ...(drawable ? { drawable } : {}),
        format: outcome.format,
        counts: {
          records: outcome.records,
          anchored: outcome.anchored,
          moved: outcome.moved,
          orphaned: outcome.orphaned,
          skipped: outcome.skipped,
          replaced: outcome.replaced.length,
          errors,
          warnings: outcome.problems.length - errors,
          reviews: outcome.reviews.length,
          glosses: glossesOf(outcome, onExisting).length,
          links: outcome.relations.length,
        },
        glossesOtherText: outcome.glossesOtherText,
        problems: outcome.problems,
        conflicts: outcome.skipped + outcome.replaced.length,
        onExisting,
        tags: outcome.tags,
        tagMap,
        source: outcome.source,
      };
    }

    async function apply(which: 'all' | 'valid'): Promise<void> {
      const outcome = outcomes.get(mode);
      if (!outcome || closed) return;
      const hasErrors = outcome.problems.some((x) => x.severity === 'error');
      if (which === 'all' && hasErrors) return;
      dialog.busy(true);
      // The change is made a slice at a time (100,000 annotations in one task held the page).
      const slices = new TaskBudget();
      const replaced = new Set(outcome.replaced);
      const annotations = new Map<string, Annotation | null>();
      let meanwhile = false;
      for (const a of outcome.toWrite) {
        // Planned as new but written meanwhile (another tab): plan again rather than overwrite.
        if (session.annotations.has(a.id) && !replaced.has(a.id)) {
          meanwhile = true;
          break;
        }
        annotations.set(a.id, a);
        if (slices.due()) await slices.next();
      }
      if (closed) return;
      if (meanwhile) {
        dialog.busy(false);
        outcomes.clear();
        dialog.message(t('exchange:import.changedMeanwhile'), 'info');
        return show();
      }
      const change: Change = { annotations };
      if (outcome.reviews.length > 0) {
        change.reviews = new Map<string, Review | null>(
          outcome.reviews.map((r) => [r.annotationId, r]),
        );
      }
      const glosses = glossesOf(outcome, mode);
      if (glosses.length > 0) {
        change.glosses = new Map<string, UserGloss | null>(glosses.map((g) => [g.key, g]));
      }
      try {
        // One transaction: every record or none; memory and views follow only once it has committed.
        // The links (brat R lines) go in the same transaction as the spans they join.
        const relations = new Map<string, Relation | null>(outcome.relations.map((r) => [r.id, r]));
        await session.applyDurably(change, { relations });
      } catch (error) {
        if (closed) return;
        dialog.busy(false);
        dialog.message(t('exchange:import.failed', { reason: reasonOf(error) }));
        return;
      }
      if (outcome.relations.length > 0) announceRelations(outcome.relations);
      stop();
      dialog.close();
      notices.status(t('exchange:import.done', { count: outcome.toWrite.length }));
      if (outcome.orphaned > 0) orphansPanel.focus();
    }

    void show(true);
  }

  // ---- orphans

  function reattach(id: string): void {
    const current = session.annotations.get(id);
    if (!current?.orphaned) return;
    const range = hooks.selection();
    const span = range ? selectionSpan(index, range.from, range.to) : { refused: 'empty' as const };
    if ('refused' in span) {
      const why = span.refused === 'empty' ? 'noSelection' : 'onlyWhitespace';
      notices.status(t(`exchange:orphans.${why}`), 'error');
      return;
    }
    const next: Annotation = { ...current, ...span, modified: now() };
    delete next.orphaned;
    session.apply(annotationChange(id, next));
    hooks.select(id);
    // The last orphan's row (and the panel) went away with the focus: back to the article.
    if (!document.activeElement || document.activeElement === document.body) {
      document.getElementById('article-text')?.focus();
    }
    notices.status(t('exchange:orphans.reattached'));
  }

  const orphans = new Map<string, Annotation>();
  for (const a of session.annotations.values()) if (a.orphaned) orphans.set(a.id, a);
  const orphansPanel = createOrphansPanel(layout.aside, {
    lang: article.lang,
    reattach,
    open: (id) => hooks.select(id),
  });
  orphansPanel.setOrphans(orphans.values());

  const unsubscribe = session.subscribe(({ change }) => {
    let touched = false;
    for (const [id, value] of change.annotations ?? []) {
      if (value?.orphaned) {
        orphans.set(id, value);
        touched = true;
      } else if (orphans.delete(id)) touched = true;
    }
    if (touched) orphansPanel.setOrphans(orphans.values());
  });

  // ---- language

  function translate(): void {
    group.setAttribute('aria-label', t('exchange:menu.label'));
    exportButton.textContent = t('exchange:menu.export');
    exportButton.title = t('exchange:menu.exportTitle');
    importText.textContent = t('exchange:menu.import');
    importLabel.title = t('exchange:menu.importTitle');
    orphansPanel.translate();
  }
  const stopTranslating = followLanguage(translate);

  return {
    destroy() {
      stopTranslating();
      withdraw?.();
      unsubscribe();
      if (importing) {
        const { dialog, stop } = importing;
        stop();
        dialog.close();
      }
      exportDialog?.close();
      orphansPanel.destroy();
      group.remove();
    },
  };
}
