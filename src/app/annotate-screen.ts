/**
 * The annotate screen: the annotator, plus what reading across two languages
 * adds to it — the gloss panel, bilingual mode and glossary tooltips.
 */
import type { EditorView } from 'prosemirror-view';
import type { AppContext, Screen } from './context';
import { createAnnotator } from './annotator';
import { attachExchangeMenu } from './exchange-menu';
import { now } from '../model/annotation';
import { glossKey, type UserGloss } from '../model/gloss';
import { findGlossaryTerms } from '../glosses/glossary';
import { rememberGlossLanguage } from '../glosses/gloss-source';
import { sentenceAt, sentencesInSpan, type Sentence } from '../glosses/sentences';
import { glossaryTermsPlugin } from '../editor/plugins/glossary-terms';
import { bilingualNodeViews, type BlockGloss } from '../editor/bilingual';
import { offsetToPos, posToOffset } from '../editor/positions';
import { createGlossPanel } from '../ui/gloss-panel';
import { attachTermTooltip } from '../ui/term-tooltip';
import { followLanguage, t } from '../i18n/i18n';
import { h } from '../dom/h';
import { afterPaint } from '../dom/after-paint';
import type { MtAttachment } from '../ui/mt/attach';

const BILINGUAL_KEY = 'glossa:bilingual';

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

  const terms = findGlossaryTerms(index.text, Object.keys(glosses.glossary())).map((m) => ({
    term: m.term,
    from: offsetToPos(index, m.start),
    to: offsetToPos(index, m.end),
  }));
  const annotator = createAnnotator(layout, session, index, notices, [glossaryTermsPlugin(terms)]);
  const { view } = annotator;
  // Export, import, bilingual, machine translation: atop the side column, or
  // in the compact menu (ui/layout.ts), so the header stays one row.
  layout.tools.append(annotator.toolbar.extra);
  const exchange = attachExchangeMenu(context, annotator.toolbar.extra, {
    select: (id) => annotator.select(id),
    selection: () => {
      const range = annotator.selectedRange();
      return range.from === range.to ? null : range;
    },
    addHelpRows: (rows) => annotator.addHelpRows(rows),
  });
  const tooltip = attachTermTooltip(view, () => glosses.glossary());

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
  });

  function sentenceNear(offset: number): Sentence | undefined {
    const all = sentences();
    const within = sentenceAt(all, offset);
    if (within) return within;
    for (let i = all.length - 1; i >= 0; i--) if (all[i]!.start <= offset) return all[i];
    return undefined;
  }

  function showGlosses(v: EditorView = view): void {
    const a = selectedId ? session.annotations.get(selectedId) : undefined;
    if (a && !a.orphaned) {
      panel.show(sentencesInSpan(sentences(), a.start, a.end), true);
      return;
    }
    const s = sentenceNear(posToOffset(index, v.state.selection.head));
    panel.show(s ? [s] : [], false);
  }

  function writeGloss(
    sentence: Sentence,
    text: string | null,
    mark?: Pick<UserGloss, 'origin' | 'matchPercent' | 'checked'>,
  ): void {
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
            ...mark,
          };
    session.apply({ glosses: new Map([[key, record]]) });
    notices.status(t(text === null ? 'gloss.reverted' : 'gloss.saved'));
  }

  annotator.onViewUpdate((v) => {
    tooltip.update(v);
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
    const parts = sentences()
      .filter((s) => s.block === blockIndex)
      .map((s) => glosses.glossOf(s));
    const missing = parts.some((g) => g === null);
    const text = parts.map((g) => g?.text ?? `[${t('gloss.missing')}]`).join(' ');
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
    try {
      localStorage.setItem(BILINGUAL_KEY, on ? 'on' : 'off');
    } catch {
      // Not remembered, but switched.
    }
    applyBilingual();
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyB') {
      e.preventDefault();
      setBilingual(!bilingual);
    }
  }
  document.addEventListener('keydown', onKeyDown);
  annotator.addHelpRows(() => [
    ['Alt+B', t('help.bilingual')],
    ['Alt+1 / Alt+2 / Alt+3', t('help.views')],
  ]);

  // ---- machine translation (optional, off until configured; src/ui/mt): its code and
  // strings load here with import(), so they cost the start-up nothing. Until the gloss
  // panel hosts the action, it follows the sentences the panel is shown.
  let mt: MtAttachment | null = null;
  let mtDestroyed = false;
  let mtShown: Sentence[] = [];
  const panelShow = panel.show;
  panel.show = (shown, forAnnotation) => {
    panelShow(shown, forAnnotation);
    mt?.show((mtShown = shown));
  };
  void import('../ui/mt/attach').then(({ attachMachineTranslation }) => {
    if (mtDestroyed) return;
    mt = attachMachineTranslation({
      toolbar: annotator.toolbar.extra,
      aside: layout.aside,
      glosses,
      stored: (s) => session.glosses.get(glossKey(article.id, s.id)),
      write: (s, text, mark) => writeGloss(s, text, mark),
      status: (text, tone) => notices.status(text, tone),
      addHelpRows: (rows) => annotator.addHelpRows(rows),
      onGlossesChanged: (listener) =>
        session.subscribe(({ change }) => void (change.glosses?.size && listener())),
    });
    mt.show(mtShown);
  });

  const unsubscribe = session.subscribe(({ change }) => {
    if (!change.glosses?.size) return;
    panel.refresh();
    if (bilingual) applyBilingual();
  });

  function translate(): void {
    toggle.textContent = t('gloss.bilingual');
    toggle.title = t('gloss.bilingualTitle');
    panel.translate();
    if (bilingual) applyBilingual();
  }
  const stopTranslating = followLanguage(translate);
  if (bilingual) applyBilingual();
  // The gloss panel is filled after the first frame, like the other panels:
  // it needs the sentences, which are segmented on first use (AppContext).
  const firstGlosses = afterPaint(() => showGlosses());
  firstGlosses.schedule();

  return {
    destroy() {
      mtDestroyed = true;
      mt?.destroy();
      firstGlosses.cancel();
      stopTranslating();
      document.removeEventListener('keydown', onKeyDown);
      unsubscribe();
      tooltip.destroy();
      panel.destroy();
      exchange.destroy();
      annotator.destroy();
      layout.tools.replaceChildren();
    },
  };
}
