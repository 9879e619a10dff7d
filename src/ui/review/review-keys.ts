/**
 * The review screen's commands, in one table: its one key handler
 * (dom/commands.ts bindKeymap), its help overlay, its buttons' state and the
 * README's "Review screen" keyboard table (checked by a unit test) all read
 * it, so none of them can drift from the others. Adding a shortcut is one
 * entry here.
 *
 * The screen does the work (`ReviewOps`); the table says which key does
 * what, and when it applies.
 */
import { t } from '../../i18n/i18n';
import type { Command } from '../../dom/commands';
import { viewsCommand } from '../nav';
import type { View } from '../../dom/router';

/** Where a key was pressed, as the review commands need it. */
export interface ReviewContext {
  /** The quote whose card (or grid row) holds the focus, if any. */
  here: string | undefined;
  /** The focus is on that card or row itself, not on a field or button in it. */
  onCard: boolean;
  /** The focus is in a field of a card or row (Escape goes back to its quote). */
  inQuoteField: boolean;
  /** The shortcut that was pressed ('' for a button). */
  shortcut: string;
}

/** What the review commands do, provided by the screen. */
export interface ReviewOps {
  /** Focuses the current quote (or the first shown). */
  focusCurrent(): void;
  move(to: 'next' | 'previous' | 'first' | 'last'): void;
  edit(id: string): void;
  comment(id: string): void;
  accept(id: string): void;
  approve(id: string): void;
  needsRevision(id: string): void;
  toggleView(): void;
  /** Back from a field to its quote. */
  leave(): void;
  undo(): void;
  redo(): void;
  help(): void;
  go(view: View): void;
  exportXliff(): void;
  exportCsv(): void;
  /** Opens the file picker for an XLIFF import; false while one is being read. */
  importXliff(): boolean;
}

/** Aria-keyshortcuts values of the card actions, for their buttons. */
export const ACTION_SHORTCUTS = {
  accept: 'S',
  approve: 'A',
  needsRevision: 'R',
  toggleView: 'G',
} as const;

type ReviewCommand = Command<ReviewContext>;

/** A command on the quote that has the focus. */
function onQuote(
  id: string,
  keys: string,
  label: () => string,
  run: (quote: string) => void,
): ReviewCommand {
  return {
    id,
    keys,
    label,
    enabled: (c) => c.here !== undefined,
    run: (c) => (c.here === undefined ? false : (run(c.here), true)),
  };
}

/** The review screen's commands, in the order the help lists them. */
export function reviewCommands(ops: ReviewOps): ReviewCommand[] {
  return [
    {
      id: 'next',
      keys: 'J ArrowDown',
      label: () => t('review:keys.next'),
      // Arrows move between quotes only from inside the list; elsewhere they scroll.
      enabled: (c) => c.here !== undefined || !c.shortcut.startsWith('Arrow'),
      run: (c) => (c.here === undefined ? ops.focusCurrent() : ops.move('next'), true),
    },
    {
      id: 'previous',
      keys: 'K ArrowUp',
      label: () => t('review:keys.previous'),
      enabled: (c) => c.here !== undefined || !c.shortcut.startsWith('Arrow'),
      run: (c) => (c.here === undefined ? ops.focusCurrent() : ops.move('previous'), true),
    },
    {
      id: 'firstLast',
      keys: 'Home End',
      label: () => t('review:keys.firstLast'),
      enabled: (c) => c.here !== undefined,
      run: (c) => (ops.move(c.shortcut === 'End' ? 'last' : 'first'), true),
    },
    {
      id: 'edit',
      keys: 'E Enter',
      label: () => t('review:keys.edit'),
      // Enter on a button in the card is the button's.
      enabled: (c) => c.here !== undefined && (c.shortcut !== 'Enter' || c.onCard),
      run: (c) => (c.here === undefined ? false : (ops.edit(c.here), true)),
    },
    onQuote('accept', ACTION_SHORTCUTS.accept, () => t('review:keys.accept'), ops.accept),
    onQuote('approve', ACTION_SHORTCUTS.approve, () => t('review:keys.approve'), ops.approve),
    onQuote(
      'needsRevision',
      ACTION_SHORTCUTS.needsRevision,
      () => t('review:keys.needsRevision'),
      ops.needsRevision,
    ),
    onQuote('comment', 'C', () => t('review:keys.comment'), ops.comment),
    {
      id: 'toggleView',
      keys: ACTION_SHORTCUTS.toggleView,
      label: () => t('review:keys.toggleView'),
      enabled: () => true,
      run: () => (ops.toggleView(), true),
    },
    {
      // The grid's own field handler saves (quote-grid.ts): the key belongs
      // to the field being typed in. Listed for the help and the README.
      id: 'gridSave',
      keys: 'Enter Control+Enter',
      label: () => t('review:keys.gridSave'),
      enabled: () => false,
      run: () => false,
    },
    {
      id: 'leave',
      keys: 'Escape',
      label: () => t('review:keys.leave'),
      inFields: true,
      enabled: (c) => c.inQuoteField,
      run: (c) => (c.inQuoteField ? (ops.leave(), true) : false),
    },
    {
      // Always takes the key outside fields: with nothing to undo it says so.
      id: 'undo',
      keys: 'Control+Z',
      label: () => t('review:keys.undo'),
      enabled: () => true,
      run: () => (ops.undo(), true),
    },
    {
      id: 'redo',
      keys: 'Control+Shift+Z Control+Y',
      label: () => t('review:keys.redo'),
      enabled: () => true,
      run: () => (ops.redo(), true),
    },
    // The nav's own key handler runs first (it is there on every screen);
    // the entry is here so that the review help and README list it.
    viewsCommand(ops.go, () => t('review:keys.views')),
    {
      id: 'help',
      keys: '?',
      label: () => t('review:keys.help'),
      enabled: () => true,
      run: () => (ops.help(), true),
    },
    {
      id: 'exportXliff',
      keys: '',
      label: () => t('review:toolbar.exportXliff'),
      enabled: () => true,
      run: () => (ops.exportXliff(), true),
    },
    {
      id: 'exportCsv',
      keys: '',
      label: () => t('review:toolbar.exportCsv'),
      enabled: () => true,
      run: () => (ops.exportCsv(), true),
    },
    {
      id: 'importXliff',
      keys: '',
      label: () => t('review:toolbar.importXliff'),
      enabled: () => true,
      run: () => ops.importXliff(),
    },
  ];
}
