/**
 * The annotate screen: the annotator, plus what reading across two languages
 * adds to it — the gloss panel, bilingual mode, and the termbase's terms and tooltips.
 */
import type { EditorView } from 'prosemirror-view';
import type { AppContext, Screen } from './context';
import { createAnnotator } from './annotator';
import { createTermMarks } from './termbase-menu';
import { now } from '../model/annotation';
import { glossKey, type UserGloss } from '../model/gloss';
import { rememberGlossLanguage } from '../glosses/gloss-source';
import { sentenceAt, sentencesInSpan, type Sentence } from '../glosses/sentences';
import { bilingualNodeViews, type BlockGloss } from '../editor/bilingual';
import { posToOffset } from '../editor/positions';
import { createGlossPanel } from '../ui/gloss-panel';
import { termTooltip } from '../ui/term-tooltip';
import { followLanguage, t } from '../i18n/i18n';
import { LAZY_PARTS, withStringsOf } from './lazy-parts';
import { h } from '../dom/h';
import { afterPaint } from '../dom/after-paint';
import type { MtAttachment } from '../ui/mt/attach';
import type { GlossMeta, TmWiring } from './annotate-tm';
import type { FactcheckAttachment } from '../ui/factcheck/attach';
import { BILINGUAL_KEY } from '../ui/static-article';

/** Where a gloss the person did not type came from: the memory, or a machine (never checked by it). */
type GlossMark = GlossMeta | { origin: 'machine'; checked: boolean };

function storedBilingual(): boolean {
  try {
    return localStorage.getItem(BILINGUAL_KEY) === 'on';
  } catch {
    return false;
  }
}

export function createAnnotateScreen(context: AppContext): Screen {
  const { layout, session, notices, glosses, sentences, index } = context;
  const article = session.article;

  // ---- termbase: its terms marked in the article, T / Alt+T (termbase-menu.ts)
  const termMarks = createTermMarks(context);
  // The term tooltip is a plugin of the article's view (its PluginView lives and dies with it).
  const tooltip = termTooltip((term) => termMarks.describe(term));
  const annotator = createAnnotator(
    layout,
    session,
    index,
    notices,
    [...termMarks.plugins, tooltip.plugin],
    context.staticArticle,
  );
  const { view } = annotator;
  // Export, import, bilingual, machine translation: atop the side column, or
  // in the compact menu (ui/layout.ts), so the header stays one row.
  layout.tools.append(annotator.toolbar.extra);
  // Export and import load after the first frame (issue 20: the article is shown without them),
  // into a slot that keeps their place first in the tools. Alt+E / Alt+I pressed before they
  // arrive are held by the commands table and run when they do (annotator.expect).
  const firstFrame = new Promise<void>((resolve) => afterPaint(resolve).schedule());
  const exchangeSlot = h('span', { class: 'exchange-slot' });
  annotator.toolbar.extra.append(exchangeSlot);
  let exchange: { destroy(): void } | null = null;
  let exchangeDestroyed = false;
  const exchangeExpected = annotator.expect(['export', 'import']);
  void firstFrame
    .then(LAZY_PARTS.exchangeMenu)
    .then(({ attachExchangeMenu }) => {
      if (exchangeDestroyed) return;
      exchange = attachExchangeMenu(context, exchangeSlot, {
        select: (id) => annotator.select(id),
        selection: () => {
          const range = annotator.selectedRange();
          return range.from === range.to ? null : range;
        },
        provide: (actions) => annotator.provide(actions),
      });
    })
    .finally(exchangeExpected);
  termMarks.attach(annotator);

  // ---- gloss panel: the sentence at the cursor, or the selected annotation's sentences

  let selectedId: string | null = null;
  const panel = createGlossPanel(layout.aside, {
    glosses,
    write: (sentence, text) => writeGloss(sentence, text),
    setLanguage: (lang) => {
      glosses.language = lang;
      rememberGlossLanguage(lang);
      panel.refresh();
      applyBilingual();
    },
    userGloss: (sentence) => session.glosses.get(glossKey(article.id, sentence.id)),
    markChecked: (sentence) => tm?.markChecked(sentence),
    extra: (sentence) => tm?.extra(sentence) ?? null,
  });

  function sentenceNear(offset: number): Sentence | undefined {
    const all = sentences();
    const within = sentenceAt(all, offset);
    if (within) return within;
    for (let i = all.length - 1; i >= 0; i--) if (all[i]!.start <= offset) return all[i];
    return undefined;
  }

  /** The sentences the gloss panel shows now. */
  let shownSentences: Sentence[] = [];

  function showGlosses(v: EditorView = view): void {
    const a = selectedId ? session.annotations.get(selectedId) : undefined;
    if (a && !a.orphaned) {
      shownSentences = sentencesInSpan(sentences(), a.start, a.end);
      panel.show(shownSentences, true);
    } else {
      const s = sentenceNear(posToOffset(index, v.state.selection.head));
      shownSentences = s ? [s] : [];
      panel.show(shownSentences, false);
    }
    tm?.lookup();
  }

  /**
   * Writes a gloss (null: back to the shipped one). Without `meta` the
   * person typed it; with it, it came from the translation memory.
   */
  function writeGloss(sentence: Sentence, text: string | null, meta?: GlossMark): void {
    const key = glossKey(article.id, sentence.id);
    const record: UserGloss | null =
      text === null
        ? null
        : {
            key,
            articleId: article.id,
            sentenceId: sentence.id,
            lang: glosses.language,
            text,
            modified: now(),
            ...(meta ?? { origin: 'user', checked: true }),
          };
    session.apply({ glosses: new Map([[key, record]]) });
    // What a person typed, and a machine's output (marked so), enter the memory.
    if (text !== null && !meta) void loadTm().then((w) => w.remember(sentence, text));
    if (text !== null && meta?.origin === 'machine')
      void loadTm().then((w) => w.remember(sentence, text, 'machine'));
    if (!meta) notices.status(t(text === null ? 'gloss.reverted' : 'gloss.saved'));
  }

  // ---- translation memory (annotate-tm.ts, loaded after the first frame or on first use)

  let tm: TmWiring | null = null;
  let destroyed = false;
  let tmLoading: Promise<TmWiring> | null = null;
  function loadTm(): Promise<TmWiring> {
    tmLoading ??= import('./annotate-tm').then((m) => {
      tm = m.attachTm({
        context,
        write: (sentence, text, meta) => writeGloss(sentence, text, meta),
        shown: () => shownSentences,
        refreshPanel: () => destroyed || panel.refresh(),
        refreshBilingual: () => destroyed || (bilingual && applyBilingual()),
        bilingual: () => bilingual,
      });
      tm.lookup();
      if (bilingual) tm.lookupAll();
      return tm;
    });
    return tmLoading;
  }
  const tmButton = h('button', {
    type: 'button',
    id: 'tm-open',
    class: 'secondary',
    'aria-keyshortcuts': 'Alt+M',
  });
  // The dialog shows exchange strings (file import), loaded after the first frame.
  const openTmDialog = () => void withStringsOf(loadTm).then((w) => w.openDialog());
  tmButton.addEventListener('click', openTmDialog);
  annotator.toolbar.extra.append(tmButton);
  // Alt+M, Alt+Y, Alt+B: commands of the screen's table (ui/annotate/annotate-keys.ts).
  const withdraw = annotator.provide({
    // Escape: the screen's one key handler hides the term tooltip.
    dismiss: () => tooltip.dismiss(),
    tm: openTmDialog,
    tmAccept: () => void loadTm().then((w) => w.acceptBest()),
    bilingual: () => setBilingual(!bilingual),
  });
  const firstTm = afterPaint(() => void loadTm());

  annotator.onViewUpdate((v) => {
    if (!selectedId) showGlosses(v);
  });
  annotator.onSelect((id) => {
    selectedId = id;
    showGlosses();
  });

  // ---- bilingual mode

  let bilingual = storedBilingual();
  const toggle = h('button', {
    type: 'button',
    id: 'bilingual-toggle',
    'aria-keyshortcuts': 'Alt+B',
    'aria-pressed': String(bilingual),
  });
  toggle.addEventListener('click', () => setBilingual(!bilingual));
  annotator.toolbar.extra.append(toggle);

  function blockGloss(blockIndex: number): BlockGloss {
    const inBlock = sentences().filter((s) => s.block === blockIndex);
    const parts = inBlock.map((s) => glosses.glossOf(s));
    const missing = parts.some((g) => g === null);
    // A sentence without a gloss shows its best translation-memory match, marked with its percentage.
    const text = parts
      .map((g, i) => g?.text ?? tm?.bilingualText(inBlock[i]!) ?? `[${t('gloss.missing')}]`)
      .join(' ');
    return { text: text || `[${t('gloss.missing')}]`, incomplete: missing };
  }

  function applyBilingual(): void {
    // A new nodeViews object makes ProseMirror redraw every block.
    view.setProps({ nodeViews: bilingual ? bilingualNodeViews(blockGloss) : {} });
    layout.article.classList.toggle('is-bilingual', bilingual);
    toggle.setAttribute('aria-pressed', String(bilingual));
  }

  function setBilingual(on: boolean): void {
    bilingual = on;
    if (on) tm?.lookupAll();
    try {
      localStorage.setItem(BILINGUAL_KEY, on ? 'on' : 'off');
    } catch {
      // Not remembered, but switched.
    }
    applyBilingual();
  }

  // ---- machine translation (optional, off until configured; src/ui/mt): its code and
  // strings load here with import(), so they cost the start-up nothing. Until the gloss
  // panel hosts the action, it follows the sentences the panel shows (its onShow event;
  // those shown before it loaded are read from the panel when it arrives).
  let mt: MtAttachment | null = null;
  let mtDestroyed = false;
  const stopMtShow = panel.onShow((shown) => mt?.show(shown));
  // After the first frame, like export and import; Alt+Shift+M meanwhile is held till it arrives.
  const mtExpected = annotator.expect(['machineTranslate']);
  void firstFrame
    .then(LAZY_PARTS.machineTranslation)
    .then(async ({ attachMachineTranslation, loadMtStrings }) => {
      await loadMtStrings();
      if (mtDestroyed) return;
      mt = attachMachineTranslation({
        toolbar: annotator.toolbar.extra,
        aside: layout.aside,
        glosses,
        stored: (s) => session.glosses.get(glossKey(article.id, s.id)),
        write: (s, text, mark) => writeGloss(s, text, mark),
        status: (text, tone) => notices.status(text, tone),
        provide: (actions) => annotator.provide(actions),
        onGlossesChanged: (listener) =>
          session.subscribe(({ change }) => void (change.glosses?.size && listener())),
      });
      mt.show(panel.shown());
    })
    .finally(mtExpected);

  // ---- fact-checking (src/ui/factcheck): entities, relations, verdicts, dates, ClaimReview.
  // Loaded with import() like machine translation, so it costs the start-up nothing.
  let factcheck: FactcheckAttachment | null = null;
  let factcheckDestroyed = false;
  // L and Alt+K meanwhile are held till it arrives.
  const factcheckExpected = annotator.expect(['link', 'factcheck']);
  void firstFrame
    .then(LAZY_PARTS.factcheck)
    .then(({ attachFactcheck }) =>
      attachFactcheck({
        session,
        repository: context.repository,
        view,
        details: annotator.details,
        detailsElement: layout.details,
        toolbar: annotator.toolbar.extra,
        selected: () => selectedId,
        select: (id) => annotator.select(id, { scroll: true }),
        onSelect: (l) => annotator.onSelect(l),
        onRemove: (l) => annotator.onRemove(l),
        edit: (id, patch, group) => annotator.edit(id, patch, group),
        addUndoSource: (source) => annotator.addUndoSource(source),
        refreshToolbar: () => annotator.refreshToolbar(),
        provide: (actions) => annotator.provide(actions),
        status: (text, tone) => notices.status(text, tone),
      }),
    )
    .then((attached) => {
      if (factcheckDestroyed) attached.destroy();
      else factcheck = attached;
    })
    .catch((error: unknown) => console.error('fact-checking did not load', error))
    .finally(factcheckExpected);

  const unsubscribe = session.subscribe(({ change }) => {
    if (!change.glosses?.size) return;
    panel.refresh();
    if (bilingual) applyBilingual();
  });

  function translate(): void {
    toggle.textContent = t('gloss.bilingual');
    toggle.title = t('gloss.bilingualTitle');
    tmButton.textContent = t('tm:dialog.open');
    tmButton.title = t('tm:dialog.openTitle');
    // The gloss panel follows the language itself.
    if (bilingual) applyBilingual();
  }
  const stopTranslating = followLanguage(translate);
  if (bilingual) applyBilingual();
  // The gloss panel is filled after the first frame, like the other panels:
  // it needs the sentences, which are segmented on first use (AppContext).
  const firstGlosses = afterPaint(() => showGlosses());
  firstGlosses.schedule();
  // Opened from a library-search hit (`&annotation=<id>`): that span is selected and shown.
  const wanted = context.route.annotationId;
  const reveal = afterPaint(() => {
    if (wanted && session.annotations.has(wanted)) annotator.select(wanted, { scroll: true });
  });
  if (wanted) reveal.schedule();
  firstTm.schedule();

  return {
    destroy() {
      mtDestroyed = true;
      mtExpected();
      factcheckExpected();
      stopMtShow();
      mt?.destroy();
      factcheckDestroyed = true;
      factcheck?.destroy();
      firstGlosses.cancel();
      reveal.cancel();
      firstTm.cancel();
      destroyed = true;
      withdraw();
      tmButton.remove();
      stopTranslating();
      unsubscribe();
      termMarks.destroy();
      panel.destroy();
      exchangeDestroyed = true;
      exchangeExpected();
      exchange?.destroy();
      annotator.destroy();
      layout.tools.replaceChildren();
    },
  };
}
