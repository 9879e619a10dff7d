/**
 * Where an article was published — its web address, publisher, author and
 * date — shown and edited in one small form (the library's "Source"
 * button). Filled on import from the page's metadata when it had some
 * (library/extract/origin.ts). The address must be an absolute http(s)
 * URL: it becomes the W3C and Hypothesis target, so an annotation can be
 * placed on the publisher's page.
 */
import {
  cleanOrigin,
  MAX_ORIGIN_LENGTH,
  ORIGIN_FIELDS,
  webAddress,
  type ArticleOrigin,
  type StoredArticle,
} from '../../model/article';
import { h } from '../../dom/h';
import { button, buttonRow, openModal } from './modal';
import { say } from './text';

/** Resolves the edited origin (null for "none left"), or undefined when cancelled. */
export async function originDialog(
  article: StoredArticle,
): Promise<ArticleOrigin | null | undefined> {
  const result = await openModal<{ origin: ArticleOrigin | null }>(
    'library-origin',
    say('origin.title', { title: article.title }),
    ({ titleId, dialog, finish, cancel }) => {
      const inputs = Object.fromEntries(
        ORIGIN_FIELDS.map((field) => {
          const input = h('input', {
            id: `${titleId}-${field}`,
            name: field,
            type: field === 'url' ? 'url' : 'text',
            autocomplete: 'off',
            maxlength: MAX_ORIGIN_LENGTH,
            'aria-describedby': field === 'url' ? `${titleId}-url-error` : null,
          });
          input.value = article.origin?.[field] ?? '';
          return [field, input];
        }),
      ) as Record<(typeof ORIGIN_FIELDS)[number], HTMLInputElement>;
      const urlError = h('p', {
        id: `${titleId}-url-error`,
        class: 'library-field-error',
        role: 'alert',
      });
      urlError.hidden = true;
      const form = h(
        'form',
        { class: 'library-form', novalidate: true },
        h('p', { class: 'library-note' }, say('origin.intro')),
        ...ORIGIN_FIELDS.map((field) =>
          h(
            'div',
            { class: 'library-field' },
            h('label', { for: inputs[field].id }, say(`origin.${field}`)),
            inputs[field],
            field === 'url' && urlError,
          ),
        ),
        buttonRow(
          button(say('origin.save'), () => undefined, { type: 'submit' }),
          button(say('origin.cancel'), cancel, { className: 'secondary' }),
        ),
      );
      inputs.url.addEventListener('input', () => {
        urlError.hidden = true;
        inputs.url.removeAttribute('aria-invalid');
      });
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const url = inputs.url.value.trim();
        if (url !== '' && !webAddress(url)) {
          urlError.textContent = say('origin.badUrl');
          urlError.hidden = false;
          inputs.url.setAttribute('aria-invalid', 'true');
          inputs.url.focus();
          return;
        }
        const values = Object.fromEntries(ORIGIN_FIELDS.map((f) => [f, inputs[f].value]));
        finish({ origin: cleanOrigin(values) ?? null });
      });
      dialog.append(form);
      return inputs.url;
    },
  );
  return result === null ? undefined : result.origin;
}
