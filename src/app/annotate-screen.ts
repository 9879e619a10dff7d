/**
 * The annotate screen: the annotator, plus what reading across two languages
 * adds to it (gloss panel, bilingual mode, glossary tooltips) and the
 * import/export menu.
 */
import type { AppContext, Screen } from './context';
import { createAnnotator } from './annotator';

export function createAnnotateScreen(context: AppContext): Screen {
  const { layout, session, notices } = context;
  const annotator = createAnnotator(layout, session, notices);
  return {
    destroy() {
      annotator.destroy();
    },
  };
}
