/**
 * Work that follows a change the reader waits to see, one frame later.
 *
 * A tag, a jump or a caret key is judged by the frame that draws it. What
 * goes with it — the list, the panels, the overlays over the article (caret,
 * hover card, term tooltip) — waits for that frame: its callback runs in a
 * task posted from the frame's animation callback, so after the frame has
 * been produced. An animation callback alone would not do: one requested
 * during a frame (by a mouseover the browser dispatches when the content
 * under a resting pointer changed) still runs inside that frame.
 */

export interface AfterPaint {
  /** Runs the callback after the next frame; calls while one is pending are merged into it. */
  schedule(): void;
  /** Drops the pending call, if any. */
  cancel(): void;
}

export function afterPaint(callback: () => void): AfterPaint {
  let frame = 0;
  let timer = 0;
  return {
    schedule() {
      if (frame || timer) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        timer = window.setTimeout(() => {
          timer = 0;
          callback();
        });
      });
    },
    cancel() {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      frame = timer = 0;
    },
  };
}
