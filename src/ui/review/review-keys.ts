/**
 * The review view's keys, in one place: the key handler reads them and the
 * help overlay lists them, so the two cannot drift apart.
 */
import { t } from '../../i18n/i18n';

export type ReviewAction =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'edit'
  | 'accept'
  | 'approve'
  | 'needsRevision'
  | 'comment'
  | 'toggleView'
  | 'help';

/** `KeyboardEvent.key` values (letters lower-cased) → action, for keys pressed without modifiers. */
const KEYMAP: Record<string, ReviewAction> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  e: 'edit',
  Enter: 'edit',
  s: 'accept',
  a: 'approve',
  r: 'needsRevision',
  c: 'comment',
  g: 'toggleView',
  '?': 'help',
};

/**
 * The action of a key press, or null. Keys with Ctrl, Alt or Meta are never
 * review actions (they are undo, views, the browser's); Shift only counts
 * where it makes the key ("?").
 */
export function reviewAction(e: KeyboardEvent): ReviewAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const key = e.key.length === 1 && e.key !== '?' ? e.key.toLowerCase() : e.key;
  if (e.shiftKey && key !== '?' && e.key.length !== 1) return null;
  return KEYMAP[key] ?? null;
}

/** Aria-keyshortcuts values of the card actions, for their buttons. */
export const ACTION_SHORTCUTS = {
  accept: 'S',
  approve: 'A',
  needsRevision: 'R',
  toggleView: 'G',
} as const;

/** The rows of the help overlay: [keys, what they do]. */
export function reviewHelpRows(): [string, string][] {
  return [
    ['J  ↓', t('review:keys.next')],
    ['K  ↑', t('review:keys.previous')],
    ['Home  End', t('review:keys.firstLast')],
    ['E  Enter', t('review:keys.edit')],
    ['S', t('review:keys.accept')],
    ['A', t('review:keys.approve')],
    ['R', t('review:keys.needsRevision')],
    ['C', t('review:keys.comment')],
    ['G', t('review:keys.toggleView')],
    ['Enter  Ctrl+Enter', t('review:keys.gridSave')],
    ['Esc', t('review:keys.leave')],
    ['Ctrl+Z', t('review:keys.undo')],
    ['Ctrl+Shift+Z, Ctrl+Y', t('review:keys.redo')],
    ['Alt+1  Alt+2  Alt+3', t('review:keys.views')],
    ['?', t('review:keys.help')],
  ];
}
