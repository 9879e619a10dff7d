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

  function onOver(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const marks: HTMLElement[] = [];
    for (
      let el: HTMLElement | null = target.closest('mark[data-kind]');
      el && root.contains(el);
      el = el.parentElement?.closest('mark[data-kind]') ?? null
    ) {
      marks.push(el);
    }
    if (marks.length === 0) {
      card.hidden = true;
      return;
    }
    card.textContent = marks.map((m) => t(`kind.${m.dataset.kind as 'claim'}`)).join(' · ');
    card.hidden = false;
    const rect = marks[0]!.getBoundingClientRect();
    card.style.left = `${Math.round(window.scrollX + e.clientX)}px`;
    card.style.top = `${Math.round(window.scrollY + rect.top - 28)}px`;
  }
  function onLeave(): void {
    card.hidden = true;
  }
  root.addEventListener('mouseover', onOver);
  root.addEventListener('mouseleave', onLeave);
  return () => {
    root.removeEventListener('mouseover', onOver);
    root.removeEventListener('mouseleave', onLeave);
    card.remove();
  };
}
