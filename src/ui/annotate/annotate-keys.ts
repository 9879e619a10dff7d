/**
 * The annotate screen's commands, in one table: the screen's one key
 * handler (app/annotator.ts), its `?` list, the tag buttons' keys and the
 * README's "Annotate screen" keyboard table (checked by
 * src/ui/keyboard-tables.test.ts) all read it. Adding a shortcut is one
 * entry here.
 *
 * Features loaded after the first frame (export/import, bilingual, the
 * translation memory, the termbase, machine translation, fact-checking)
 * `provide` their action under a `Feature` name when they arrive
 * (`LazyActions`, dom/commands.ts); the help lists it from then on. While
 * its module is loading (`expect`), its key is held and runs when it
 * arrives; a feature neither provided nor expected does not apply (the
 * key goes on to the browser).
 *
 * Tagging letters follow the interface language (issue 16): a French
 * reader reads C as Citation, so in French Affirmation is A, Citation C,
 * Événement E. Those letters clash with nothing else on the screen: the
 * other single letters are T (termbase) and L (link, in the details
 * panel), and Alt+A / Ctrl+A carry a modifier. The keys change with the
 * language, as the button labels do; they are not both active at once
 * (C cannot be a claim and a quote).
 */
import { i18n, t } from '../../i18n/i18n';
import type { Command, LazyAction } from '../../dom/commands';
import type { View } from '../../dom/router';
import type { AnnotationKind } from '../../model/annotation';
import type { SpanEdge } from '../../anchoring/resize';
import { viewsCommand } from '../nav';

/** The tagging letter of each kind, per interface language (English for any other). */
export const TAG_KEYS: Record<'en' | 'fr', Record<AnnotationKind, string>> = {
  en: { claim: 'C', quote: 'Q', event: 'E' },
  fr: { claim: 'A', quote: 'C', event: 'E' },
};

/** The tagging letter of `kind` in language `lang` (default: the interface language). */
export function tagKey(kind: AnnotationKind, lang: string = i18n.language): string {
  return (lang.startsWith('fr') ? TAG_KEYS.fr : TAG_KEYS.en)[kind];
}

/** Where a key was pressed, as the annotate commands need it. */
export interface AnnotateContext {
  /** The shortcut that matched ('' for a button). */
  shortcut: string;
  /** The focus is in the article text. */
  inArticle: boolean;
  /** Some article text is selected. */
  hasSelection: boolean;
  /** The focus is in the details panel. */
  inDetails: boolean;
  /** The focus is in a text field. */
  typing: boolean;
  /** The focus is on a radio button or checkbox (they take no text). */
  choice: boolean;
  /** The key is held down (auto-repeat). */
  repeat: boolean;
  /** On Apple platforms Option+letter types accents in fields (Option+E is é's dead key). */
  apple: boolean;
}

/**
 * Actions provided by modules loaded after the first frame, or by parts
 * of the screen the annotator does not own (the term tooltip's `dismiss`).
 */
export type Feature =
  | 'bilingual'
  | 'export'
  | 'import'
  | 'machineTranslate'
  | 'addTerm'
  | 'termbase'
  | 'tm'
  | 'tmAccept'
  | 'link'
  | 'factcheck'
  /** Hides what floats over the article (the term tooltip, ui/term-tooltip.ts). */
  | 'dismiss';

/** A feature's action: false when it did not apply. */
export type FeatureAction = LazyAction;

/** What the annotate commands do, provided by the screen. */
export interface AnnotateOps {
  tag(kind: AnnotationKind): void;
  /** Opens the annotation at the caret (`key`: a list where several; `cycle`: the next one out). */
  open(via: 'key' | 'cycle'): void;
  /** An annotation is open (its span can move). */
  hasOpen(): boolean;
  moveSpan(edge: SpanEdge, delta: 1 | -1): void;
  undo(): void;
  redo(): void;
  search(): void;
  focusArticle(): void;
  help(): void;
  go(view: View): void;
  /**
   * A feature's action once its module has provided it; while the module
   * is loading, one that holds the key until it has; else undefined.
   */
  feature(name: Feature): FeatureAction | undefined;
}

/** A command of the annotate screen; `feature` names what must be loaded for it to apply. */
export interface AnnotateCommand extends Command<AnnotateContext> {
  feature?: Feature;
}

/** Listed for the help and the README; the key belongs to a component (named in a comment). */
function listed(id: string, keys: string, label: () => string, helpKeys?: string): AnnotateCommand {
  return {
    id,
    keys,
    label,
    enabled: () => false,
    run: () => false,
    ...(helpKeys ? { helpKeys } : {}),
  };
}

function tagCommand(ops: AnnotateOps, kind: AnnotationKind): AnnotateCommand {
  const label = { claim: 'help.tagClaim', quote: 'help.tagQuote', event: 'help.tagEvent' } as const;
  return {
    id: `tag-${kind}`,
    // Read on every key press: follows the interface language.
    get keys() {
      return tagKey(kind);
    },
    label: () => t(label[kind]),
    enabled: (c) => c.inArticle,
    run: () => (ops.tag(kind), true),
  };
}

/** A command that runs a provided feature. */
function featureCommand(
  ops: AnnotateOps,
  feature: Feature,
  keys: string,
  label: () => string,
  enabled: (c: AnnotateContext) => boolean = () => true,
): AnnotateCommand {
  return {
    id: feature,
    keys,
    label,
    feature,
    // Alt shortcuts work from fields too, as they always have.
    inFields: true,
    enabled: (c) => ops.feature(feature) !== undefined && enabled(c),
    run: () => {
      const action = ops.feature(feature);
      return action ? action() !== false : false;
    },
  };
}

/** Alt+E / Alt+I: not in a field on Apple platforms (accents), not on auto-repeat. */
const exchangeKeyApplies = (c: AnnotateContext) => !(c.apple && c.typing) && !c.repeat;

/** The annotate screen's commands, in the order the help lists them. */
export function annotateCommands(ops: AnnotateOps): AnnotateCommand[] {
  return [
    tagCommand(ops, 'claim'),
    tagCommand(ops, 'quote'),
    tagCommand(ops, 'event'),
    {
      id: 'open',
      keys: 'Enter',
      label: () => t('help.open'),
      enabled: (c) => c.inArticle,
      run: () => (ops.open('key'), true),
    },
    {
      id: 'cycle',
      keys: 'Shift+Enter',
      label: () => t('layout.help.cycle'),
      enabled: (c) => c.inArticle,
      run: () => (ops.open('cycle'), true),
    },
    {
      id: 'moveEnd',
      keys: 'Shift+Alt+ArrowLeft Shift+Alt+ArrowRight',
      helpKeys: 'Shift+Alt+← →',
      label: () => t('layout.help.moveEnd'),
      enabled: () => ops.hasOpen(),
      run: (c) => (ops.moveSpan('end', c.shortcut.endsWith('Right') ? 1 : -1), true),
    },
    {
      id: 'moveStart',
      keys: 'Control+Shift+Alt+ArrowLeft Control+Shift+Alt+ArrowRight',
      helpKeys: 'Ctrl+Shift+Alt+← →',
      label: () => t('layout.help.moveStart'),
      enabled: () => ops.hasOpen(),
      run: (c) => (ops.moveSpan('start', c.shortcut.endsWith('Right') ? 1 : -1), true),
    },
    // The article's caret mode moves and extends the selection (editor/plugins/caret-mode.ts).
    listed('select', 'Shift+ArrowLeft', () => t('help.select'), 'Shift+← → ↑ ↓'),
    {
      // Always takes the key outside fields: with nothing to undo it says so.
      id: 'undo',
      keys: 'Control+Z',
      label: () => t('help.undo'),
      enabled: () => true,
      run: () => (ops.undo(), true),
    },
    {
      id: 'redo',
      keys: 'Control+Shift+Z Control+Y',
      label: () => t('help.redo'),
      enabled: () => true,
      run: () => (ops.redo(), true),
    },
    {
      id: 'search',
      keys: '/',
      label: () => t('help.search'),
      enabled: () => true,
      run: () => (ops.search(), true),
    },
    // The annotation list's own keys (ui/sidebar.ts), while it has the focus.
    listed('list', 'ArrowUp', () => t('help.list'), '↑ ↓ Home End'),
    // The details panel's own key (ui/details-panel.ts): it works only there.
    listed('delete', 'Delete', () => t('help.deleteAnn')),
    {
      id: 'focusArticle',
      keys: 'Alt+A',
      label: () => t('help.focusArticle'),
      inFields: true,
      enabled: () => true,
      run: () => (ops.focusArticle(), true),
    },
    featureCommand(ops, 'bilingual', 'Alt+B', () => t('help.bilingual')),
    featureCommand(ops, 'export', 'Alt+E', () => t('exchange:help.export'), exchangeKeyApplies),
    featureCommand(ops, 'import', 'Alt+I', () => t('exchange:help.import'), exchangeKeyApplies),
    featureCommand(ops, 'machineTranslate', 'Alt+Shift+M', () => t('mt:action.help')),
    // The nav's own key handler runs first (it is there on every screen);
    // the entry is here so that this screen's help and README list it.
    viewsCommand(ops.go, () => t('help.views')),
    {
      ...featureCommand(ops, 'addTerm', 'T', () => t('termbase:help.addTerm')),
      // A plain letter: only in the article, with text selected.
      inFields: false,
      enabled: (c) => ops.feature('addTerm') !== undefined && c.inArticle && c.hasSelection,
    },
    featureCommand(ops, 'termbase', 'Alt+T', () => t('termbase:help.termbase')),
    featureCommand(ops, 'tm', 'Alt+M', () => t('tm:help.dialog')),
    featureCommand(ops, 'tmAccept', 'Alt+Y', () => t('tm:help.accept')),
    // In the details panel; its radio buttons and checkboxes take no text, so L works there too.
    featureCommand(
      ops,
      'link',
      'L',
      () => t('factcheck:help.link'),
      (c) => c.inDetails && (!c.typing || c.choice),
    ),
    featureCommand(ops, 'factcheck', 'Alt+K', () => t('factcheck:help.settings')),
    {
      // Hides the term tooltip (WCAG 1.4.13: dismissed without moving the
      // pointer), from anywhere on the screen, and never takes the key:
      // dialogs, the compact menu and the details panel close themselves on it.
      id: 'escape',
      keys: 'Escape',
      label: () => t('help.escape'),
      inFields: true,
      enabled: () => true,
      run: () => (ops.feature('dismiss')?.(), false),
    },
    {
      id: 'help',
      keys: '?',
      label: () => t('help.help'),
      enabled: () => true,
      run: () => (ops.help(), true),
    },
  ];
}

/**
 * The rows of the `?` list: the commands with keys whose feature is there
 * (`provided`); every command when `provided` is omitted (the README).
 */
export function annotateHelp(
  commands: readonly AnnotateCommand[],
  provided?: (feature: Feature) => boolean,
): AnnotateCommand[] {
  return commands.filter((c) => !c.feature || !provided || provided(c.feature));
}
