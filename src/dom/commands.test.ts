import { describe, expect, it, vi } from 'vitest';
import {
  commandById,
  dispatchKey,
  displayKeys,
  displayShortcut,
  helpRows,
  LazyActions,
  matches,
  matchingShortcut,
  parseShortcut,
  type Command,
  type KeyPress,
} from './commands';

/** A key press as a KeyboardEvent would report it. */
function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods };
}

describe('parseShortcut', () => {
  it('reads modifiers and the key', () => {
    expect(parseShortcut('Control+Shift+Z')).toEqual({
      key: 'Z',
      control: true,
      alt: false,
      shift: true,
      meta: false,
    });
    expect(parseShortcut('+').key).toBe('+');
    expect(parseShortcut('?').key).toBe('?');
  });
  it('refuses a modifier it does not know, naming it', () => {
    expect(() => parseShortcut('Ctrl+Z')).toThrow(/"Ctrl"/);
  });
});

describe('matches', () => {
  it('compares letters without case, other keys exactly', () => {
    expect(matches('J', press('j'))).toBe(true);
    expect(matches('J', press('J'))).toBe(true);
    expect(matches('J', press('k'))).toBe(false);
    expect(matches('ArrowDown', press('ArrowDown'))).toBe(true);
    expect(matches('ArrowDown', press('arrowdown'))).toBe(false);
  });

  it('takes Control for Ctrl or Meta, and a plain key for neither', () => {
    expect(matches('Control+Z', press('z', { ctrlKey: true }))).toBe(true);
    expect(matches('Control+Z', press('z', { metaKey: true }))).toBe(true);
    expect(matches('Control+Z', press('z'))).toBe(false);
    expect(matches('Z', press('z', { ctrlKey: true }))).toBe(false);
    expect(matches('Z', press('z', { metaKey: true }))).toBe(false);
    expect(matches('Meta+K', press('k', { metaKey: true }))).toBe(true);
    expect(matches('Meta+K', press('k', { ctrlKey: true }))).toBe(false);
  });

  it('needs Alt exactly as written', () => {
    expect(matches('Alt+T', press('t', { altKey: true }))).toBe(true);
    expect(matches('Alt+T', press('t'))).toBe(false);
    expect(matches('T', press('t', { altKey: true }))).toBe(false);
    expect(matches('Alt+T', press('t', { altKey: true, ctrlKey: true }))).toBe(false);
  });

  it('needs Shift exactly as written, with a modifier or on a named key', () => {
    expect(matches('Control+Z', press('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matches('Control+Shift+Z', press('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matches('Control+Shift+Z', press('z', { ctrlKey: true }))).toBe(false);
    expect(matches('ArrowDown', press('ArrowDown', { shiftKey: true }))).toBe(false);
    expect(matches('Enter', press('Enter', { shiftKey: true }))).toBe(false);
    expect(matches('Shift+Enter', press('Enter', { shiftKey: true }))).toBe(true);
  });

  it('lets Shift make a single character: ?, /, a held-Shift letter', () => {
    expect(matches('?', press('?', { shiftKey: true }))).toBe(true);
    expect(matches('?', press('?'))).toBe(true);
    expect(matches('/', press('/'))).toBe(true);
    expect(matches('/', press('/', { shiftKey: true }))).toBe(true);
    expect(matches('/', press('/', { ctrlKey: true }))).toBe(false);
    expect(matches('S', press('S', { shiftKey: true }))).toBe(true);
    expect(matches('?', press('/'))).toBe(false);
  });

  it('finds a digit by its key or its position (Alt+1 on AZERTY reports "&")', () => {
    expect(matches('Alt+1', press('1', { altKey: true, code: 'Digit1' }))).toBe(true);
    expect(matches('Alt+1', press('&', { altKey: true, code: 'Digit1' }))).toBe(true);
    expect(matches('Alt+1', press('&', { altKey: true, code: 'Digit2' }))).toBe(false);
    expect(matches('Alt+1', press('1', { code: 'Digit1' }))).toBe(false);
  });
});

interface Ctx {
  here: string | null;
  shortcut: string;
  log: string[];
}

function table(): Command<Ctx>[] {
  return [
    {
      id: 'next',
      keys: 'J ArrowDown',
      label: () => 'Next',
      enabled: (c) => c.here !== null || c.shortcut === 'J',
      run: (c) => (c.log.push(`next via ${c.shortcut}`), true),
    },
    {
      id: 'firstLast',
      keys: 'Home End',
      label: () => 'First / last',
      enabled: (c) => c.here !== null,
      run: (c) => (c.log.push(c.shortcut === 'Home' ? 'first' : 'last'), true),
    },
    {
      id: 'leave',
      keys: 'Escape',
      label: () => 'Leave the field',
      inFields: true,
      enabled: () => true,
      run: (c) => (c.log.push('leave'), true),
    },
    {
      id: 'declines',
      keys: 'X',
      label: () => 'Applies but does nothing',
      enabled: () => true,
      run: () => false,
    },
    {
      id: 'fallback',
      keys: 'X',
      label: () => 'Second on X',
      enabled: () => true,
      run: (c) => (c.log.push('fallback'), true),
    },
    {
      id: 'button',
      keys: '',
      label: () => 'A button only',
      enabled: () => true,
      run: () => true,
    },
  ];
}

describe('dispatchKey', () => {
  function run(e: KeyPress, here: string | null, typing = false) {
    const log: string[] = [];
    const ran = dispatchKey(table(), e, (shortcut) => ({ here, shortcut, log }), { typing });
    return { ran: ran?.id ?? null, log };
  }

  it('runs the matching command with the shortcut that matched', () => {
    expect(run(press('ArrowDown'), 'q1')).toEqual({ ran: 'next', log: ['next via ArrowDown'] });
    expect(run(press('End'), 'q1')).toEqual({ ran: 'firstLast', log: ['last'] });
    expect(run(press('Home'), 'q1')).toEqual({ ran: 'firstLast', log: ['first'] });
  });

  it('runs nothing when the command is not enabled (the key goes to the browser)', () => {
    expect(run(press('ArrowDown'), null)).toEqual({ ran: null, log: [] });
    expect(run(press('j'), null)).toEqual({ ran: 'next', log: ['next via J'] });
    expect(run(press('Home'), null)).toEqual({ ran: null, log: [] });
  });

  it('goes on to the next command when one declines', () => {
    expect(run(press('x'), null)).toEqual({ ran: 'fallback', log: ['fallback'] });
  });

  it('in a text field, runs only the commands marked inFields', () => {
    expect(run(press('j'), 'q1', true)).toEqual({ ran: null, log: [] });
    expect(run(press('Escape'), 'q1', true)).toEqual({ ran: 'leave', log: ['leave'] });
  });

  it('never runs a command without keys from a key', () => {
    expect(matchingShortcut(commandById(table(), 'button'), press(''))).toBeNull();
  });
});

describe('help', () => {
  it('shows keys as people read them', () => {
    expect(displayShortcut('Control+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(displayShortcut('ArrowDown')).toBe('↓');
    expect(displayShortcut('Escape')).toBe('Esc');
    expect(displayShortcut('j')).toBe('J');
    expect(displayShortcut('?')).toBe('?');
    expect(displayKeys(table()[0]!)).toBe('J, ↓');
  });

  it('lists every command with keys, in table order, and no other', () => {
    expect(helpRows(table())).toEqual([
      ['J, ↓', 'Next'],
      ['Home, End', 'First / last'],
      ['Esc', 'Leave the field'],
      ['X', 'Applies but does nothing'],
      ['X', 'Second on X'],
    ]);
  });

  it('commandById names the missing id', () => {
    expect(() => commandById(table(), 'nope')).toThrow(/"nope"/);
  });
});

describe('LazyActions: keys of features still loading', () => {
  const settle = () => new Promise<void>((r) => queueMicrotask(r));

  it('neither provided nor expected: no action, so the key goes to the browser', () => {
    const actions = new LazyActions<'export'>();
    expect(actions.get('export')).toBeUndefined();
    expect(actions.has('export')).toBe(false);
  });

  it('a press while its module loads is held, taken, and run once when the module provides it', async () => {
    const actions = new LazyActions<'export' | 'import'>();
    actions.expect(['export', 'import']);
    expect(actions.has('export')).toBe(false);
    expect(actions.get('export')!()).toBe(true); // taken: not lost to the browser
    const exportDialog = vi.fn();
    actions.provide({ export: exportDialog, import: vi.fn() });
    // After the code that provided it has finished.
    expect(exportDialog).not.toHaveBeenCalled();
    await settle();
    expect(exportDialog).toHaveBeenCalledTimes(1);
    expect(actions.has('export')).toBe(true);
    expect(actions.get('export')).toBe(exportDialog);
    await settle();
    expect(exportDialog).toHaveBeenCalledTimes(1);
  });

  it('only the latest held press runs, when its own feature arrives', async () => {
    const actions = new LazyActions<'export' | 'import' | 'tm'>();
    actions.expect(['export', 'import']);
    actions.expect(['tm']);
    actions.get('export')!();
    actions.get('tm')!();
    const exportDialog = vi.fn();
    const tm = vi.fn();
    actions.provide({ export: exportDialog, import: vi.fn() });
    await settle();
    expect(exportDialog).not.toHaveBeenCalled();
    actions.provide({ tm });
    await settle();
    expect(tm).toHaveBeenCalledTimes(1);
    expect(exportDialog).not.toHaveBeenCalled();
  });

  it('a withdrawn expectation (load failed, screen gone) drops the held press and frees the key', async () => {
    const actions = new LazyActions<'factcheck'>();
    const withdraw = actions.expect(['factcheck']);
    actions.get('factcheck')!();
    withdraw();
    withdraw(); // twice is once
    expect(actions.get('factcheck')).toBeUndefined();
    const late = vi.fn();
    actions.provide({ factcheck: late });
    await settle();
    expect(late).not.toHaveBeenCalled();
  });

  it('a withdrawn action is gone; a newer one of the same name stays', () => {
    const actions = new LazyActions<'tm'>();
    const first = vi.fn();
    const second = vi.fn();
    const withdrawFirst = actions.provide({ tm: first });
    actions.provide({ tm: second });
    withdrawFirst();
    expect(actions.get('tm')).toBe(second);
  });
});
