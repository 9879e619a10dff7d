/** Article ids from titles. */

/** Longest slug (before a "-2" suffix). */
export const MAX_SLUG_LENGTH = 60;

/** Letters that no Unicode decomposition turns into ASCII. */
const LIGATURES: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * A URL-safe id for an article titled `title`: accents stripped, lowercased,
 * words joined with "-", at most 60 characters (cut at a word boundary when
 * possible), "article" when nothing is left. If the slug is taken, "-2",
 * "-3"… is added. The same title and library always give the same id.
 */
export function articleIdFor(title: string, existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  let slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæßøłđðþı]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
    const lastHyphen = cut.lastIndexOf('-');
    // Keep whole words unless that would leave too little.
    slug = (
      lastHyphen >= MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_SLUG_LENGTH)
    ).replace(/-+$/, '');
  }
  if (slug === '') slug = 'article';
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
