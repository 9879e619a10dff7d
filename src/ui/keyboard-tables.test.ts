// @vitest-environment jsdom
/**
 * The README's keyboard tables and the screens' command tables agree: every
 * command with keys has its row (keys as the in-app help shows them, and
 * its English label), and every row is a command. Adding a shortcut to a
 * screen's table without writing it in the README, or the other way round,
 * fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { initI18n, LAZY_NAMESPACES, loadLazyResources } from '../i18n/i18n';
import { helpRows, type Command } from '../dom/commands';
import { reviewCommands, type ReviewOps } from './review/review-keys';
import { libraryCommands, type LibraryOps } from './library/library-keys';
import { annotateCommands, annotateHelp, type AnnotateOps } from './annotate/annotate-keys';
import { searchCommands, type SearchOps } from './factcheck/search-keys';

const README = readFileSync(resolve('README.md'), 'utf8');

/** The rows [keys, what they do] of the first table under the heading `heading`. */
export function tableUnder(markdown: string, heading: string): [string, string][] {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => /^#{2,4} /.test(l) && l.replace(/^#+ /, '') === heading);
  if (at === -1) throw new Error(`README.md has no heading "${heading}"`);
  const rows: [string, string][] = [];
  let inTable = false;
  for (const line of lines.slice(at + 1)) {
    if (/^#{1,4} /.test(line)) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    if (cells.every((c) => /^-+$/.test(c))) continue;
    rows.push([cells[0]!.replace(/`/g, ''), cells[1]!]);
  }
  return rows.slice(1); // the header
}

/** Ops that do nothing: the tables only need the commands' keys and labels. */
function inert<T extends object>(): T {
  return new Proxy({} as T, { get: () => () => false });
}

const SCREENS: [string, () => Command<never>[]][] = [
  // Every feature's commands, as the help lists them once all have loaded.
  [
    'Annotate screen',
    () => annotateHelp(annotateCommands(inert<AnnotateOps>())) as Command<never>[],
  ],
  ['Review screen', () => reviewCommands(inert<ReviewOps>()) as Command<never>[]],
  ['Library screen', () => libraryCommands(inert<LibraryOps>()) as Command<never>[]],
  ['Search screen', () => searchCommands(inert<SearchOps>()) as Command<never>[]],
];

beforeAll(async () => {
  await initI18n('en');
  // The strings of features loaded on first use, as their modules add them.
  for (const ns of LAZY_NAMESPACES) await loadLazyResources(ns);
});

describe("the README's keyboard tables", () => {
  for (const [heading, commands] of SCREENS) {
    it(`"${heading}" lists exactly the screen's commands, as the help shows them`, () => {
      expect(tableUnder(README, heading)).toEqual(helpRows(commands()));
    });
  }

  it('a row missing, added or reworded is a difference', () => {
    const table = '## T\n\n| Keys | What |\n| - | - |\n| `J`, ↓ | Next |\n';
    expect(tableUnder(table, 'T')).toEqual([['J, ↓', 'Next']]);
    expect(tableUnder(table, 'T')).not.toEqual([
      ['J, ↓', 'Next'],
      ['K', 'Previous'],
    ]);
    expect(() => tableUnder(table, 'Missing')).toThrow(/"Missing"/);
  });
});
