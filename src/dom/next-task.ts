/**
 * Long jobs on the main thread cut into tasks, so that the page answers
 * input and draws frames in between (issue 20: an import of 100,000
 * annotations with no task over 50 ms).
 */

/** Resolves in a task of its own (a message, not a timer: timers are throttled in a hidden tab). */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A task's time for a long job: most of a frame, so that each task stays well under 50 ms. */
export const TASK_BUDGET_MS = 12;

/**
 * The clock of a job cut into tasks: `due()` says when the current task has
 * had its `ms`, `next()` ends it and resolves in a new one. A loop asks
 * `due()` as it goes (the clock is read once every `every` calls) and awaits
 * `next()` when it says so.
 */
export class TaskBudget {
  private start = performance.now();
  private calls = 0;

  constructor(
    private readonly ms = TASK_BUDGET_MS,
    private readonly every = 64,
  ) {}

  due(): boolean {
    if (++this.calls < this.every) return false;
    this.calls = 0;
    return performance.now() - this.start >= this.ms;
  }

  async next(): Promise<void> {
    await nextTask();
    this.start = performance.now();
    this.calls = 0;
  }
}
