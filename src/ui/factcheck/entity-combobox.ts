/**
 * Autocomplete of the library's entities on a text box (the speaker or
 * claimant field): an ARIA 1.2 combobox with a listbox popup. Typing shows
 * the entities whose name or alias matches, and an option to add what is
 * typed as a new one; ↓/↑ move through them, Enter picks, Escape closes the
 * list (and only the list). The box's text stays free text: picking writes
 * the entity's name into it, through its own `input` event.
 */
import { matchEntities, entityNamed, type Entity } from '../../model/factcheck';
import { t } from '../../i18n/i18n';
import { h } from '../../dom/h';

export interface EntityComboboxOptions {
  entities(): Iterable<Entity>;
  /** An existing entity was picked. */
  choose(entity: Entity): void;
  /** "Add …" was picked: create an entity of this name. */
  create(name: string): void;
}

export interface EntityCombobox {
  /** On for the speaker and claimant fields, off for the date. */
  setEnabled(on: boolean): void;
  close(): void;
  destroy(): void;
}

let serial = 0;

export function attachEntityCombobox(
  input: HTMLInputElement,
  options: EntityComboboxOptions,
): EntityCombobox {
  const id = `entity-options-${++serial}`;
  const list = h('ul', { id, role: 'listbox', class: 'entity-options', hidden: true });
  input.after(list);
  let enabled = false;
  /** What each option does, in order. */
  let actions: (() => void)[] = [];
  let active = -1;

  function setEnabled(on: boolean): void {
    enabled = on;
    if (on) {
      input.setAttribute('role', 'combobox');
      input.setAttribute('aria-autocomplete', 'list');
      input.setAttribute('aria-controls', id);
      input.setAttribute('aria-expanded', 'false');
    } else {
      for (const a of [
        'role',
        'aria-autocomplete',
        'aria-controls',
        'aria-expanded',
        'aria-activedescendant',
      ])
        input.removeAttribute(a);
      close();
    }
  }

  function close(): void {
    list.hidden = true;
    list.replaceChildren();
    actions = [];
    active = -1;
    if (enabled) input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function open(): void {
    const typed = input.value.trim();
    list.replaceChildren();
    actions = [];
    active = -1;
    if (!typed) return close();
    const all = [...options.entities()];
    for (const entity of matchEntities(all, typed)) {
      const alias = entity.aliases.find((a) => a.toLowerCase().startsWith(typed.toLowerCase()));
      addOption(
        [
          h('span', { class: 'entity-name' }, entity.name),
          ' ',
          h('span', { class: 'entity-type' }, t(`factcheck:entity.type.${entity.type}`)),
          ...(alias
            ? [
                ' ',
                h(
                  'span',
                  { class: 'entity-alias' },
                  t('factcheck:entity.alias', { alias, interpolation: { escapeValue: false } }),
                ),
              ]
            : []),
        ],
        () => pick(entity),
        entity.id,
      );
    }
    if (!entityNamed(all, typed))
      addOption(
        [t('factcheck:entity.create', { name: typed, interpolation: { escapeValue: false } })],
        () => {
          close();
          options.create(typed);
        },
        'new',
      );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function addOption(content: (string | Node)[], action: () => void, key: string): void {
    const index = actions.length;
    const option = h(
      'li',
      {
        id: `${id}-${index}`,
        role: 'option',
        class: 'entity-option',
        'aria-selected': 'false',
        'data-entity': key,
      },
      ...content,
    );
    // mousedown, not click: the box keeps its focus (and its typing).
    option.addEventListener('mousedown', (e) => {
      e.preventDefault();
      action();
    });
    list.append(option);
    actions.push(action);
  }

  function pick(entity: Entity): void {
    close();
    if (input.value !== entity.name) {
      input.value = entity.name;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    options.choose(entity);
  }

  function move(to: number): void {
    const options = [...list.children];
    if (options.length === 0) return;
    active = (to + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', options[active]!.id);
    options[active]!.scrollIntoView?.({ block: 'nearest' });
  }

  const onInput = (e: Event) => {
    // Our own input event (a pick) must not reopen the list.
    if (enabled && e.isTrusted) open();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!enabled) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) open();
      move(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && !list.hidden && actions.length) {
      e.preventDefault();
      // Enter with nothing highlighted takes the first option: the best match, or "Add".
      actions[Math.max(0, active)]!();
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };
  const onBlur = () => close();
  input.addEventListener('input', onInput);
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('blur', onBlur);

  return {
    setEnabled,
    close,
    destroy() {
      input.removeEventListener('input', onInput);
      input.removeEventListener('keydown', onKeyDown);
      input.removeEventListener('blur', onBlur);
      setEnabled(false);
      list.remove();
    },
  };
}
