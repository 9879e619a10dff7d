import { describe, expect, it } from 'vitest';
import { canStep, firstIsNext, step, type UndoSource } from './undo-histories';

/** A history whose steps are the given times (the last is the latest). */
function history(times: number[]): UndoSource & { undone: number[] } {
  const undone: number[] = [];
  return {
    undone,
    get undoTime() {
      return times.at(-1);
    },
    get redoTime() {
      return undone.at(-1);
    },
    undo: () => (times.length ? (undone.push(times.pop()!), true) : false),
    redo: () => (undone.length ? (times.push(undone.pop()!), true) : false),
  };
}

describe('undo across histories', () => {
  it('undoes the latest step first and redoes the one undone last', () => {
    const session = history([1, 5]);
    const relations = history([3]);
    expect(firstIsNext([session, relations], 'undo')).toBe(true);
    expect(step([session, relations], 'undo')).toEqual({ done: true, first: true });
    expect(firstIsNext([session, relations], 'undo')).toBe(false);
    expect(step([session, relations], 'undo')).toEqual({ done: true, first: false });
    expect(relations.undone).toEqual([3]);
    // Redo: the one undone last (3) before 5.
    expect(step([session, relations], 'redo')).toEqual({ done: true, first: false });
    expect(relations.undone).toEqual([]);
  });

  it('steps made together go together; nothing to undo says so', () => {
    const a = history([2]);
    const b = history([2]);
    expect(step([a, b], 'undo')).toEqual({ done: true, first: true });
    expect(canStep([a, b], 'undo')).toBe(false);
    expect(step([a, b], 'undo')).toEqual({ done: false, first: false });
    expect(canStep([a, b], 'redo')).toBe(true);
  });
});
