import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from './after-paint';

// Frames are run by hand (`frame()`: the animation callbacks requested so
// far); tasks are fake timers, run by `tasks()`.
const requested = new Map<number, FrameRequestCallback>();
let nextId = 1;
function frame(): void {
  const callbacks = [...requested.values()];
  requested.clear();
  for (const cb of callbacks) cb(0);
}
const tasks = () => vi.runOnlyPendingTimers();

describe('afterPaint', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('window', globalThis);
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      requested.set(nextId, cb);
      return nextId++;
    });
    vi.stubGlobal('cancelAnimationFrame', (id: number) => requested.delete(id));
    requested.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs in a task after the next frame, once however often it was scheduled', () => {
    const order: string[] = [];
    const later = afterPaint(() => order.push('callback'));
    later.schedule();
    later.schedule();
    tasks();
    expect(order).toEqual([]); // not before the frame
    requestAnimationFrame(() => order.push('other frame callback'));
    later.schedule();
    frame();
    // Not inside the frame either: a frame callback requested later still ran first.
    expect(order).toEqual(['other frame callback']);
    tasks();
    expect(order).toEqual(['other frame callback', 'callback']);
    frame();
    tasks();
    expect(order).toEqual(['other frame callback', 'callback']);
  });

  it('can be scheduled again once it has run, and cancelled before the frame or after it', () => {
    let calls = 0;
    const later = afterPaint(() => calls++);
    const cycle = () => {
      frame();
      tasks();
    };
    later.schedule();
    cycle();
    later.schedule();
    cycle();
    expect(calls).toBe(2);
    later.schedule();
    later.cancel();
    cycle();
    expect(calls).toBe(2);
    later.schedule();
    frame(); // the task is posted…
    later.cancel(); // …and dropped
    tasks();
    expect(calls).toBe(2);
    later.schedule();
    cycle();
    expect(calls).toBe(3);
  });
});
