/**
 * Commands: every action a screen offers, with its keys, in one table.
 *
 * A command is `{ id, keys, label, enabled(ctx), run(ctx) }`, in the spirit
 * of ProseMirror's `(state, dispatch?) => boolean`: `enabled` says whether
 * it applies (a button is enabled by asking it), `run` does it and says
 * whether it did. A screen lists its commands once; that list feeds
 *
 * - the screen's one key handler (`bindKeymap`), which dispatches a key to
 *   the first command whose keys match, that is enabled and that runs;
 * - the in-app help (`helpRows`);
 * - the README's keyboard tables, which a unit test checks against it
 *   (src/ui/keyboard-tables.test.ts).
 *
 * Adding a shortcut is one entry in a screen's table.
 *
 * Keys are written in `aria-keyshortcuts` syntax (WAI-ARIA 1.2): `+` joins
 * modifiers (Alt, Control, Meta, Shift) to a `KeyboardEvent.key` value, a
 * space separates alternatives — `"J ArrowDown"`, `"Control+Shift+Z Control+Y"`.
 * The same string goes on the command's button as its `aria-keyshortcuts`.
 *
 * Matching rules (see `matches`):
 * - letters compare case-insensitively (Caps Lock, or Shift+Z under Control);
 * - `Control` also matches Meta (⌘ on a Mac), as every handler here did;
 *   Ctrl, Alt and Meta must otherwise be exactly as written;
 * - a single-character key with no modifier written (`?`, `/`, `J`) ignores
 *   Shift — Shift is what makes `?` on most layouts, and what a held Shift
 *   does to a letter; any other key (arrows, Enter, or with a modifier)
 *   needs Shift exactly as written (`Control+Z` is not `Control+Shift+Z`);
 * - a digit also matches its key by position (`KeyboardEvent.code`
 *   `Digit1`), since Alt+1 on an AZERTY keyboard reports `&`;
 * - a letter with Alt also matches by position when the key pressed is not
 *   a letter: Option+M on a Mac reports `µ` (code `KeyM`).
 *
 * Pure apart from `bindKeymap`: the rest is tested without a DOM.
 */
import { isTypingTarget } from './h';

/** One action of a screen. `C` is what the screen passes to it: the state it acts on. */
export interface Command<C> {
  /** Stable name (tests, the README check, `data-command`). */
  id: string;
  /** Its shortcuts in aria-keyshortcuts syntax; '' for none (a button only). */
  keys: string;
  /** What it does, in the interface language (help, README check, titles). */
  label: () => string;
  /** Whether it applies now; calling it changes nothing. */
  enabled(ctx: C): boolean;
  /** Does it; false when it did not apply (the key then goes on to others, and to the browser). */
  run(ctx: C): boolean;
  /** Runs from inside a text field too (default: the field keeps its keys). */
  inFields?: boolean;
  /** How its keys are shown in the help, when the generated text would not say it well. */
  helpKeys?: string;
}

/** A shortcut, parsed. */
export interface Shortcut {
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

/** What `matches` reads of a key press (a KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const MODIFIERS = new Set(['Alt', 'Control', 'Shift', 'Meta']);

/** Parses one shortcut: `"Control+Shift+Z"`. A lone `+` is the plus key. */
export function parseShortcut(text: string): Shortcut {
  const parts = text === '+' ? ['+'] : text.split('+');
  const key = parts.pop() ?? '';
  const shortcut: Shortcut = { key, control: false, alt: false, shift: false, meta: false };
  for (const m of parts) {
    if (!MODIFIERS.has(m)) throw new Error(`Unknown modifier "${m}" in shortcut "${text}"`);
    shortcut[m.toLowerCase() as 'control' | 'alt' | 'shift' | 'meta'] = true;
  }
  return shortcut;
}

/** The alternatives of a `keys` string. */
export function parseKeys(keys: string): string[] {
  return keys.split(' ').filter((k) => k !== '');
}

/** Does the key press `e` match `shortcut` (rules in the module header)? */
export function matches(shortcut: Shortcut | string, e: KeyPress): boolean {
  const s = typeof shortcut === 'string' ? parseShortcut(shortcut) : shortcut;
  const single = [...s.key].length === 1;
  const sameKey =
    (single ? e.key.toLowerCase() === s.key.toLowerCase() : e.key === s.key) ||
    (/^[0-9]$/.test(s.key) && e.code === `Digit${s.key}`) ||
    (s.alt &&
      /^[a-z]$/i.test(s.key) &&
      !/^[a-z]$/i.test(e.key) &&
      e.code === `Key${s.key.toUpperCase()}`);
  if (!sameKey) return false;
  const control = s.control ? e.ctrlKey || e.metaKey : !e.ctrlKey && (s.meta || !e.metaKey);
  if (!control || e.altKey !== s.alt || (s.meta && !e.metaKey)) return false;
  const modified = s.control || s.alt || s.meta;
  return (single && !modified && !s.shift) || e.shiftKey === s.shift;
}

/** The shortcut of `command` that `e` matches, or null. */
export function matchingShortcut<C>(command: Command<C>, e: KeyPress): string | null {
  return parseKeys(command.keys).find((k) => matches(k, e)) ?? null;
}

/**
 * Runs the first command that a key press matches, is enabled in the
 * context and runs. `contextFor` builds the context with the shortcut that
 * matched (a command may act differently on `Home` and `End`). Returns the
 * command that ran, or null.
 */
export function dispatchKey<C>(
  commands: readonly Command<C>[],
  e: KeyPress,
  contextFor: (shortcut: string) => C,
  options: { typing?: boolean } = {},
): Command<C> | null {
  for (const command of commands) {
    if (options.typing && !command.inFields) continue;
    const shortcut = matchingShortcut(command, e);
    if (shortcut === null) continue;
    const ctx = contextFor(shortcut);
    if (command.enabled(ctx) && command.run(ctx)) return command;
  }
  return null;
}

const KEY_NAMES: Record<string, string> = {
  Control: 'Ctrl',
  Escape: 'Esc',
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  ' ': 'Space',
};

/** One shortcut as people read it: `Control+Shift+Z` → `Ctrl+Shift+Z`, `ArrowDown` → `↓`. */
export function displayShortcut(text: string): string {
  const s = parseShortcut(text);
  const mods = (['Control', 'Alt', 'Shift', 'Meta'] as const).filter(
    (m) => s[m.toLowerCase() as 'control' | 'alt' | 'shift' | 'meta'],
  );
  const key = KEY_NAMES[s.key] ?? ([...s.key].length === 1 ? s.key.toUpperCase() : s.key);
  return [...mods.map((m) => KEY_NAMES[m] ?? m), key].join('+');
}

/** A command's keys as the help and the README show them: alternatives joined by ", ". */
export function displayKeys<C>(command: Command<C>): string {
  return command.helpKeys ?? parseKeys(command.keys).map(displayShortcut).join(', ');
}

/** The rows of the help overlay, [keys, what they do], for the commands that have keys. */
export function helpRows<C>(commands: readonly Command<C>[]): [string, string][] {
  return commands.filter((c) => c.keys !== '').map((c) => [displayKeys(c), c.label()]);
}

/** The command of `id` in a table (a screen's buttons run their command by id). */
export function commandById<C>(commands: readonly Command<C>[], id: string): Command<C> {
  const command = commands.find((c) => c.id === id);
  if (!command) throw new Error(`No command "${id}"`);
  return command;
}

/**
 * Whether a dialog is open: the key's target is in one, or one is a child
 * of the body, where every dialog of the app is put (ui/dialogs.ts and the
 * other dialogs). Not `querySelector('dialog[open]')`: with no dialog open
 * it walked every element of the page on every key, 4 ms a key at 100,000
 * highlights (bench/, issue 20).
 */
function modalOpen(doc: Document, e: KeyboardEvent): boolean {
  if (e.target instanceof Element && e.target.closest('dialog[open]')) return true;
  for (const child of doc.body?.children ?? [])
    if (child.localName === 'dialog' && child.hasAttribute('open')) return true;
  return false;
}

/**
 * A screen's one key handler, as a function of the key event: dispatches
 * each key press to `commands` (dispatchKey). Keys already handled
 * (`defaultPrevented`), and every key while a modal dialog is open (the
 * dialog has them), are left alone; in a text field only commands marked
 * `inFields` run. A command that ran takes the key (preventDefault).
 * Returns whether one ran. A press is dispatched once even when the
 * handler is reached twice (from a ProseMirror view, before its own
 * defaults, and from `document`).
 */
export function keyHandler<C>(
  commands: readonly Command<C>[],
  contextFor: (e: KeyboardEvent, shortcut: string) => C,
  target: Document = document,
): (e: KeyboardEvent) => boolean {
  const seen = new WeakSet<Event>();
  return (e) => {
    if (seen.has(e)) return false;
    seen.add(e);
    if (e.defaultPrevented || modalOpen(target, e)) return false;
    const ran = dispatchKey(commands, e, (shortcut) => contextFor(e, shortcut), {
      typing: isTypingTarget(e.target),
    });
    if (ran) e.preventDefault();
    return ran !== null;
  };
}

/**
 * A screen's one key handler on `document` (keyHandler); returns what
 * removes it (for destroy).
 */
export function bindKeymap<C>(
  commands: readonly Command<C>[],
  contextFor: (e: KeyboardEvent, shortcut: string) => C,
  options: { target?: Document; handler?: (e: KeyboardEvent) => boolean } = {},
): () => void {
  const target = options.target ?? document;
  const handler = options.handler ?? keyHandler(commands, contextFor, target);
  const onKeyDown = (e: KeyboardEvent): void => void handler(e);
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}

/** An action a module provides to a screen's commands: false when it did not apply. */
export type LazyAction = () => boolean | void;

/**
 * The actions of a screen's lazy features: modules loaded after the first
 * frame (or parts the screen does not own) `provide` them to its commands
 * table, which runs them by name (`get`). One mechanism for every lazy
 * feature, so that no key is lost while its code is on the way:
 *
 * - `expect(names)` says a module that provides `names` is loading. Until
 *   it does, `get` gives an action that holds the key press and takes it
 *   (the browser does not act on it either); when the module provides the
 *   feature, the held press runs — after the code that provided it has
 *   finished (a microtask), so the module is set up when its action runs.
 * - Only the latest held press is kept: two shortcuts pressed before their
 *   features arrive open one dialog, not a stack of them.
 * - The function `expect` returns withdraws the expectation (the load
 *   failed, or the screen went away): a held press of it is dropped and its
 *   keys go to the browser again.
 * - `has` is true only once provided (the help lists what is there).
 *
 * Pure: tested without a DOM (commands.test.ts).
 */
export class LazyActions<F extends string> {
  private readonly provided = new Map<F, LazyAction>();
  private readonly expected = new Map<F, number>();
  private held: F | null = null;

  /** A module that will provide `names` is loading; returns what withdraws that. */
  expect(names: readonly F[]): () => void {
    for (const name of names) this.expected.set(name, (this.expected.get(name) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      for (const name of names) {
        const left = (this.expected.get(name) ?? 0) - 1;
        if (left > 0) this.expected.set(name, left);
        else {
          this.expected.delete(name);
          if (this.held === name && !this.provided.has(name)) this.held = null;
        }
      }
    };
  }

  /** Provides actions (a held press of one of them runs next); returns what withdraws them. */
  provide(actions: Partial<Record<F, LazyAction>>): () => void {
    const entries = Object.entries(actions) as [F, LazyAction][];
    for (const [name, action] of entries) this.provided.set(name, action);
    const held = this.held;
    if (held !== null && entries.some(([name]) => name === held)) {
      this.held = null;
      queueMicrotask(() => void this.provided.get(held)?.());
    }
    return () => {
      for (const [name, action] of entries)
        if (this.provided.get(name) === action) this.provided.delete(name);
    };
  }

  /** Whether `name` has been provided. */
  has(name: F): boolean {
    return this.provided.has(name);
  }

  /**
   * The action of `name`: the provided one; while it is expected, one that
   * holds the press for when it arrives; else undefined (its commands do not apply).
   */
  get(name: F): LazyAction | undefined {
    const action = this.provided.get(name);
    if (action) return action;
    if (!this.expected.has(name)) return undefined;
    return () => {
      this.held = name;
      return true;
    };
  }
}
