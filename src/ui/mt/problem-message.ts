/**
 * The words for a machine-translation problem: a translated sentence for
 * its code, and the engine's own message (or our plain-English detail)
 * beside it, always shown as text.
 */
import type { MtProblem } from '../../mt/translate';
import type { MtSettings, MtSettingsProblem } from '../../mt/settings';
import { t } from '../../i18n/i18n';

export function problemMessage(
  problem: MtProblem,
  settings: MtSettings,
): { message: string; detail: string | null } {
  const code =
    problem.code === 'network' && settings.engine === 'deepl' && !settings.url
      ? 'networkDeepl'
      : problem.code;
  return { message: t(`mt:problem.${code}`), detail: problem.detail ?? null };
}

/** A problem with settings typed in the dialog. */
export function settingsProblemMessage(problem: MtSettingsProblem): string {
  if (problem.code === 'bad-url') return t('mt:problem.badUrl');
  return t('mt:problem.stored', { detail: problem.detail });
}
