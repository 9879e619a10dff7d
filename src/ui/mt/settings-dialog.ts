/**
 * The machine-translation settings dialog: engine (none, LibreTranslate,
 * DeepL), URL, API key, English variant, and "Test connection", which
 * translates one short sentence with what is typed — before anything is
 * saved. A problem (bad key, quota, no answer …) is said in words, with the
 * engine's own message beside it, and changes nothing; only Save stores.
 */
import {
  ENGLISH_VARIANTS,
  MT_ENGINES,
  parseMtSettings,
  saveMtSettings,
  type MtEngine,
  type MtSettings,
  type MtSettingsProblem,
} from '../../mt/settings';
import { deeplEndpoint, translate } from '../../mt/translate';
import { t } from '../../i18n/i18n';
import { h, replaceChildren } from '../../dom/h';
import { button, buttonRow, openModal } from '../library/modal';
import { problemMessage, settingsProblemMessage } from './problem-message';

/** What "Test connection" sends: one short, neutral French sentence (data, not UI text). */
export const TEST_SENTENCE = 'Le conseil municipal a voté le budget.';
/** The test should not keep the person waiting as long as a real batch may. */
const TEST_TIMEOUT_MS = 10_000;

/** Where requests go, for the "what is sent where" line: the host, never the key. */
function destination(settings: MtSettings): string {
  const url = settings.engine === 'deepl' ? deeplEndpoint(settings) : settings.url;
  try {
    return new URL(url).host;
  } catch {
    return '…';
  }
}

/**
 * Opens the dialog on `current`; resolves with the settings saved, or null
 * when the person cancelled (nothing changed).
 */
export function openMtSettings(current: MtSettings): Promise<MtSettings | null> {
  return openModal<MtSettings>('mt-settings-dialog', t('mt:settings.title'), (parts) => {
    const id = parts.titleId;
    const engine = h(
      'select',
      { id: `${id}-engine` },
      ...MT_ENGINES.map((e) => h('option', { value: e }, t(`mt:settings.engines.${e}`))),
    );
    engine.value = current.engine;
    const url = h('input', {
      id: `${id}-url`,
      type: 'url',
      inputmode: 'url',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${id}-url-hint`,
    });
    url.value = current.url;
    const urlHint = h('p', { id: `${id}-url-hint`, class: 'mt-hint' });
    const key = h('input', {
      id: `${id}-key`,
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${id}-key-hint`,
    });
    key.value = current.apiKey;
    const variant = h(
      'select',
      { id: `${id}-variant` },
      ...ENGLISH_VARIANTS.map((v) => h('option', { value: v }, t(`mt:settings.variants.${v}`))),
    );
    variant.value = current.englishVariant;
    const sentTo = h('p', { class: 'mt-sent-to' });
    // One live region for test results and problems: role=status for success, alert for errors.
    const result = h('div', { class: 'mt-result', 'aria-live': 'polite' });

    const field = (label: string, control: HTMLElement, ...rest: HTMLElement[]) =>
      h(
        'div',
        { class: 'library-field' },
        h('label', { for: control.id }, label),
        control,
        ...rest,
      );
    const urlField = field(t('mt:settings.url'), url, urlHint);
    const keyField = field(
      t('mt:settings.key'),
      key,
      h('p', { id: `${id}-key-hint`, class: 'mt-hint' }, t('mt:settings.keyHint')),
    );
    const variantField = field(t('mt:settings.variant'), variant);

    const typed = (): MtSettings => ({
      engine: engine.value as MtEngine,
      url: url.value,
      apiKey: key.value,
      englishVariant: variant.value as MtSettings['englishVariant'],
    });

    function sync(): void {
      const e = engine.value as MtEngine;
      urlField.hidden = e === 'none';
      keyField.hidden = e === 'none';
      variantField.hidden = e !== 'deepl';
      if (e !== 'none') urlHint.textContent = t(`mt:settings.urlHint.${e}`);
      const checked = parseMtSettings(typed());
      sentTo.hidden = e === 'none';
      sentTo.textContent =
        e === 'none'
          ? ''
          : t('mt:settings.sentTo', {
              where: destination(checked.problems.length ? typed() : checked.settings),
            });
      test.disabled = e === 'none';
    }

    function showError(message: string, detail: string | null): void {
      replaceChildren(
        result,
        h(
          'div',
          { role: 'alert', class: 'mt-error' },
          h('p', {}, message, ' ', t('mt:problem.nothingChanged')),
          // The engine's message is shown as text; escaping is off because textContent cannot become markup.
          detail && h('p', { class: 'mt-detail' }, t('mt:problem.engineSaid', { detail })),
        ),
      );
    }

    /** The typed settings, checked; null (with the problem shown) when unusable. */
    function valid(): MtSettings | null {
      const { settings, problems } = parseMtSettings(typed());
      const first: MtSettingsProblem | undefined = problems[0];
      if (first) {
        showError(settingsProblemMessage(first), null);
        (first.path === 'apiKey' ? key : url).focus();
        return null;
      }
      if (settings.engine === 'libretranslate' && !settings.url) {
        showError(t('mt:problem.urlRequired'), null);
        url.focus();
        return null;
      }
      if (settings.engine === 'deepl' && !settings.apiKey) {
        showError(t('mt:problem.keyRequired'), null);
        key.focus();
        return null;
      }
      return settings;
    }

    let testing: AbortController | null = null;
    parts.dialog.addEventListener('close', () => testing?.abort());

    const test = button(t('mt:settings.test'), () => void runTest(), { className: 'secondary' });
    test.classList.add('mt-test');
    async function runTest(): Promise<void> {
      const settings = valid();
      if (!settings || testing) return;
      testing = new AbortController();
      test.disabled = true;
      test.textContent = t('mt:settings.testing');
      replaceChildren(result, h('p', { role: 'status' }, t('mt:settings.testing')));
      const outcome = await translate([TEST_SENTENCE], settings, {
        signal: testing.signal,
        timeoutMs: TEST_TIMEOUT_MS,
      });
      testing = null;
      test.disabled = false;
      test.textContent = t('mt:settings.test');
      if (outcome.ok) {
        replaceChildren(
          result,
          h(
            'p',
            { role: 'status', class: 'mt-ok' },
            t('mt:settings.testOk', {
              text: outcome.translations[0] ?? '',
            }),
          ),
        );
      } else {
        const { message, detail } = problemMessage(outcome.problem, settings);
        showError(message, detail);
      }
    }

    const form = h(
      'form',
      { class: 'mt-settings' },
      h('p', {}, t('mt:settings.intro')),
      field(t('mt:settings.engine'), engine),
      urlField,
      keyField,
      variantField,
      sentTo,
      result,
      buttonRow(
        button(t('mt:settings.save'), () => undefined, { type: 'submit' }),
        test,
        button(t('mt:settings.cancel'), parts.cancel, { className: 'secondary' }),
      ),
    );
    for (const control of [engine, url, key, variant]) {
      control.addEventListener('input', sync);
      control.addEventListener('change', sync);
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const settings = valid();
      if (!settings) return;
      const problems = saveMtSettings(settings);
      if (problems[0]) {
        showError(settingsProblemMessage(problems[0]), problems[0].detail);
        return;
      }
      parts.finish(settings);
    });
    parts.dialog.append(form);
    sync();
    return engine;
  });
}
