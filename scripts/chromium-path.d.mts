/** The path of a Chromium executable, or undefined when there is none. */
export function findChromium(): string | undefined;
/** The path of Chromium; '/usr/bin/chromium' when none is found (Playwright then explains). */
export function chromiumPath(): string;
/** The flags every headless run here uses. */
export const CHROMIUM_ARGS: string[];
