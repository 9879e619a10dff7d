/**
 * The translation-memory matches of one sentence, as the gloss panel shows
 * them under it: each match's percentage, its English, and its French with
 * the differences from this sentence marked — `<ins>` (only in this
 * sentence) underlined, `<del>` (only in the memory's sentence) struck
 * through, so they do not rely on colour — and an Accept button.
 */
import type { DiffOp } from '../../glosses/tm/tm-match';
import type { TmMatchView } from '../../tm/tm-protocol';
import { t } from '../../i18n/i18n';
import { h } from '../../dom/h';

/** What the panel knows of a sentence's matches: not asked yet, being looked up, or found. */
export type MatchesState = 'loading' | TmMatchView[] | undefined;

function diffView(diff: readonly DiffOp[]): HTMLElement {
  const out = h('p', { class: 'tm-source', lang: 'fr' });
  for (const op of diff) {
    if (op.op === 'equal') out.append(op.text);
    else if (op.op === 'insert') out.append(h('ins', { title: t('tm:panel.inserted') }, op.text));
    else out.append(h('del', { title: t('tm:panel.deleted') }, op.text));
  }
  return out;
}

/** The matches block of a sentence; `accept(match)` makes a match its gloss. */
export function matchesView(
  sentenceId: string,
  state: MatchesState,
  accept: (match: TmMatchView) => void,
): HTMLElement | null {
  if (state === undefined) return null;
  // A labelled group, not a heading: the panel's one heading stays the panel's.
  const box = h(
    'div',
    { class: 'tm-matches', role: 'group', 'aria-label': t('tm:panel.heading') },
    h('p', { class: 'tm-heading' }, t('tm:panel.heading')),
  );
  if (state === 'loading') {
    box.append(h('p', { class: 'tm-loading' }, t('tm:panel.loading')));
    return box;
  }
  if (state.length === 0) {
    box.append(h('p', { class: 'tm-none' }, t('tm:panel.none')));
    return box;
  }
  const list = h('ol', { class: 'tm-list' });
  state.forEach((match, i) => {
    const percent = t('tm:panel.percent', { percent: match.percent });
    const button = h(
      'button',
      {
        type: 'button',
        class: 'secondary tm-accept',
        'aria-label': t('tm:panel.acceptLabel', { percent: match.percent }),
        ...(i === 0 ? { 'aria-keyshortcuts': 'Alt+Y' } : {}),
      },
      t('tm:panel.accept'),
    );
    button.addEventListener('click', () => accept(match));
    list.append(
      h(
        'li',
        {
          class: `tm-match ${match.percent === 100 ? 'is-exact' : 'is-fuzzy'}`,
          'data-percent': String(match.percent),
          'data-sentence-id': sentenceId,
        },
        h(
          'p',
          { class: 'tm-meta' },
          h('strong', { class: 'tm-percent' }, percent),
          ' ',
          h(
            'span',
            { class: 'tm-kind' },
            t(match.percent === 100 ? 'tm:panel.exact' : 'tm:panel.fuzzy'),
            ' · ',
            t(`tm:origin.${match.origin}`),
          ),
        ),
        h('p', { class: 'tm-target', lang: 'en' }, match.target),
        h('span', { class: 'visually-hidden' }, t('tm:panel.source')),
        diffView(match.diff),
        button,
      ),
    );
  });
  box.append(list);
  if (state.some((m) => m.percent < 100))
    box.append(h('p', { class: 'tm-legend' }, t('tm:panel.legend')));
  return box;
}
