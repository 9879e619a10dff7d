import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the benchmark, without types.
import * as build from './build.mjs';

const { ROOT, appRoot, benchOption } = build as {
  ROOT: string;
  appRoot(argv: string[]): string;
  benchOption(argv: string[], name: string): string | undefined;
};

describe("the benchmarks' options", () => {
  it('reads --name=value, the first of its name, and nothing from a longer or bare name', () => {
    const argv = ['--large', '--port=4721', '--only=import,scroll', '--port=1', '--portal=2'];
    expect(benchOption(argv, 'port')).toBe('4721');
    expect(benchOption(argv, 'only')).toBe('import,scroll');
    expect(benchOption(argv, 'large')).toBeUndefined();
    expect(benchOption(argv, 'counts')).toBeUndefined();
    expect(benchOption(['--trace=a=b'], 'trace')).toBe('a=b');
  });

  it('builds this checkout unless --app-root names another, resolved from the working folder', () => {
    expect(ROOT).toBe(resolve(import.meta.dirname, '..'));
    expect(appRoot(['--tiny'])).toBe(ROOT);
    expect(appRoot(['--app-root=../other'])).toBe(resolve('../other'));
    expect(appRoot(['--app-root=/tmp/x'])).toBe(join('/tmp', 'x'));
  });
});
