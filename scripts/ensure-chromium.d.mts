/** Parts of the machine ensureChromium looks at and changes (the tests pass fakes). */
export interface ChromiumMachine {
  find: () => string | undefined;
  isRoot: () => boolean;
  hasAptGet: () => boolean;
  install: () => unknown;
  version: (path: string) => string;
  env: Record<string, string | undefined>;
  log: (message: string) => void;
  error: (message: string) => void;
}
/** Makes sure a working Chromium is there; returns the exit status (0: it is). */
export function ensureChromium(deps?: Partial<ChromiumMachine>): 0 | 1;
