/**
 * The gloss panel: the English gloss of the sentence at the cursor, or of
 * every sentence the selected annotation touches, each under its French
 * sentence. A person can write or correct a gloss here (stored, and marked
 * as theirs) and revert to the shipped one.
 */
import type { Sentence } from '../glosses/sentences';
import type { Gloss, GlossSource } from '../glosses/gloss-source';
import type { UserGloss } from '../model/gloss';
import { followLanguage, t } from '../i18n/i18n';
import { h, replaceChildren } from '../dom/h';

export interface GlossPanelOptions {
  glosses: GlossSource;
  /** Store a gloss written by the person; null reverts to the shipped one. */
  write(sentence: Sentence, text: string | null): void;
  setLanguage(lang: string): void;
  /** The stored record of a person's gloss, for where it came from (a TM match) and whether it was checked. */
  userGloss?(sentence: Sentence): UserGloss | undefined;
  /** Marks a gloss taken from the translation memory as checked by a person. */
  markChecked?(sentence: Sentence): void;
  /** More to show under a sentence's gloss (the translation memory's matches), or null. */
  extra?(sentence: Sentence): HTMLElement | null;
}

export interface GlossPanel {
  /** Show these sentences; `forAnnotation` says why they are shown. */
  show(sentences: Sentence[], forAnnotation: boolean): void;
  /** The sentences it shows now. */
  shown(): Sentence[];
  /**
   * Calls `listener` with the sentences it shows, each time they change
   * (machine translation acts on them); returns what stops it.
   */
  onShow(listener: (sentences: Sentence[]) => void): () => void;
  /** Glosses changed (written, reverted, another tab): redraw. */
  refresh(): void;
  /** Redraws in the interface language (it also does so by itself on every change). */
  translate(): void;
  destroy(): void;
}

export function createGlossPanel(container: HTMLElement, options: GlossPanelOptions): GlossPanel {
  const heading = h('h2', { id: 'gloss-heading', class: 'panel-heading' });
  const languageLabel = h('label', { for: 'gloss-language', class: 'visually-hidden' });
  const language = h('select', { id: 'gloss-language' });
  language.addEventListener('change', () => options.setLanguage(language.value));
  const context = h('p', { class: 'gloss-context' });
  const list = h('div', { class: 'gloss-list' });
  const panel = h(
    'section',
    { class: 'gloss-panel panel', id: 'gloss-panel', 'aria-labelledby': 'gloss-heading' },
    h('div', { class: 'panel-head' }, heading, languageLabel, language),
    context,
    list,
  );
  container.append(panel);

  let shown: Sentence[] = [];
  let forAnnotation = false;
  const showListeners = new Set<(sentences: Sentence[]) => void>();
  /** The sentence whose gloss is being edited, kept across redraws. */
  let editing: string | null = null;
  /**
   * What is typed in the open editor, and its message: the panel redraws
   * when a part loaded after the first frame arrives or the language changes,
   * and a redraw must not take back a word the person typed.
   */
  let draft: { text: string; empty: boolean } | null = null;

  function glossBlock(sentence: Sentence): HTMLElement {
    const gloss: Gloss | null = options.glosses.glossOf(sentence);
    const fr = h('p', { class: 'gloss-fr', lang: 'fr' }, sentence.text);
    const item = h('figure', { class: 'gloss-item', 'data-sentence-id': sentence.id }, fr);
    if (editing === sentence.id) {
      item.append(editor(sentence, gloss));
      return item;
    }
    const en = gloss
      ? h('p', { class: 'gloss-en', lang: options.glosses.language }, gloss.text)
      : h('p', { class: 'gloss-en is-missing' }, t('gloss.missing'));
    // A gloss stored for the person may have come from the memory or a
    // machine: it says so, rather than "written by you".
    const from = gloss?.origin === 'user' ? options.userGloss?.(sentence)?.origin : undefined;
    const badge =
      gloss && from !== 'tm'
        ? h(
            'span',
            { class: `gloss-origin origin-${from === 'machine' ? 'machine' : gloss.origin}` },
            t(
              from === 'machine'
                ? 'gloss.machine'
                : gloss.origin === 'user'
                  ? 'gloss.userWritten'
                  : 'gloss.shipped',
            ),
          )
        : null;
    const edit = h(
      'button',
      { type: 'button', class: 'secondary gloss-edit' },
      t(gloss ? 'gloss.edit' : 'gloss.write'),
    );
    edit.addEventListener('click', () => {
      editing = sentence.id;
      draft = null;
      render();
      list.querySelector('textarea')?.focus();
    });
    const actions = h(
      'div',
      { class: 'gloss-actions' },
      badge,
      ...provenance(sentence, gloss),
      edit,
    );
    if (gloss?.origin === 'user' && options.glosses.shippedGloss(sentence.id) !== null) {
      const revert = h(
        'button',
        { type: 'button', class: 'secondary gloss-revert' },
        t('gloss.revert'),
      );
      revert.addEventListener('click', () => {
        options.write(sentence, null);
        edit.focus();
      });
      actions.append(revert);
    }
    item.append(h('figcaption', {}, en, actions));
    const extra = options.extra?.(sentence);
    if (extra) item.append(extra);
    return item;
  }

  /** For a gloss taken from the translation memory: its match percentage, and whether a person checked it. */
  function provenance(sentence: Sentence, gloss: Gloss | null): HTMLElement[] {
    const record = gloss?.origin === 'user' ? options.userGloss?.(sentence) : undefined;
    if (record?.origin === 'machine')
      return [
        h(
          'span',
          { class: record.checked ? 'gloss-checked' : 'gloss-unchecked' },
          t(record.checked ? 'tm:gloss.checked' : 'tm:gloss.unchecked'),
        ),
      ];
    if (record?.origin !== 'tm') return [];
    const out: HTMLElement[] = [
      h(
        'span',
        { class: 'gloss-origin origin-tm' },
        t('tm:gloss.fromTm', { percent: record.matchPercent ?? 0 }),
      ),
    ];
    if (record.checked) {
      out.push(h('span', { class: 'gloss-checked' }, t('tm:gloss.checked')));
      return out;
    }
    out.push(h('span', { class: 'gloss-unchecked' }, t('tm:gloss.unchecked')));
    if (options.markChecked) {
      const check = h(
        'button',
        { type: 'button', class: 'secondary gloss-mark-checked' },
        t('tm:gloss.markChecked'),
      );
      check.addEventListener('click', () => options.markChecked?.(sentence));
      out.push(check);
    }
    return out;
  }

  function editor(sentence: Sentence, gloss: Gloss | null): HTMLElement {
    const id = `gloss-edit-${sentence.id}`;
    const label = h(
      'label',
      { for: id, class: 'visually-hidden' },
      t('gloss.editLabel', { sentence: sentence.text }),
    );
    const area = h('textarea', { id, rows: 3, lang: options.glosses.language });
    draft ??= { text: gloss?.text ?? '', empty: false };
    const kept = draft;
    area.value = kept.text;
    area.addEventListener('input', () => (kept.text = area.value));
    const error = h('p', { class: 'gloss-error', role: 'alert' });
    if (kept.empty) error.textContent = t('gloss.empty');
    const save = h('button', { type: 'button', class: 'gloss-save' }, t('gloss.save'));
    const cancel = h('button', { type: 'button', class: 'secondary' }, t('gloss.cancel'));
    const done = (): void => {
      editing = null;
      draft = null;
      render();
      list
        .querySelector<HTMLButtonElement>(`[data-sentence-id="${sentence.id}"] .gloss-edit`)
        ?.focus();
    };
    save.addEventListener('click', () => {
      const text = area.value.trim();
      if (!text) {
        kept.empty = true;
        error.textContent = t('gloss.empty');
        area.focus();
        return;
      }
      editing = null;
      draft = null;
      options.write(sentence, text);
      done();
    });
    cancel.addEventListener('click', done);
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        save.click();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        done();
      }
    });
    return h(
      'div',
      { class: 'gloss-editor' },
      label,
      area,
      error,
      h('div', { class: 'gloss-actions' }, save, cancel),
    );
  }

  function render(): void {
    if (shown.length === 0) {
      context.textContent = '';
      replaceChildren(list, h('p', { class: 'gloss-none' }, t('gloss.noSentence')));
      return;
    }
    context.textContent = t(forAnnotation ? 'gloss.forAnnotation' : 'gloss.atCursor');
    replaceChildren(list, ...shown.map(glossBlock));
  }

  /**
   * A gloss language's name in the interface language: ours from the UI
   * strings; any other from Intl.DisplayNames, which loads ICU's data
   * (several ms), so only when needed.
   */
  function languageName(code: string): string {
    if (code === 'en') return t('gloss.english');
    if (code === 'fr') return t('gloss.french');
    const names = new Intl.DisplayNames([document.documentElement.lang || 'en'], {
      type: 'language',
    });
    return names.of(code) ?? code;
  }

  function translate(): void {
    heading.textContent = t('gloss.heading');
    languageLabel.textContent = t('gloss.language');
    replaceChildren(
      language,
      ...options.glosses
        .availableLanguages()
        .map((l) => h('option', { value: l, lang: l }, languageName(l))),
    );
    language.value = options.glosses.language;
    render();
  }
  // It follows the interface language itself (stopped in destroy): its owner never translates it.
  const stopTranslating = followLanguage(translate);

  return {
    show(sentences, annotation) {
      // Keep an open editor while the person is writing in it.
      if (editing && panel.contains(document.activeElement)) return;
      const same =
        sentences.length === shown.length && sentences.every((s, i) => s.id === shown[i]?.id);
      if (same && annotation === forAnnotation) return;
      shown = sentences;
      forAnnotation = annotation;
      editing = null;
      draft = null;
      render();
      for (const l of showListeners) l(shown);
    },
    shown: () => shown,
    onShow(listener) {
      showListeners.add(listener);
      return () => showListeners.delete(listener);
    },
    refresh: render,
    translate,
    destroy() {
      stopTranslating();
      showListeners.clear();
      panel.remove();
    },
  };
}
