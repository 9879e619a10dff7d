/**
 * The library search screen's commands, in one table: its one key handler
 * and its help overlay read it (app/search-screen.ts).
 */
import type { Command } from '../../dom/commands';
import type { View } from '../../dom/router';
import { t } from '../../i18n/i18n';
import { viewsCommand } from '../nav';

export interface SearchContext {
  shortcut: string;
  /** Where the key was pressed: the text box, a hit, or elsewhere. */
  at: 'text' | 'hit' | 'other';
}

export interface SearchOps {
  focusText(): void;
  moveFocus(step: 1 | -1): boolean;
  setMode(mode: 'list' | 'timeline'): void;
  canUndo(): boolean;
  canRedo(): boolean;
  undo(): void;
  redo(): void;
  help(): void;
  go(view: View): void;
}

export function searchCommands(ops: SearchOps): Command<SearchContext>[] {
  return [
    {
      id: 'focusText',
      keys: '/',
      label: () => t('factcheck:search.keys.text'),
      enabled: () => true,
      run: () => (ops.focusText(), true),
    },
    {
      id: 'next',
      keys: 'ArrowDown',
      label: () => t('factcheck:search.keys.next'),
      // From the text box to the first hit, then hit to hit; selects keep their arrows.
      inFields: true,
      enabled: (c) => c.at !== 'other',
      run: () => ops.moveFocus(1),
    },
    {
      id: 'previous',
      keys: 'ArrowUp',
      label: () => t('factcheck:search.keys.previous'),
      enabled: (c) => c.at === 'hit',
      run: () => ops.moveFocus(-1),
    },
    {
      id: 'timeline',
      keys: 'Alt+Shift+T',
      label: () => t('factcheck:search.timelineTitle'),
      inFields: true,
      enabled: () => true,
      run: () => (ops.setMode('timeline'), true),
    },
    {
      id: 'list',
      keys: 'Alt+Shift+L',
      label: () => t('factcheck:search.listTitle'),
      inFields: true,
      enabled: () => true,
      run: () => (ops.setMode('list'), true),
    },
    {
      id: 'undo',
      keys: 'Control+Z',
      label: () => t('factcheck:merge.undo'),
      enabled: () => ops.canUndo(),
      run: () => (ops.undo(), true),
    },
    {
      id: 'redo',
      keys: 'Control+Shift+Z Control+Y',
      label: () => t('factcheck:merge.redo'),
      enabled: () => ops.canRedo(),
      run: () => (ops.redo(), true),
    },
    viewsCommand(ops.go, () => t('factcheck:search.keys.views')),
    {
      id: 'help',
      keys: '?',
      label: () => t('factcheck:search.keys.help'),
      enabled: () => true,
      run: () => (ops.help(), true),
    },
  ];
}
