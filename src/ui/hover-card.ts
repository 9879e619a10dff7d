/**
 * Shows the kinds of the highlights under the pointer (all of them where
 * spans overlap), so the kind is readable without relying on colour.
 */
import { t } from '../i18n/i18n';
import { h } from '../dom/h';
import { afterPaint } from '../dom/after-paint';

export function attachHoverCard(root: HTMLElement): () => void {
  const card = h('div', { class: 'hover-card', role: 'tooltip', id: 'hover-card' });
  card.hidden = true;
  // Inside the article's landmark, so all content stays in a region.
  (root.parentElement ?? document.body).append(card);

  // After a tag the browser re-hit-tests the resting pointer inside the
  // frame that draws the new highlight: updating the card then would add a
  // layout read and a restyle to that frame (bench/: 1 ms of its median).
  const showLater = afterPaint(show);
  let pointer: { target: HTMLElement; x: number } | null = null;
  function onOver(e: MouseEvent): void {
    pointer = { target: e.target as HTMLElement, x: e.clientX };
    showLater.schedule();
  }
  function show(): void {
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
    showLater.cancel();
    root.removeEventListener('mouseover', onOver);
    root.removeEventListener('mouseleave', onLeave);
    card.remove();
  };
}
