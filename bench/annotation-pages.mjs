// The app's annotation page layout (src/store/annotation-pages.ts), for
// seeding IndexedDB from the benchmark, which runs in plain Node and cannot
// import the TypeScript module. bench/annotation-pages.test.ts checks that
// both place every id on the same page.

export const PAGE_COUNT = 32;

/** FNV-1a (32-bit) of the id's UTF-16 code units, mod PAGE_COUNT. */
export function pageOf(id) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PAGE_COUNT;
}

/** Annotations grouped into the page records the app stores. */
export function groupIntoPages(annotations) {
  const pages = new Map();
  for (const a of annotations) {
    const key = JSON.stringify([a.articleId, pageOf(a.id)]);
    if (!pages.has(key))
      pages.set(key, { articleId: a.articleId, page: pageOf(a.id), annotations: [] });
    pages.get(key).annotations.push(a);
  }
  return [...pages.values()];
}
