/**
 * The library screen's commands, in one table: its one key handler, its
 * help overlay and the README's "Library screen" keyboard table (checked by
 * a unit test) read it. Rename, delete and open belong to a row: they are
 * the row's buttons and link, reached with Tab.
 */
import type { Command } from '../../dom/commands';
import type { View } from '../../dom/router';
import { viewsCommand } from '../nav';
import { say } from './text';

/** Where a key was pressed. */
export interface LibraryContext {
  /** The shortcut pressed ('' for a button). */
  shortcut: string;
}

/** What the library commands do, provided by the screen. */
export interface LibraryOps {
  /** Storage works: there is something to add to. */
  canWrite(): boolean;
  /** A deletion can still be undone. */
  canUndo(): boolean;
  chooseFile(): void;
  paste(): void;
  undoDeletion(): void;
  help(): void;
  go(view: View): void;
}

/** The library screen's commands, in the order the help lists them. */
export function libraryCommands(ops: LibraryOps): Command<LibraryContext>[] {
  return [
    {
      id: 'undoDeletion',
      keys: 'Control+Z',
      label: () => say('keys.undoDeletion'),
      // Without a deletion to undo the key does what it does elsewhere (nothing here).
      enabled: () => ops.canUndo(),
      run: () => (ops.undoDeletion(), true),
    },
    viewsCommand(ops.go, () => say('keys.views')),
    {
      id: 'help',
      keys: '?',
      label: () => say('keys.help'),
      enabled: () => true,
      run: () => (ops.help(), true),
    },
    {
      id: 'chooseFile',
      keys: '',
      label: () => say('import.file'),
      enabled: () => ops.canWrite(),
      run: () => (ops.chooseFile(), true),
    },
    {
      id: 'paste',
      keys: '',
      label: () => say('import.paste'),
      enabled: () => ops.canWrite(),
      run: () => (ops.paste(), true),
    },
  ];
}
