/**
 * "Which one?": the list of the annotations under the cursor when several
 * overlap (Enter on nested spans or on a stack). A stack may hold 10,000
 * annotations or more (issue 15's stacks, issue 20): past `VIRTUAL_FROM`
 * the list is virtual — one line per annotation, only the lines in view (and
 * a few around them) exist as buttons, in a scroller as tall as the whole
 * list — so it opens at once and scrolls without long frames. The keys are
 * the same either way: ↑ ↓ move, Home / End go to the first and last,
 * PageUp / PageDown move by a screenful, Enter or Space opens, Esc closes;
 * each line says its position (`aria-posinset` / `aria-setsize`), and the
 * line at the bottom says where the focus is ("3 of 10,000 …").
 */
import type { Annotation } from '../model/annotation';
import { t } from '../i18n/i18n';
import { h } from '../dom/h';

/** From this many candidates on, the list is virtual. */
export const VIRTUAL_FROM = 60;
/** Lines drawn above and below those in view. */
const OVERSCAN = 8;

function optionButton(a: Annotation, choose: (id: string) => void): HTMLButtonElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: `picker-option kind-${a.kind}`,
      'data-annotation-id': a.id,
      'data-kind': a.kind,
    },
    h('span', { class: `badge badge-${a.kind}` }, t(`kind.${a.kind}`)),
    ' ',
    h('span', { lang: 'fr' }, a.exact.length > 80 ? `${a.exact.slice(0, 79)}…` : a.exact),
  );
  button.addEventListener('click', () => choose(a.id));
  return button;
}

/** Asks which of several overlapping annotations the person means. */
export function pickAnnotation(
  candidates: Annotation[],
  choose: (id: string) => void,
): HTMLDialogElement {
  const dialog = h('dialog', { class: 'picker', 'aria-labelledby': 'picker-title' });
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  const pick = (id: string) => {
    dialog.close();
    choose(id);
  };
  const virtual = candidates.length >= VIRTUAL_FROM;
  const list = h('ul', { class: virtual ? 'picker-list is-virtual' : 'picker-list' });
  const position = h('p', { class: 'picker-position', 'aria-live': 'polite' });
  const close = h('button', { type: 'button', class: 'secondary' }, t('picker.close'));
  close.addEventListener('click', () => dialog.close());
  dialog.append(h('h2', { id: 'picker-title' }, t('picker.label')));

  /** The index of the line that has (or last had) the focus. */
  let current = 0;
  /** The lines drawn now, by index. */
  const drawn = new Map<number, HTMLLIElement>();
  let rowHeight = 0;
  const scroller = h('div', { class: 'picker-scroller' }, list);

  function line(i: number): HTMLLIElement {
    let li = drawn.get(i);
    if (li) return li;
    li = h(
      'li',
      { 'aria-posinset': String(i + 1), 'aria-setsize': String(candidates.length) },
      optionButton(candidates[i]!, pick),
    );
    if (virtual) li.style.top = `${i * rowHeight}px`;
    // One tab stop for the whole list (the focused line), so that Tab goes on to Close.
    li.querySelector('button')!.tabIndex = i === current ? 0 : -1;
    drawn.set(i, li);
    return li;
  }

  /** Puts line `i` in the list in index order (the reading order), before the next one drawn. */
  function insert(i: number): void {
    const li = line(i);
    let next: HTMLLIElement | null = null;
    let nextIndex = Infinity;
    for (const [j, other] of drawn)
      if (j > i && j < nextIndex && other.isConnected) [next, nextIndex] = [other, j];
    list.insertBefore(li, next);
  }

  function setCurrent(i: number): void {
    drawn.get(current)?.querySelector('button')?.setAttribute('tabindex', '-1');
    current = i;
    drawn.get(current)?.querySelector('button')?.setAttribute('tabindex', '0');
  }

  /** Draws the lines in view (and `keep`, the one about to get the focus); removes the others. */
  function draw(keep = current): void {
    if (!virtual) return;
    const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - OVERSCAN);
    const last = Math.min(
      candidates.length - 1,
      Math.ceil((scroller.scrollTop + scroller.clientHeight) / rowHeight) + OVERSCAN,
    );
    for (const [i, li] of drawn)
      if ((i < first || i > last) && i !== keep && !li.contains(document.activeElement)) {
        li.remove();
        drawn.delete(i);
      }
    for (let i = first; i <= last; i++) if (!drawn.get(i)?.isConnected) insert(i);
    if (!drawn.get(keep)?.isConnected) insert(keep);
  }

  function focusAt(i: number): void {
    setCurrent(Math.max(0, Math.min(candidates.length - 1, i)));
    if (virtual) {
      const top = current * rowHeight;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight)
        scroller.scrollTop = top + rowHeight - scroller.clientHeight;
      draw(current);
    }
    line(current).querySelector('button')!.focus();
  }

  list.addEventListener('focusin', (e) => {
    const li = (e.target as Element).closest('li');
    if (li) setCurrent(Number(li.getAttribute('aria-posinset')) - 1);
    position.textContent = t('layout.nested', {
      position: current + 1,
      count: candidates.length,
    });
  });
  list.addEventListener('keydown', (e) => {
    const page = virtual ? Math.max(1, Math.floor(scroller.clientHeight / rowHeight) - 1) : 10;
    const n = candidates.length;
    const to: Record<string, number> = {
      ArrowDown: (current + 1) % n,
      ArrowUp: (current + n - 1) % n,
      Home: 0,
      End: n - 1,
      PageDown: Math.min(n - 1, current + page),
      PageUp: Math.max(0, current - page),
    };
    if (!(e.key in to) || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    focusAt(to[e.key]!);
  });

  if (virtual) {
    // One line first, to measure the height every line has (they do not wrap: glossa.css).
    list.append(line(0));
    dialog.append(scroller, position, close);
    dialog.showModal();
    rowHeight = line(0).getBoundingClientRect().height || 32;
    drawn.clear();
    list.replaceChildren();
    list.style.height = `${candidates.length * rowHeight}px`;
    scroller.addEventListener('scroll', () => draw(), { passive: true });
    draw(0);
  } else {
    for (let i = 0; i < candidates.length; i++) list.append(line(i));
    dialog.append(scroller, position, close);
    dialog.showModal();
  }
  focusAt(0);
  return dialog;
}
