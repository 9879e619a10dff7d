/**
 * Test-only entry: the anchoring libraries other tools use, bundled by
 * e2e/selectors-anchor.spec.ts with Vite into one script that is injected
 * into the page under test. The app never imports this file, so neither
 * library reaches the app's bundle.
 */
import {
  createTextPositionSelectorMatcher,
  createTextQuoteSelectorMatcher,
} from '@apache-annotator/dom';
import { createTextAnnotator, reviveTarget, W3CTextFormat } from '@recogito/text-annotator';

const libs = {
  createTextQuoteSelectorMatcher,
  createTextPositionSelectorMatcher,
  createTextAnnotator,
  reviveTarget,
  W3CTextFormat,
};
export type AnchoringLibs = typeof libs;

(globalThis as unknown as { anchoringLibs: AnchoringLibs }).anchoringLibs = libs;
