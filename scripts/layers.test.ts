import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layerViolations, readModules } from './layers.mjs';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

describe('the dependency picture of src/', () => {
  it('has no import from a lower layer to a higher one', () => {
    expect(layerViolations(readModules(SRC))).toEqual([]);
  });

  it('catches an import that runs up, or across to a layer of the same rank', () => {
    const modules: [string, string][] = [
      ['editor/view.ts', "import { h } from '../ui/dom';"],
      ['store/db.ts', "import { parse } from '../exchange/w3c';"],
      ['ui/toolbar.ts', "import { h } from '../dom/h';\nimport type { X } from '../model/x';"],
      ['model/article.ts', "const worker = new URL('../app/worker.ts', import.meta.url);"],
      ['nowhere/x.ts', ''],
    ];
    const problems = layerViolations(modules);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(
      /^editor\/view\.ts imports ui\/dom: editor \(6\) may not depend on ui \(7\)/,
    );
    expect(problems[1]).toMatch(/store \(4\) may not depend on exchange \(4\)/);
    expect(problems[2]).toMatch(/model \(0\) may not depend on app \(8\)/);
    expect(problems[3]).toMatch(/src\/nowhere has no place in LAYERS/);
  });
});
