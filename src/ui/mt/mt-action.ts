/**
 * "Machine-translate": asks the configured engine for English glosses of
 * the sentences shown in the gloss panel that have none, and hands each
 * result to `write` marked `origin: 'machine', checked: false` — machine
 * output is never taken as checked without a person. Below the button, the
 * shown sentences whose gloss came from a machine are listed with that mark
 * and a "Mark as checked" button (until the gloss panel shows the mark itself).
 *
 * All or nothing: when the engine fails, nothing is written and the reason
 * is said. A sentence that gained a gloss while the engine worked (typed
 * here, or in another tab) keeps it: machine output never overwrites one.
 */
import type { Sentence } from '../../glosses/sentences';
import type { GlossSource } from '../../glosses/gloss-source';
import type { UserGloss } from '../../model/gloss';
import { isConfigured, type MtSettings } from '../../mt/settings';
import { translate } from '../../mt/translate';
import { t } from '../../i18n/i18n';
import { h, replaceChildren } from '../../dom/h';
import { problemMessage } from './problem-message';

export type MachineMark = { origin: 'machine'; checked: boolean };

export interface MtActionOptions {
  /** The settings now (they change when the dialog saves). */
  settings(): MtSettings;
  glosses: GlossSource;
  /** The stored gloss of a sentence, to read its origin and checked mark. */
  stored(sentence: Sentence): UserGloss | undefined;
  /** Stores a gloss, through the same path as a person's. */
  write(sentence: Sentence, text: string, mark: MachineMark): void;
  /** The screen's status line. */
  status(text: string, tone?: 'info' | 'error'): void;
}

export interface MtAction {
  /** The sentences the gloss panel shows. */
  show(sentences: Sentence[]): void;
  /** Settings or glosses changed: redraw. */
  update(): void;
  /** Runs the action (the button and Alt+Shift+M). */
  run(): Promise<void>;
  translate(): void;
  destroy(): void;
}

export const MT_ACTION_KEYS = 'Alt+Shift+M';

export function createMtAction(container: HTMLElement, options: MtActionOptions): MtAction {
  const buttonEl = h('button', {
    type: 'button',
    id: 'mt-translate',
    class: 'secondary mt-translate',
    'aria-keyshortcuts': MT_ACTION_KEYS,
  });
  const message = h('div', { class: 'mt-message', 'aria-live': 'polite' });
  const marks = h('ul', { class: 'mt-marks' });
  const marksHeading = h('h3', { class: 'mt-marks-heading', id: 'mt-marks-heading' });
  const marksBox = h('div', { class: 'mt-marks-box' }, marksHeading, marks);
  const root = h('section', { class: 'mt-action', id: 'mt-action' }, buttonEl, message, marksBox);
  container.append(root);

  let shown: Sentence[] = [];
  let running: AbortController | null = null;

  function engineName(settings: MtSettings): string {
    return t(`mt:settings.engines.${settings.engine}`);
  }

  function render(): void {
    const settings = options.settings();
    const ready = isConfigured(settings);
    buttonEl.textContent = t('mt:action.button');
    // aria-disabled rather than disabled: the button stays focusable, so its tooltip and reason can be read.
    buttonEl.setAttribute('aria-disabled', String(!ready || running !== null));
    buttonEl.title = ready
      ? t('mt:action.title', { engine: engineName(settings) })
      : t('mt:action.disabled');
    const machine = shown
      .map((s) => ({ s, g: options.stored(s) }))
      .filter(
        (x): x is { s: Sentence; g: UserGloss } =>
          x.g?.origin === 'machine' && options.glosses.glossOf(x.s)?.text === x.g.text,
      );
    marksBox.hidden = machine.length === 0;
    marksHeading.textContent = t('mt:action.marksHeading');
    replaceChildren(
      marks,
      ...machine.map(({ s, g }) => {
        const item = h(
          'li',
          {
            class: 'mt-mark',
            'data-sentence-id': s.id,
            'data-checked': String(g.checked === true),
          },
          h(
            'span',
            { class: 'gloss-origin origin-machine' },
            t(g.checked ? 'mt:action.checked' : 'mt:action.mark'),
          ),
          ' ',
          h('span', { class: 'mt-mark-text', lang: g.lang }, g.text),
        );
        if (!g.checked) {
          const check = h(
            'button',
            {
              type: 'button',
              class: 'secondary mt-check',
              'aria-label': t('mt:action.checkLabel', {
                sentence: s.text,
              }),
            },
            t('mt:action.check'),
          );
          check.addEventListener('click', () => {
            options.write(s, g.text, { origin: 'machine', checked: true });
            options.status(t('mt:action.checkedStatus'));
          });
          item.append(' ', check);
        }
        return item;
      }),
    );
  }

  function say(text: string, detail: string | null, tone: 'info' | 'error'): void {
    replaceChildren(
      message,
      h(
        'p',
        { role: tone === 'error' ? 'alert' : 'status', class: tone === 'error' ? 'mt-error' : '' },
        text,
      ),
      // The engine's message, as text (escaping off: textContent cannot become markup).
      detail && h('p', { class: 'mt-detail' }, t('mt:problem.engineSaid', { detail })),
    );
    options.status(text, tone);
  }

  async function run(): Promise<void> {
    if (running) return;
    const settings = options.settings();
    if (!isConfigured(settings)) {
      say(t('mt:action.disabled'), null, 'error');
      return;
    }
    const missing = shown.filter((s) => options.glosses.glossOf(s) === null);
    if (missing.length === 0) {
      say(t('mt:action.noneMissing'), null, 'info');
      return;
    }
    running = new AbortController();
    render();
    say(t('mt:action.working', { count: missing.length }), null, 'info');
    const result = await translate(
      missing.map((s) => s.text),
      settings,
      { signal: running.signal },
    );
    const cancelled = running.signal.aborted;
    running = null;
    if (cancelled) return;
    if (!result.ok) {
      const { message: reason, detail } = problemMessage(result.problem, settings);
      say(t('mt:action.failed', { reason }), detail, 'error');
      render();
      return;
    }
    let written = 0;
    missing.forEach((s, i) => {
      const text = result.translations[i]!.trim();
      if (options.glosses.glossOf(s) !== null) return; // a person's gloss arrived meanwhile
      options.write(s, text, { origin: 'machine', checked: false });
      written++;
    });
    say(t('mt:action.done', { count: written }), null, 'info');
    render();
  }

  buttonEl.addEventListener('click', () => void run());

  // Alt+Shift+M runs it: a command of the annotate screen's table (ui/annotate/annotate-keys.ts).
  render();

  return {
    show(sentences) {
      shown = sentences;
      render();
    },
    update: render,
    run,
    translate: render,
    destroy() {
      running?.abort();
      root.remove();
    },
  };
}
