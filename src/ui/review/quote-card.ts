/**
 * One quote under review: the French quote emphasised inside its sentence,
 * the speaker, the English translation (a suggestion until someone edits or
 * accepts it), the status, the reviewer's comment and when it last changed.
 *
 * The card owns its DOM and reports what the person does through
 * `QuoteCardActions`; it never writes a record itself. `update()` is called
 * with the item after every change (whatever its origin) and touches only
 * what differs, so a field being typed in keeps its caret. All text from
 * records reaches the page as text nodes (see ../dom.ts).
 */
import { REVIEW_STATUSES, isReviewStatus, type ReviewStatus } from '../../model/review';
import { i18n, t } from '../../i18n/i18n';
import { h, replaceChildren } from '../../dom/h';
import type { QuoteItem } from '../../review/quote-items';
import { ACTION_SHORTCUTS } from './review-keys';

export interface QuoteCardActions {
  editTranslation(id: string, text: string): void;
  setComment(id: string, text: string): void;
  setStatus(id: string, status: ReviewStatus): void;
  /** Approve, then move to the next quote. */
  approve(id: string): void;
  accept(id: string): void;
  /** Focus entered the card (a click, Tab): it becomes the current one. */
  activate(id: string): void;
  /** A field lost focus: its run of typing ends as one undo step. */
  endTyping(): void;
}

export interface QuoteCard {
  readonly id: string;
  /** The list item holding the card. */
  readonly element: HTMLLIElement;
  /** The focusable card itself. */
  readonly card: HTMLElement;
  update(item: QuoteItem, position: number, unsaved: boolean): void;
  /** Roving tabindex: only the current card, and the controls inside it, are in the tab order. */
  setCurrent(current: boolean): void;
  focus(): void;
  focusTranslation(): void;
  focusComment(): void;
  translate(): void;
}

let serial = 0;

/** "Changed 12 Mar 2025, 14:03" in the interface language. */
function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

export function createQuoteCard(item: QuoteItem, actions: QuoteCardActions): QuoteCard {
  const id = item.annotation.id;
  const n = ++serial;
  const ids = {
    heading: `rq${n}-heading`,
    translation: `rq${n}-translation`,
    note: `rq${n}-note`,
    status: `rq${n}-status`,
    comment: `rq${n}-comment`,
    stale: `rq${n}-stale`,
  };

  const heading = h('h3', { class: 'quote-heading', id: ids.heading });
  const statusBadge = h('span', { class: 'review-status' });
  const staleText = h('span', {});
  const staleWasLabel = h('span', {});
  const staleWas = h('q', { lang: 'fr' });
  const stale = h(
    'p',
    { class: 'stale-reason', id: ids.stale },
    staleText,
    ' ',
    h('span', { class: 'stale-was' }, staleWasLabel, ' ', staleWas),
  );
  const contextLabel = h('span', { class: 'visually-hidden' });
  const context = h('blockquote', { class: 'quote-context', lang: 'fr' });
  // The English gloss of the sentence, as context beside the suggestion.
  const glossLabel = h('span', { class: 'quote-label' });
  const glossText = h('span', { class: 'sentence-gloss-text', lang: 'en' });
  const sentenceGloss = h('p', { class: 'sentence-gloss' }, glossLabel, ' ', glossText);
  const speakerLabel = h('span', { class: 'quote-label' });
  const speakerValue = h('span', { class: 'quote-speaker-value' });
  const speaker = h('p', { class: 'quote-speaker' }, speakerLabel, ' ', speakerValue);

  const translationLabel = h('label', { for: ids.translation });
  const suggestionBadge = h('span', { class: 'suggestion-badge' });
  const note = h('p', { class: 'translation-note', id: ids.note });
  const translation = h('textarea', {
    id: ids.translation,
    class: 'review-translation',
    rows: 3,
    lang: 'en',
    'aria-describedby': ids.note,
    spellcheck: true,
  });
  const accept = h('button', {
    type: 'button',
    class: 'accept-suggestion',
    'aria-keyshortcuts': ACTION_SHORTCUTS.accept,
  });
  const approve = h('button', {
    type: 'button',
    class: 'approve',
    'aria-keyshortcuts': ACTION_SHORTCUTS.approve,
  });
  const revise = h('button', {
    type: 'button',
    class: 'needs-revision',
    'aria-keyshortcuts': ACTION_SHORTCUTS.needsRevision,
  });
  const statusLabel = h('label', { for: ids.status });
  const statusSelect = h('select', { id: ids.status, class: 'status-select' });
  const statusOptions = new Map<ReviewStatus, HTMLOptionElement>();
  for (const s of REVIEW_STATUSES) {
    const option = h('option', { value: s });
    statusOptions.set(s, option);
    statusSelect.append(option);
  }
  const commentLabel = h('label', { for: ids.comment });
  const comment = h('textarea', { id: ids.comment, class: 'review-comment', rows: 2 });
  const modified = h('p', { class: 'quote-modified' });

  const card = h(
    'article',
    {
      class: 'quote-card',
      tabindex: -1,
      'aria-labelledby': ids.heading,
      'data-annotation-id': id,
    },
    h('header', { class: 'quote-card-header' }, heading, statusBadge),
    stale,
    contextLabel,
    context,
    sentenceGloss,
    speaker,
    h(
      'div',
      { class: 'field translation-field' },
      h('div', { class: 'translation-label' }, translationLabel, ' ', suggestionBadge),
      translation,
      note,
    ),
    h(
      'div',
      { class: 'quote-actions' },
      accept,
      approve,
      revise,
      h('span', { class: 'status-field' }, statusLabel, ' ', statusSelect),
    ),
    h('div', { class: 'field comment-field' }, commentLabel, comment),
    modified,
  );
  const element = h('li', { class: 'quote-item' }, card);
  const controls: HTMLElement[] = [accept, translation, approve, revise, statusSelect, comment];

  let current = item;
  let position = 0;
  let unsaved = false;
  let rendered = false;
  /** Null until first set, so that the first call sets every control. */
  let wasCurrent: boolean | null = null;

  translation.addEventListener('input', () => actions.editTranslation(id, translation.value));
  comment.addEventListener('input', () => actions.setComment(id, comment.value));
  statusSelect.addEventListener('change', () => {
    if (isReviewStatus(statusSelect.value)) actions.setStatus(id, statusSelect.value);
  });
  accept.addEventListener('click', () => actions.accept(id));
  approve.addEventListener('click', () => actions.approve(id));
  revise.addEventListener('click', () => actions.setStatus(id, 'needs-revision'));
  card.addEventListener('focusin', () => actions.activate(id));
  for (const field of [translation, comment]) {
    field.addEventListener('focusout', () => actions.endTyping());
  }

  function setValue(field: HTMLTextAreaElement, value: string): void {
    // Only when it differs: resetting a field being typed in would move its caret.
    if (field.value !== value) field.value = value;
  }

  function render(): void {
    const { review, annotation, suggestion, suggestionScope, sentenceGloss: gloss } = current;
    const ctx = current.context;
    card.dataset.status = review.status;
    card.dataset.origin = review.origin;
    heading.textContent = t('review:card.heading', { n: position });
    statusBadge.dataset.status = review.status;
    statusBadge.textContent = t(`review:status.${review.status}`);

    stale.hidden = review.staleReason !== 'quote-changed';
    staleText.textContent = t('review:card.stale');
    staleWasLabel.textContent = t('review:card.staleWas');
    staleWas.textContent = review.approvedQuote?.exact ?? '';
    staleWas.parentElement!.hidden = !review.approvedQuote;
    if (stale.hidden) card.removeAttribute('aria-describedby');
    else card.setAttribute('aria-describedby', ids.stale);

    contextLabel.textContent = t('review:card.context');
    if (ctx) replaceChildren(context, ctx.before, h('mark', {}, ctx.quote), ctx.after);
    else replaceChildren(context, h('mark', {}, annotation.exact));

    glossLabel.textContent = t('review:card.sentenceGloss');
    glossText.textContent = gloss ?? '';
    sentenceGloss.hidden = gloss === undefined;

    const who = annotation.fields.speaker?.trim() ?? '';
    speakerLabel.textContent = t('review:card.speaker');
    speakerValue.textContent = who !== '' ? who : t('review:card.noSpeaker');
    speakerValue.classList.toggle('is-missing', who === '');

    translationLabel.textContent = t('review:card.translation');
    const isSuggestion = review.origin === 'suggestion' && review.translation !== '';
    suggestionBadge.hidden = !isSuggestion;
    const wholeSentence = suggestionScope === 'sentence';
    suggestionBadge.textContent = wholeSentence
      ? t('review:card.suggestionWholeSentence')
      : t('review:card.suggestion');
    suggestionBadge.dataset.scope = suggestionScope ?? '';
    translation.classList.toggle('is-suggestion', isSuggestion);
    note.hidden = !isSuggestion && !(review.origin === 'suggestion' && suggestion === undefined);
    note.textContent = !isSuggestion
      ? t('review:card.noSuggestion')
      : wholeSentence
        ? t('review:card.suggestionNoteWholeSentence')
        : t('review:card.suggestionNote');
    if (note.hidden) translation.removeAttribute('aria-describedby');
    else translation.setAttribute('aria-describedby', ids.note);
    setValue(translation, review.translation);

    // aria-disabled, not disabled: a disabled button drops the focus it holds
    // (after it was just used to accept); pressed anyway, it says why not.
    accept.setAttribute('aria-disabled', String(!isSuggestion));
    accept.textContent = t('review:card.accept');
    accept.title = t('review:card.acceptTitle');
    approve.textContent = t('review:card.approve');
    approve.title = t('review:card.approveTitle');
    revise.textContent = t('review:card.needsRevision');
    revise.title = t('review:card.needsRevisionTitle');
    statusLabel.textContent = t('review:status.label');
    for (const [s, option] of statusOptions) option.textContent = t(`review:status.${s}`);
    statusSelect.value = review.status;

    commentLabel.textContent = t('review:card.comment');
    setValue(comment, review.comment);

    const parts: (string | Node)[] = [];
    if (current.stored) {
      parts.push(
        h(
          'time',
          { datetime: current.stored.modified },
          t('review:card.modified', { date: formatDate(current.stored.modified) }),
        ),
      );
    } else parts.push(t('review:card.notReviewed'));
    if (unsaved)
      parts.push(' · ', h('span', { class: 'review-unsaved' }, t('review:card.unsaved')));
    replaceChildren(modified, ...parts);
  }

  return {
    id,
    element,
    card,
    update(item, at, isUnsaved) {
      // The review shown is a pure function of the quote, its stored review
      // and the suggestion: when none of them changed, neither did the card.
      const same =
        item.annotation === current.annotation &&
        item.stored === current.stored &&
        item.suggestion === current.suggestion &&
        item.suggestionScope === current.suggestionScope &&
        item.sentenceGloss === current.sentenceGloss &&
        at === position &&
        isUnsaved === unsaved;
      current = item;
      position = at;
      unsaved = isUnsaved;
      if (!same || !rendered) render();
      rendered = true;
    },
    setCurrent(isCurrent) {
      if (isCurrent === wasCurrent) return;
      wasCurrent = isCurrent;
      card.tabIndex = isCurrent ? 0 : -1;
      card.classList.toggle('is-current', isCurrent);
      for (const c of controls) c.tabIndex = isCurrent ? 0 : -1;
    },
    focus() {
      card.focus();
      card.scrollIntoView({ block: 'nearest' });
    },
    focusTranslation() {
      translation.focus();
      translation.setSelectionRange(translation.value.length, translation.value.length);
    },
    focusComment() {
      comment.focus();
    },
    translate() {
      if (rendered) render();
    },
  };
}
