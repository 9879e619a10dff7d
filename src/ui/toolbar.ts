/**
 * The toolbar: tag buttons (Claim, Quote, Event) with their keys, undo and
 * redo, the save indicator, the interface language and the shortcut list.
 * Extra actions (export, import, views) are added by their own modules.
 *
 * It follows the interface language itself; `destroy()` removes what it
 * added (other modules' buttons in `extra` with it) and stops following.
 */
import { ANNOTATION_KINDS, type AnnotationKind } from '../model/annotation';
import type { SaveState } from '../model/save-state';
import { followLanguage, t } from '../i18n/i18n';
import { tagKey } from './annotate/annotate-keys';
import { h } from '../dom/h';

export interface ToolbarOptions {
  tag(kind: AnnotationKind): void;
  undo(): void;
  redo(): void;
  help(): void;
  retrySave(): void;
}

export interface Toolbar {
  /** Enable or disable buttons from the current state (commands called without dispatch). */
  update(state: { canTag: boolean; canUndo: boolean; canRedo: boolean }): void;
  setSaveState(state: SaveState): void;
  /** A place for other modules' buttons. */
  extra: HTMLElement;
  destroy(): void;
}

export function createToolbar(container: HTMLElement, options: ToolbarOptions): Toolbar {
  const previousRole = container.getAttribute('role');
  container.setAttribute('role', 'toolbar');
  const tagButtons = new Map<AnnotationKind, HTMLButtonElement>();
  const tagGroup = h('div', { class: 'tool-group tag-group', 'data-can-tag': 'false' });
  for (const kind of ANNOTATION_KINDS) {
    const button = h('button', {
      type: 'button',
      class: `tag-button badge-${kind}`,
      'data-tag-kind': kind,
    });
    // mousedown would move focus out of the article and could collapse the selection.
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('click', () => options.tag(kind));
    tagButtons.set(kind, button);
    tagGroup.append(button);
  }
  const undo = h('button', { type: 'button', id: 'undo', 'aria-keyshortcuts': 'Control+Z' });
  const redo = h('button', {
    type: 'button',
    id: 'redo',
    'aria-keyshortcuts': 'Control+Shift+Z Control+Y',
  });
  undo.addEventListener('click', options.undo);
  redo.addEventListener('click', options.redo);
  const saveState = h('span', {
    class: 'save-state',
    id: 'save-state',
    'aria-live': 'polite',
    'data-state': 'saved',
  });
  const retry = h('button', { type: 'button', class: 'secondary', id: 'retry-save' });
  retry.hidden = true;
  retry.addEventListener('click', options.retrySave);
  const help = h('button', { type: 'button', id: 'help-button', 'aria-keyshortcuts': '?' }, '?');
  help.addEventListener('click', options.help);
  const extra = h('div', { class: 'tool-group tool-extra' });
  const groups = [
    tagGroup,
    h('div', { class: 'tool-group' }, undo, redo),
    extra,
    h('div', { class: 'tool-group tool-end' }, saveState, retry, help),
  ];
  container.append(...groups);

  let currentSave: SaveState = 'saved';
  function translate(): void {
    container.setAttribute('aria-label', t('toolbar.label'));
    // The tagging letters follow the language too (annotate-keys.ts): shown on the button.
    for (const [kind, button] of tagButtons) {
      const key = tagKey(kind);
      button.replaceChildren(
        t(`kind.${kind}`),
        ' ',
        h('kbd', { class: 'tag-key', 'aria-hidden': 'true' }, key),
      );
      button.setAttribute('aria-keyshortcuts', key);
      button.title = t('toolbar.tagAs', { kind: t(`kind.${kind}`), key });
    }
    undo.textContent = t('toolbar.undo');
    undo.title = t('toolbar.undoTitle');
    redo.textContent = t('toolbar.redo');
    redo.title = t('toolbar.redoTitle');
    retry.textContent = t('save.retry');
    help.title = t('toolbar.helpTitle');
    help.setAttribute('aria-label', t('toolbar.help'));
    saveState.textContent = t(`save.${currentSave}`);
  }
  const stopTranslating = followLanguage(translate);

  return {
    update({ canTag, canUndo, canRedo }) {
      for (const b of tagButtons.values()) b.setAttribute('aria-disabled', String(!canTag));
      // Compact layouts show the tag buttons beside the text only while some is selected.
      tagGroup.dataset.canTag = String(canTag);
      undo.disabled = !canUndo;
      redo.disabled = !canRedo;
    },
    setSaveState(state) {
      currentSave = state;
      saveState.dataset.state = state;
      saveState.textContent = t(`save.${state}`);
      retry.hidden = state !== 'unsaved';
    },
    extra,
    destroy() {
      stopTranslating();
      for (const g of groups) g.remove();
      if (previousRole === null) container.removeAttribute('role');
      else container.setAttribute('role', previousRole);
      container.removeAttribute('aria-label');
    },
  };
}
