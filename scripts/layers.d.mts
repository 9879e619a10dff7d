/** Rank of each top-level entry of src/: imports run from higher ranks to lower ones only. */
export const LAYERS: Record<string, number>;
/** Relative imports of a module, resolved against its path relative to src/. */
export function importsOf(path: string, source: string): string[];
/** One line per import that runs against the picture. */
export function layerViolations(modules: Iterable<[string, string]>): string[];
/** Every TypeScript module under a folder: [path relative to it, text]. */
export function readModules(srcDir: string): [string, string][];
