/**
 * Machine translation on the annotate screen, loaded with `import()` the
 * first time the screen opens, so neither its code nor its strings weigh
 * on the start-up: the toolbar's "Machine translation…" button (settings)
 * and the "Machine-translate" action under the gloss panel.
 */
import type { Sentence } from '../../glosses/sentences';
import type { GlossSource } from '../../glosses/gloss-source';
import type { UserGloss } from '../../model/gloss';
import { loadMtSettings, type MtSettings } from '../../mt/settings';
import { followLanguage, t } from '../../i18n/i18n';
import { h } from '../../dom/h';
import { openMtSettings } from './settings-dialog';
import { createMtAction, type MachineMark } from './mt-action';
import type { Feature, FeatureAction } from '../annotate/annotate-keys';

export interface MtAttachOptions {
  /** Where the settings button goes (the toolbar's extra group). */
  toolbar: HTMLElement;
  /** Where the action goes (under the gloss panel). */
  aside: HTMLElement;
  glosses: GlossSource;
  stored(sentence: Sentence): UserGloss | undefined;
  write(sentence: Sentence, text: string, mark: MachineMark): void;
  status(text: string, tone?: 'info' | 'error'): void;
  /** Provides Alt+Shift+M to the screen's commands (annotator.provide). */
  provide(actions: Partial<Record<Feature, FeatureAction>>): () => void;
  /** Calls back when glosses change (written, undone, another tab); returns what stops it. */
  onGlossesChanged(listener: () => void): () => void;
}

export interface MtAttachment {
  show(sentences: Sentence[]): void;
  destroy(): void;
}

/** Its strings must be loaded first (loadMtStrings, ./strings.ts). */
export function attachMachineTranslation(options: MtAttachOptions): MtAttachment {
  const loaded = loadMtSettings();
  let settings: MtSettings = loaded.settings;
  // A stored value that cannot be used is ignored (machine translation stays off), and said once.
  const storedProblem = loaded.problems[0];
  if (storedProblem) {
    console.warn('Glossa: machine-translation settings ignored:', storedProblem);
    options.status(
      t('mt:problem.stored', {
        detail: storedProblem.detail,
      }),
      'error',
    );
  }

  const settingsButton = h('button', { type: 'button', id: 'mt-settings', class: 'secondary' });
  settingsButton.addEventListener('click', () => {
    void openMtSettings(settings).then((saved) => {
      if (!saved) return;
      settings = saved;
      options.status(t(saved.engine === 'none' ? 'mt:settings.off' : 'mt:settings.saved'));
      action.update();
    });
  });
  options.toolbar.append(settingsButton);

  const action = createMtAction(options.aside, {
    settings: () => settings,
    glosses: options.glosses,
    stored: options.stored,
    write: options.write,
    status: options.status,
  });
  const stopListening = options.onGlossesChanged(() => action.update());
  const withdraw = options.provide({ machineTranslate: () => void action.run() });

  const stopTranslating = followLanguage(() => {
    settingsButton.textContent = t('mt:settings.button');
    settingsButton.title = t('mt:settings.buttonTitle');
    action.translate();
  });

  return {
    show: (sentences) => action.show(sentences),
    destroy() {
      stopTranslating();
      stopListening();
      withdraw();
      action.destroy();
      settingsButton.remove();
    },
  };
}

export { loadMtStrings } from './strings';
