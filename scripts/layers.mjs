// The dependency picture of src/, checked in `npm test` (scripts/layers.test.ts).
// Each top-level folder of src/ has a rank; a module may import from its own
// folder or from a folder of a lower rank, never from one of the same or a
// higher rank. The picture, lowest first:
//   model ← anchoring, i18n, dom ← glosses ← review ← store, exchange, mt
//         ← library, session, tm ← editor ← ui ← app ← main.ts
// (dom: DOM helpers, Trusted Types and the router, which know nothing of the app;
// mt: the optional machine-translation connectors, which know only model/;
// tm: the translation memory's worker and its client, over store and exchange.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export const LAYERS = {
  model: 0,
  anchoring: 1,
  i18n: 1,
  dom: 1,
  glosses: 2,
  review: 3,
  store: 4,
  exchange: 4,
  mt: 4,
  library: 5,
  session: 5,
  tm: 5,
  editor: 6,
  ui: 7,
  app: 8,
  'main.ts': 9,
};

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bnew URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The top-level entry of src/ a path (relative to src/) belongs to. */
function folderOf(path) {
  return path.split(sep)[0];
}

/** Relative imports of a module's source text, resolved against its path (relative to src/). */
export function importsOf(path, source) {
  const found = [];
  for (const match of source.matchAll(SPECIFIER)) {
    found.push(normalize(join(dirname(path), match[1])));
  }
  return found;
}

/**
 * Every import that runs against the picture: `modules` maps a path relative
 * to src/ to its source text. Returns one line per offending import.
 */
export function layerViolations(modules) {
  const problems = [];
  for (const [path, source] of modules) {
    const from = folderOf(path);
    const fromRank = LAYERS[from];
    if (fromRank === undefined) {
      problems.push(`${path}: src/${from} has no place in LAYERS (scripts/layers.mjs)`);
      continue;
    }
    for (const target of importsOf(path, source)) {
      if (target.startsWith('..')) continue; // outside src/ (locales, JSON resources)
      const to = folderOf(target);
      if (to === from) continue;
      const toRank = LAYERS[to];
      if (toRank === undefined || toRank >= fromRank) {
        problems.push(
          `${path} imports ${target}: ${from} (${fromRank}) may not depend on ${to} (${toRank ?? 'unranked'})`,
        );
      }
    }
  }
  return problems;
}

/** Reads every TypeScript module under a src/ folder: [path relative to it, text]. */
export function readModules(srcDir) {
  const modules = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ts$/.test(name))
        modules.push([relative(srcDir, full), readFileSync(full, 'utf8')]);
    }
  };
  walk(srcDir);
  return modules;
}
