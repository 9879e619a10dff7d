// What the benchmark runs inside the app's pages. pageProbe() is installed
// with page.addInitScript (injected over CDP, so the app's CSP does not
// apply) and must be self-contained: Playwright sends its source text.

export function pageProbe() {
  /**
   * Calls `done(rafAt, producedAt)` once the main thread has produced the
   * next frame. A task posted from the frame's rAF callback runs after that
   * frame's style, layout, paint and commit; posted at user-blocking
   * priority it runs before work the app deferred to after the frame
   * (timers, idle chunks), which would otherwise delay the reading — a
   * MessageChannel message waits behind them. Where scheduler.postTask is
   * missing, the message is used.
   */
  function afterFrame(done) {
    requestAnimationFrame(() => {
      const rafAt = performance.now();
      const produced = () => done(rafAt, performance.now());
      if (globalThis.scheduler?.postTask) {
        globalThis.scheduler.postTask(produced, { priority: 'user-blocking' });
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = produced;
      channel.port2.postMessage(0);
    });
  }

  const probe = {
    readyPainted: null,
    /** The frame after the article's first frame, drawn before the app (glossa:first-frame). */
    firstFramePainted: null,
    /** The frame after the app's last highlight was drawn (glossa:highlights-drawn). */
    allDrawnPainted: null,
    /** The frame after every highlight was an element (glossa:highlight-elements-drawn). */
    elementsDrawnPainted: null,
    events: [],
    longTasks: [],
    pending: null,
    /**
     * Arms one measurement: `start` is the first event of the interaction
     * (caught in the capture phase on window, before any handler of the
     * app); `end` the event whose handlers do the work (caught bubbling on
     * window, after them). Once `condition()` holds (checked then, and on
     * each DOM mutation after), waits for the next frame to be produced.
     */
    arm(start, end, condition) {
      const sample = {};
      probe.pending = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${end} done within 10 s`)), 10_000);
        const finish = () => {
          afterFrame((rafAt, painted) => {
            clearTimeout(timer);
            sample.raf = rafAt;
            sample.painted = painted;
            sample.wall = painted - sample.t0;
            sample.handlers = sample.handled - sample.t0;
            sample.frame = painted - rafAt;
            // Main-thread work: the handlers, plus producing the frame.
            sample.work = sample.handlers + sample.frame;
            resolve(sample);
          });
        };
        window.addEventListener(
          start,
          (e) => {
            sample.t0 = performance.now();
            sample.eventStamp = e.timeStamp;
          },
          { capture: true, once: true },
        );
        window.addEventListener(
          end,
          () => {
            sample.handled = performance.now();
            if (condition()) return finish();
            const observer = new MutationObserver(() => {
              if (!condition()) return;
              observer.disconnect();
              sample.mutated = performance.now();
              finish();
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          },
          { once: true },
        );
      });
      probe.pending.catch(() => {});
    },
    /** Resolves after `n` frames. */
    frames(n = 2) {
      return new Promise((resolve) => {
        const step = () => (--n <= 0 ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
      });
    },
  };
  window.__bench = probe;

  // The frame after `glossa:ready`: when the restored article was first drawn.
  const mark = performance.mark.bind(performance);
  performance.mark = (name, options) => {
    const entry = mark(name, options);
    if (name === 'glossa:ready')
      afterFrame((_raf, painted) => {
        probe.readyPainted = painted;
      });
    if (name === 'glossa:first-frame')
      afterFrame((_raf, painted) => {
        probe.firstFramePainted = painted;
      });
    // The first of each (a view whose plugins are reconfigured marks again; the first counts).
    if (
      name === 'glossa:highlights-drawn' &&
      !probe.allDrawnMarked &&
      (probe.allDrawnMarked = true)
    )
      afterFrame((_raf, painted) => {
        probe.allDrawnPainted = painted;
      });
    if (
      name === 'glossa:highlight-elements-drawn' &&
      !probe.elementsDrawnMarked &&
      (probe.elementsDrawnMarked = true)
    )
      afterFrame((_raf, painted) => {
        probe.elementsDrawnPainted = painted;
      });
    return entry;
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        probe.events.push({
          name: e.name,
          startTime: e.startTime,
          duration: e.duration,
          processing: e.processingEnd - e.processingStart,
          delay: e.processingStart - e.startTime,
        });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        probe.longTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Event Timing or Long Tasks unsupported: those extras stay empty.
  }
}
