/**
 * Shows the kinds of the highlights under the pointer (all of them where
 * spans overlap), so the kind is readable without relying on colour.
 */
import { t } from '../i18n/i18n';
import { h } from './dom';

export function attachHoverCard(root: HTMLElement): () => void {
  const card = h('div', { class: 'hover-card', role: 'tooltip', id: 'hover-card' });
  card.hidden = true;
  // Inside the article's landmark, so all content stays in a region.
  (root.parentElement ?? document.body).append(card);

  // The card is updated in the next frame's animation callback, not in the
  // mouseover handler: after a tag the browser re-hit-tests the pointer
  // inside the frame that draws the new highlight, and the card would add a
  // style and layout pass to that frame.
  let frame = 0;
  let pointer: { target: HTMLElement; x: number } | null = null;
  function onOver(e: MouseEvent): void {
    pointer = { target: e.target as HTMLElement, x: e.clientX };
    frame ||= requestAnimationFrame(show);
  }
  function show(): void {
    frame = 0;
    if (!pointer) return;
    const { target, x } = pointer;
    const marks: HTMLElement[] = [];
    for (
      let el: HTMLElement | null = target.closest('mark[data-kind]');
      el && root.contains(el);
      el = el.parentElement?.closest('mark[data-kind]') ?? null
    ) {
      marks.push(el);
    }
    if (marks.length === 0) {
      if (!card.hidden) card.hidden = true;
      return;
    }
    // Read the layout before writing to the card, so it is computed once.
    const rect = marks[0]!.getBoundingClientRect();
    const text = marks.map((m) => t(`kind.${m.dataset.kind as 'claim'}`)).join(' · ');
    if (card.textContent !== text) card.textContent = text;
    card.hidden = false;
    card.style.left = `${Math.round(window.scrollX + x)}px`;
    card.style.top = `${Math.round(window.scrollY + rect.top - 28)}px`;
  }
  function onLeave(): void {
    pointer = null;
    card.hidden = true;
  }
  root.addEventListener('mouseover', onOver);
  root.addEventListener('mouseleave', onLeave);
  return () => {
    cancelAnimationFrame(frame);
    root.removeEventListener('mouseover', onOver);
    root.removeEventListener('mouseleave', onLeave);
    card.remove();
  };
}
