/**
 * What went wrong with an incoming article, in words: extractArticle's
 * problem codes and the file checks made before it, translated.
 */
import type { ExtractProblem } from '../../library/extract';
import { i18n } from '../../i18n/i18n';
import { say } from './text';

/** A problem found before extraction: the file is too big to read, or could not be read. */
export type FileProblem =
  { code: 'file-too-large'; size: number } | { code: 'unreadable'; reason: string };

/** A message for the person, in the interface language. */
export function problemMessage(problem: ExtractProblem | FileProblem): string {
  switch (problem.code) {
    case 'empty':
      return say('problem.empty');
    case 'not-text':
      return say('problem.notText');
    case 'too-large':
      return say('problem.tooLarge', {
        limit: new Intl.NumberFormat(i18n.language).format(problem.limit),
      });
    case 'no-blocks':
      return say('problem.noBlocks');
    case 'file-too-large':
      return say('problem.fileTooLarge', { size: formatBytes(problem.size) });
    case 'unreadable':
      return say('problem.unreadable', { reason: problem.reason });
  }
}

/** "12.5 MB", in the interface language's number format. */
function formatBytes(bytes: number): string {
  return new Intl.NumberFormat(i18n.language, {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: 1,
  }).format(bytes / 1_000_000);
}
