/**
 * Modal dialogs of the library, on <dialog>: the browser traps focus,
 * Escape closes, and focus goes back to where it was. Each dialog resolves
 * a promise with what the person chose, or null when they cancelled.
 */
import { h } from '../../dom/h';

let counter = 0;

export interface ModalParts<T> {
  dialog: HTMLDialogElement;
  /** The id of the dialog's heading, for aria-labelledby. */
  titleId: string;
  /** Closes the dialog with a result. */
  finish(value: T): void;
  /** Closes the dialog without one. */
  cancel(): void;
}

/**
 * Opens a modal with heading `title`; `build` fills it and returns the
 * element to focus first.
 */
export function openModal<T>(
  className: string,
  title: string,
  build: (parts: ModalParts<T>) => HTMLElement | null,
): Promise<T | null> {
  const titleId = `library-dialog-${++counter}`;
  const dialog = h('dialog', { class: `library-dialog ${className}`, 'aria-labelledby': titleId });
  dialog.append(h('h2', { id: titleId }, title));
  let result: T | null = null;
  return new Promise((resolve) => {
    const parts: ModalParts<T> = {
      dialog,
      titleId,
      finish(value) {
        result = value;
        dialog.close();
      },
      cancel() {
        dialog.close();
      },
    };
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    const first = build(parts);
    document.body.append(dialog);
    dialog.showModal();
    first?.focus();
  });
}

/** A row of dialog buttons: the main action first in the reading order. */
export function buttonRow(...buttons: HTMLButtonElement[]): HTMLElement {
  return h('div', { class: 'library-dialog-buttons' }, ...buttons);
}

/** A plain button. */
export function button(
  label: string,
  run: () => void,
  options: { className?: string; type?: 'button' | 'submit' } = {},
): HTMLButtonElement {
  const el = h('button', { type: options.type ?? 'button', class: options.className }, label);
  if ((options.type ?? 'button') === 'button') el.addEventListener('click', run);
  return el;
}
