/**
 * `npm test` says plainly what to do when Chromium is missing or broken,
 * installs it only as root with apt-get, and is silent when all is well.
 */
import { describe, expect, it } from 'vitest';
import { ensureChromium, type ChromiumMachine } from './ensure-chromium.mjs';

function machine(over: Partial<ChromiumMachine> = {}) {
  const said: string[] = [];
  const errors: string[] = [];
  let installs = 0;
  const deps: Partial<ChromiumMachine> = {
    find: () => '/usr/bin/chromium',
    isRoot: () => false,
    hasAptGet: () => true,
    install: () => {
      installs++;
    },
    version: () => 'Chromium 156',
    env: {},
    log: (m) => said.push(m),
    error: (m) => errors.push(m),
    ...over,
  };
  return { deps, said, errors, installs: () => installs };
}

describe('ensureChromium', () => {
  it('is silent when a working Chromium is there', () => {
    const m = machine();
    expect(ensureChromium(m.deps)).toBe(0);
    expect([...m.said, ...m.errors]).toEqual([]);
  });

  it('stops with the one command to run when it is missing and not root', () => {
    const m = machine({ find: () => undefined });
    expect(ensureChromium(m.deps)).toBe(1);
    expect(m.installs()).toBe(0);
    expect(m.errors).toHaveLength(1);
    expect(m.errors[0]).toMatch(/^Chromium is not installed\./);
    expect(m.errors[0]).toContain('\n  sudo apt-get install -y chromium\n');
  });

  it('installs it with apt-get as root, then goes on', () => {
    let present = false;
    const m = machine({
      isRoot: () => true,
      find: () => (present ? '/usr/bin/chromium' : undefined),
      install: () => {
        present = true;
      },
    });
    expect(ensureChromium(m.deps)).toBe(0);
    expect(m.said).toEqual([
      "Chromium is not installed: installing Debian's chromium package with apt-get…",
    ]);
    expect(m.errors).toEqual([]);
  });

  it('says so in one line when apt-get fails or installs nothing, or is not there', () => {
    const failing = machine({
      isRoot: () => true,
      find: () => undefined,
      install: () => {
        throw Object.assign(new Error('Command failed'), {
          stderr: 'E: Unable to locate package\n',
        });
      },
    });
    expect(ensureChromium(failing.deps)).toBe(1);
    expect(failing.errors).toEqual([
      'apt-get could not install chromium (E: Unable to locate package). Install it by hand: sudo apt-get install -y chromium',
    ]);
    const empty = machine({ isRoot: () => true, find: () => undefined });
    expect(ensureChromium(empty.deps)).toBe(1);
    expect(empty.errors).toEqual([
      'apt-get ran, but there is still no Chromium at /usr/bin/chromium.',
    ]);
    const noApt = machine({ isRoot: () => true, hasAptGet: () => false, find: () => undefined });
    expect(ensureChromium(noApt.deps)).toBe(1);
    expect(noApt.installs()).toBe(0);
    expect(noApt.errors[0]).toMatch(/no apt-get to install it.*set CHROMIUM_PATH/);
  });

  it('says when the Chromium found does not start', () => {
    const m = machine({
      version: () => {
        throw new Error('spawnSync /usr/bin/chromium EACCES');
      },
    });
    expect(ensureChromium(m.deps)).toBe(1);
    expect(m.errors[0]).toMatch(
      /^Chromium at \/usr\/bin\/chromium does not start \(spawnSync \/usr\/bin\/chromium EACCES\)/,
    );
    expect(m.errors[0]).toContain('sudo apt-get install --reinstall -y chromium');
  });

  it('says when CHROMIUM_PATH names nothing', () => {
    const m = machine({ env: { CHROMIUM_PATH: '/nowhere/chromium' } });
    expect(ensureChromium(m.deps)).toBe(0);
    expect(m.errors).toEqual([
      'CHROMIUM_PATH is /nowhere/chromium, but there is no file there; looking in /usr/bin.',
    ]);
  });
});
