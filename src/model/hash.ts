/**
 * FNV-1a (32-bit) over a string's UTF-16 code units, as an unsigned integer.
 * Not cryptographic: it spreads ids over buckets and pages. The annotation
 * pages stored in IndexedDB depend on it (`store/annotation-pages.ts`), so
 * it must never change.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
