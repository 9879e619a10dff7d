/**
 * Undo and redo across several histories (the article session's, the
 * library-wide relations'): the latest change is undone first; redo takes
 * the one undone last, the earliest of the redo stacks' tops; histories
 * whose latest step was made together (the same time) go together. The one
 * place both the annotate and the review screens undo through. Pure: no DOM.
 */

/** A history that can undo and redo, and says when its next step was made. */
export interface UndoSource {
  readonly undoTime: number | undefined;
  readonly redoTime: number | undefined;
  undo(): boolean;
  redo(): boolean;
}

/** What an undo or redo did: whether anything, and whether the first history took part. */
export interface UndoOutcome {
  done: boolean;
  /** The first source (the session, whose step the status line names) is among those that moved. */
  first: boolean;
}

/** Whether the first source's step is the one `step` would take (asked before it is taken). */
export function firstIsNext(sources: readonly UndoSource[], which: 'undo' | 'redo'): boolean {
  const times = timesOf(sources, which);
  return sources.length > 0 && times[0] === pick(times, which) && Number.isFinite(times[0]);
}

function timesOf(sources: readonly UndoSource[], which: 'undo' | 'redo'): number[] {
  return sources.map((s) =>
    which === 'undo' ? (s.undoTime ?? -Infinity) : (s.redoTime ?? Infinity),
  );
}

function pick(times: number[], which: 'undo' | 'redo'): number {
  return which === 'undo' ? Math.max(...times) : Math.min(...times);
}

/** Undoes (or redoes) the latest (earliest) step across `sources`. */
export function step(sources: readonly UndoSource[], which: 'undo' | 'redo'): UndoOutcome {
  const times = timesOf(sources, which);
  const target = pick(times, which);
  let done = false;
  if (Number.isFinite(target))
    sources.forEach((s, i) => {
      if (times[i] === target && (which === 'undo' ? s.undo() : s.redo())) done = true;
    });
  return { done, first: done && times[0] === target };
}

/** Whether any source has a step to undo / redo (the buttons' state). */
export function canStep(sources: readonly UndoSource[], which: 'undo' | 'redo'): boolean {
  return sources.some((s) => (which === 'undo' ? s.undoTime : s.redoTime) !== undefined);
}
