/**
 * Helpers for the e2e specs: UI strings come from locales/ (never
 * hard-coded), text is selected the way a person does it (mouse drag,
 * Shift+arrows), and stored records are read straight from IndexedDB.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { groupIntoPages, type AnnotationPage } from '../src/store/annotation-pages';
import type { Annotation } from '../src/model/annotation';

type Tree = { [key: string]: string | Tree };
const cache = new Map<string, Tree>();
function namespace(lng: string, ns: string): Tree {
  const id = `${lng}/${ns}`;
  if (!cache.has(id)) {
    cache.set(
      id,
      JSON.parse(readFileSync(new URL(`../locales/${id}.json`, import.meta.url), 'utf8')) as Tree,
    );
  }
  return cache.get(id)!;
}

/**
 * A UI string from locales/<lng>/<ns>.json, with {{x}} filled in.
 * The key is "a.b" for the ui namespace, "ns:a.b" for another.
 */
export function ui(key: string, values: Record<string, string | number> = {}, lng = 'en'): string {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['ui', key];
  let node: string | Tree | undefined = namespace(lng, ns);
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no UI string ${lng}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}

export const SEED_TEXT = readFileSync(
  new URL('fixtures/articles/parler-amazon.fr.txt', import.meta.url),
  'utf8',
).replace(/\n$/, '');
export const SEED_BLOCKS = SEED_TEXT.split('\n');
/** The canonical text: blocks joined with "\n\n". */
export const CANONICAL = SEED_BLOCKS.join('\n\n');

/** Code-point offset of `needle` in the canonical text (the article has no astral characters, but count properly anyway). */
export function offsetOf(needle: string, from = 0): number {
  const u = CANONICAL.indexOf(needle, from);
  if (u < 0) throw new Error(`not in the article: ${needle}`);
  return Array.from(CANONICAL.slice(0, u)).length;
}

export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
}

/** The article's blocks, in order (the article groups them in sections, src/editor/schema.ts). */
export const ARTICLE_BLOCKS = '#article-text > .article-group > .article-section > *';

/**
 * The article's text as the page shows it: each block's text, joined as the
 * canonical text is. The block separators drawn in the DOM for selector
 * matchers (src/editor/plugins/block-separators.ts) are not a block's text.
 */
export async function shownText(page: Page): Promise<string> {
  return page.locator('#article-text').evaluate((el) =>
    [...el.querySelectorAll(':scope > .article-group > .article-section > *')]
      .map((b) => {
        const copy = b.cloneNode(true) as Element;
        copy.querySelectorAll('.block-separator').forEach((s) => s.remove());
        return copy.textContent ?? '';
      })
      .join('\n\n'),
  );
}

/** Client coordinates of the start and end of `needle` inside the article. */
export async function textPoints(
  page: Page,
  needle: string,
): Promise<{ x1: number; y1: number; x2: number; y2: number }> {
  return page.locator('#article-text').evaluate((root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n as Text);
      all += (n as Text).data;
    }
    const at = all.indexOf(needle);
    if (at < 0) throw new Error(`not shown: ${needle}`);
    // At a boundary between two text nodes, a start is in the next node and
    // an end in the previous one: else a needle that starts a block would be
    // pressed at the end of the block before it.
    const locate = (offset: number, side: 'start' | 'end'): [Text, number] => {
      let acc = 0;
      for (const n of nodes) {
        const inside =
          side === 'start' ? offset < acc + n.data.length : offset <= acc + n.data.length;
        if (inside) return [n, offset - acc];
        acc += n.data.length;
      }
      throw new Error('offset out of range');
    };
    const caret = (offset: number, side: 'start' | 'end') => {
      const [node, o] = locate(offset, side);
      const r = document.createRange();
      if (side === 'start') {
        r.setStart(node, o);
        r.setEnd(node, Math.min(o + 1, node.data.length));
      } else {
        r.setStart(node, Math.max(0, o - 1));
        r.setEnd(node, o);
      }
      const rect = r.getClientRects()[0]!;
      return side === 'start'
        ? { x: rect.left + 1, y: rect.top + rect.height / 2 }
        : { x: rect.right - 1, y: rect.top + rect.height / 2 };
    };
    const s = caret(at, 'start');
    const e = caret(at + needle.length, 'end');
    return { x1: s.x, y1: s.y, x2: e.x, y2: e.y };
  }, needle);
}

/** Selects `needle` in the article by dragging the mouse across it. */
export async function dragSelect(page: Page, needle: string): Promise<void> {
  await page.locator('#article-text').evaluate((el, needle) => {
    const i = (el.textContent ?? '').indexOf(needle);
    if (i < 0) throw new Error(`not shown: ${needle}`);
  }, needle);
  // Scroll the words into view first, as a reader would.
  await page
    .locator('#article-text')
    .getByText(needle.slice(0, 20), { exact: false })
    .first()
    .scrollIntoViewIfNeeded()
    .catch(() => undefined);
  // A section (or group) just scrolled into view is still skipped
  // (content-visibility: auto) until the next rendering update: a press then
  // lands on the empty section, as no reader could press it. Wait until the
  // words are drawn under the pointer, as a reader waits to see them.
  await expect
    .poll(async () => {
      const at = await textPoints(page, needle);
      return page.evaluate(
        ([x, y]) => {
          const hit = document.elementFromPoint(x!, y!)?.classList;
          return !hit?.contains('article-section') && !hit?.contains('article-group');
        },
        [at.x1, at.y1],
      );
    })
    .toBe(true);
  const p = await textPoints(page, needle);
  await page.mouse.move(p.x1, p.y1);
  await page.mouse.down();
  await page.mouse.move((p.x1 + p.x2) / 2, (p.y1 + p.y2) / 2, { steps: 4 });
  await page.mouse.move(p.x2, p.y2, { steps: 4 });
  await page.mouse.up();
  await expect
    .poll(() => page.evaluate(() => document.getSelection()?.toString() ?? ''))
    .toBe(needle);
}

export interface StoredAnnotation {
  id: string;
  articleId: string;
  kind: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  fields: Record<string, string>;
  created: string;
  modified: string;
}

/** Every record of one IndexedDB store of the `glossa` database, read directly. */
export async function storedRecords<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (store) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** Every annotation stored in IndexedDB, in document order. */
export async function storedAnnotations(page: Page): Promise<StoredAnnotation[]> {
  const pages = await storedRecords<{ annotations: StoredAnnotation[] }>(page, 'annotationPages');
  return pages.flatMap((p) => p.annotations).sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Writes annotations (and optionally an article) straight into IndexedDB, in
 * one transaction, laid out in pages as the app stores them
 * (src/store/annotation-pages.ts): each page is merged with what is stored.
 */
export async function putAnnotations(
  page: Page,
  annotations: readonly { id: string; articleId: string }[],
  article?: object,
): Promise<void> {
  await page.evaluate(
    ({ pages, article }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['articles', 'annotationPages'], 'readwrite');
          if (article) tx.objectStore('articles').put(article);
          const store = tx.objectStore('annotationPages');
          for (const incoming of pages) {
            const get = store.get([incoming.articleId, incoming.page]);
            get.onsuccess = () => {
              const stored = (get.result as AnnotationPage | undefined)?.annotations ?? [];
              const ids = new Set(incoming.annotations.map((a) => a.id));
              store.put({
                ...incoming,
                annotations: [...stored.filter((a) => !ids.has(a.id)), ...incoming.annotations],
              });
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { pages: groupIntoPages(annotations as Annotation[]), article },
  );
}

/** From now on every read-write transaction of the page fails, as a full disk would make it fail. */
export async function failEveryWrite(page: Page): Promise<void> {
  await page.evaluate(() => {
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: Parameters<typeof original>
    ) {
      if (args[1] === 'readwrite')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    } as typeof original;
  });
}

/**
 * Waits until the details panel shows the annotation of `exact`, as a person
 * looks before acting on it: the panel follows a tag or a choice one frame
 * later (src/app/annotator.ts, afterPaint), and until then its fields are
 * those of the annotation shown before, or hidden.
 */
export async function expectDetailsOf(page: Page, exact: string): Promise<void> {
  await expect(page.locator('#details .details-excerpt')).toHaveText(exact);
}

/** Waits for the save indicator to say "Saved". */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.locator('#save-state')).toHaveAttribute('data-state', 'saved');
}

export interface ShownHighlight {
  id: string;
  kind: string;
  text: string;
}

/**
 * The highlights shown in the article, one per annotation, in document order.
 * A highlight may be drawn as several <mark> fragments (where other spans or
 * glossary terms start or end inside it); their text is joined.
 */
export async function shownHighlights(page: Page, kind?: string): Promise<ShownHighlight[]> {
  const all = await page.locator('#article-text').evaluate((root) => {
    const byId = new Map<string, { id: string; kind: string; text: string }>();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const seen = new Set<string>();
      for (let el = n.parentElement; el && el !== root; el = el.parentElement) {
        const id = el.getAttribute('data-annotation-id');
        if (el.tagName !== 'MARK' || !id || seen.has(id)) continue;
        seen.add(id);
        const entry = byId.get(id) ?? { id, kind: el.getAttribute('data-kind') ?? '', text: '' };
        entry.text += (n as Text).data;
        byId.set(id, entry);
      }
    }
    return [...byId.values()];
  });
  return kind ? all.filter((h) => h.kind === kind) : all;
}

/** The texts of the shown highlights of one kind. */
export async function highlightTexts(page: Page, kind: string): Promise<string[]> {
  return (await shownHighlights(page, kind)).map((h) => h.text);
}

/** Counts, in the page, XML parsed by DOMParser and the workers started (by script URL). */
export async function watchParsers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { xmlParsed: number; workers: string[] };
    w.xmlParsed = 0;
    w.workers = [];
    const parse = DOMParser.prototype.parseFromString;
    DOMParser.prototype.parseFromString = function (this: DOMParser, text, type) {
      if (type !== 'text/html') w.xmlParsed++;
      return parse.call(this, text, type);
    } as typeof parse;
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        w.workers.push(String(url));
      }
    };
  });
}

/**
 * Restores a backup file as a person does, from the library of `page`:
 * "Restore a backup…", then `preview` (checks of what the dialog lists, before
 * anything is written), Replace for each article titled in `replace` (one the
 * profile already holds), Restore, and waits for the report. Returns the
 * dialog, still open on its report.
 */
export async function restoreBackup(
  page: Page,
  file: string,
  options: { replace?: readonly string[]; preview?: (dialog: Locator) => Promise<void> } = {},
): Promise<Locator> {
  await openApp(page, '/?view=library');
  await page.getByLabel(ui('exchange:backup.restoreFile')).setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: ui('exchange:backup.restoreTitle') });
  await expect(dialog).toBeVisible();
  await options.preview?.(dialog);
  for (const title of options.replace ?? [])
    await dialog.getByLabel(ui('exchange:backup.choiceLabel', { title })).selectOption('replace');
  await dialog.getByRole('button', { name: ui('exchange:backup.restore') }).click();
  await expect(dialog.locator('.restore-report')).toBeVisible();
  return dialog;
}

/** Deletes the article titled `title` from the library screen: its Delete button, then the dialog's confirm. */
export async function deleteFromLibrary(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: ui('library:list.deleteLabel', { title }) }).click();
  await page
    .getByRole('dialog', { name: ui('library:delete.title', { title }) })
    .getByRole('button', { name: ui('library:delete.confirm'), exact: true })
    .click();
}
