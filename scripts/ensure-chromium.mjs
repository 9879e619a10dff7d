// Run before the e2e tests: finds Debian's Chromium, installs it with apt-get
// when run as root, else stops with the one command to run.
import { execSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

if (!findChromium()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      'Chromium is not installed. Install it, then run the tests again:\n\n  sudo apt-get install -y chromium\n',
    );
    process.exit(1);
  }
  console.log("Chromium not found: installing Debian's chromium package…");
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  });
  if (!findChromium()) {
    console.error('apt-get ran but no Chromium was found at /usr/bin/chromium.');
    process.exit(1);
  }
}
