// Run before the e2e tests (the last step of `npm test`; the type check, lint
// and unit tests before it need no browser). Finds Debian's Chromium and checks
// that it starts; when it is missing, installs it with apt-get if run as root,
// else stops with the one command to run. Every failure is one plain message.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { findChromium } from './chromium-path.mjs';

const INSTALL = 'sudo apt-get install -y chromium';
const NEEDED = 'The e2e tests (the last step of npm test) drive Chromium';

const reason = (err) =>
  String(err?.stderr || err?.message || err)
    .trim()
    .split('\n')[0];

/** The default ways to look at, and change, the machine. */
const machine = {
  find: findChromium,
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  hasAptGet: () => existsSync('/usr/bin/apt-get'),
  install: () =>
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      { stdio: 'inherit' },
    ),
  version: (path) =>
    execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: 'pipe' }).trim(),
  env: process.env,
  log: (message) => console.log(message),
  error: (message) => console.error(message),
};

/**
 * Makes sure a working Chromium is there; returns the exit status (0: it is).
 * `deps` replaces parts of `machine` (the tests pass fakes).
 */
export function ensureChromium(deps = {}) {
  const m = { ...machine, ...deps };
  const wanted = m.env.CHROMIUM_PATH;
  if (wanted && !existsSync(wanted)) {
    m.error(`CHROMIUM_PATH is ${wanted}, but there is no file there; looking in /usr/bin.`);
  }
  let found = m.find();
  if (!found) {
    if (!m.isRoot()) {
      m.error(
        `Chromium is not installed. ${NEEDED} at /usr/bin/chromium.\n` +
          `Install it, then run the tests again:\n\n  ${INSTALL}\n`,
      );
      return 1;
    }
    if (!m.hasAptGet()) {
      m.error(
        `Chromium is not installed, and there is no apt-get to install it. ${NEEDED}: ` +
          'install Chromium, or set CHROMIUM_PATH to a Chromium executable.',
      );
      return 1;
    }
    m.log("Chromium is not installed: installing Debian's chromium package with apt-get…");
    try {
      m.install();
    } catch (err) {
      m.error(
        `apt-get could not install chromium (${reason(err)}). Install it by hand: ${INSTALL}`,
      );
      return 1;
    }
    found = m.find();
    if (!found) {
      m.error('apt-get ran, but there is still no Chromium at /usr/bin/chromium.');
      return 1;
    }
  }
  try {
    m.version(found);
  } catch (err) {
    m.error(
      `Chromium at ${found} does not start (${reason(err)}). ${NEEDED}; reinstall it:\n\n` +
        '  sudo apt-get install --reinstall -y chromium\n',
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = ensureChromium();
}
