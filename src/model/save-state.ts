/** Whether the open article's changes are on disk: shown by the toolbars, kept by the session. */
export type SaveState = 'saved' | 'saving' | 'unsaved';
