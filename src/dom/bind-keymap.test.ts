// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindKeymap, type Command } from './commands';

afterEach(() => document.body.replaceChildren());

function setUp() {
  const ran: string[] = [];
  const commands: Command<{ shortcut: string }>[] = [
    {
      id: 'help',
      keys: '?',
      label: () => 'Help',
      enabled: () => true,
      run: (c) => (ran.push(`help ${c.shortcut}`), true),
    },
    {
      id: 'leave',
      keys: 'Escape',
      label: () => 'Leave',
      inFields: true,
      enabled: () => true,
      run: () => (ran.push('leave'), true),
    },
  ];
  const unbind = bindKeymap(commands, (_e, shortcut) => ({ shortcut }));
  const press = (key: string, target: EventTarget = document.body) => {
    const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(e);
    return e.defaultPrevented;
  };
  return { ran, unbind, press };
}

describe('bindKeymap', () => {
  it('runs the command and takes the key', () => {
    const { ran, press, unbind } = setUp();
    expect(press('?')).toBe(true);
    expect(press('x')).toBe(false);
    expect(ran).toEqual(['help ?']);
    unbind();
    expect(press('?')).toBe(false);
    expect(ran).toEqual(['help ?']);
  });

  it('leaves a text field its keys, except commands marked inFields', () => {
    const { ran, press, unbind } = setUp();
    const field = document.createElement('input');
    document.body.append(field);
    expect(press('?', field)).toBe(false);
    expect(press('Escape', field)).toBe(true);
    expect(ran).toEqual(['leave']);
    unbind();
  });

  it('leaves every key to an open dialog, and a key already handled alone', () => {
    const { ran, press, unbind } = setUp();
    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    document.body.append(dialog);
    expect(press('?')).toBe(false);
    dialog.remove();
    // A dialog elsewhere than the body's children: a key from inside it is left alone too.
    const holder = document.createElement('div');
    const nested = document.createElement('dialog');
    nested.setAttribute('open', '');
    const inside = document.createElement('button');
    nested.append(inside);
    holder.append(nested);
    document.body.append(holder);
    expect(press('?', inside)).toBe(false);
    holder.remove();
    expect(press('?')).toBe(true);
    ran.length = 0;
    const handled = vi.fn((e: Event) => e.preventDefault());
    document.body.addEventListener('keydown', handled);
    press('?');
    expect(handled).toHaveBeenCalled();
    expect(ran).toEqual([]);
    unbind();
  });
});
