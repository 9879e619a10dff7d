// The benchmark's workload, generated deterministically: a long article made
// from the default article's blocks, N annotations on it (seeded PRNG), and
// the same article as a static HTML page with the spans pre-rendered as
// nested <mark> elements (the floor a browser needs to show them).
import { readFileSync } from 'node:fs';

export const BENCH_ARTICLE_ID = 'bench-long';
const TARGET_CHARS = 100_000;
const CONTEXT = 32;
const KINDS = ['claim', 'quote', 'event'];
const STAMP = '2026-01-01T00:00:00.000Z';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomUuid(rand) {
  const hex = [];
  for (let i = 0; i < 32; i++) hex.push(Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * The long article: the default article's title and standfirst once, then
 * its headings, paragraphs and quotation repeated until the canonical text
 * (blocks joined with "\n\n") reaches about 100,000 characters (or `targetChars`:
 * 1,000,000 for the large run, issue 20).
 */
export function longArticle(defaultArticlePath, targetChars = TARGET_CHARS) {
  const source = JSON.parse(readFileSync(defaultArticlePath, 'utf8'));
  const [title, standfirst, ...body] = source.blocks;
  const blocks = [title, standfirst];
  let length = title.text.length + 2 + standfirst.text.length;
  for (let i = 0; length < targetChars; i++) {
    const b = body[i % body.length];
    blocks.push({ type: b.type, text: b.text });
    length += 2 + b.text.length;
  }
  return {
    id: BENCH_ARTICLE_ID,
    title: `${source.title} (benchmark)`,
    lang: source.lang,
    source: 'bench',
    blocks,
    created: STAMP,
    modified: STAMP,
  };
}

/** The index of the block range holding `offset` (binary search: 4,000 blocks at 1,000,000 characters), or -1. */
function blockIndex(ranges, offset) {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The canonical text as code points, with each block's [start, end) in code points. */
function layout(article) {
  const chars = [];
  const ranges = [];
  article.blocks.forEach((b, i) => {
    if (i > 0) chars.push('\n', '\n');
    const cps = Array.from(b.text);
    ranges.push({ start: chars.length, end: chars.length + cps.length });
    for (const c of cps) chars.push(c);
  });
  return { chars, ranges };
}

const isSpace = (c) => /\s/u.test(c);

/**
 * N annotations on `article`, spans of 5–120 code points, every one inside a
 * block and neither starting nor ending with whitespace (as trimmed
 * selections are). Nine tenths are laid out one per equal slot of the text,
 * overlapping nothing (so with many annotations they are short: a slot of
 * 100,000 / 9,000 code points holds 5–11); the last tenth each overlaps one
 * of those — nested inside it, containing it, or crossing one of its ends —
 * and nothing else, so about a fifth of all annotations overlap another.
 * Every tenth annotation has a note.
 */
export function generateAnnotations(article, n, seed = 42) {
  const rand = prng(seed ^ n);
  const { chars, ranges } = layout(article);
  const blockAt = (offset) => ranges[blockIndex(ranges, offset)];
  const text = (s, e) => chars.slice(s, e).join('');
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // lo..hi inclusive

  /** [s, e) trimmed of whitespace, or null when under 5 code points or not inside one block. */
  function span(s, e) {
    const r = blockAt(s);
    if (!r || e > r.end) return null;
    while (s < e && isSpace(chars[s])) s++;
    while (e > s && isSpace(chars[e - 1])) e--;
    return e - s >= 5 && e - s <= 120 ? { start: s, end: e } : null;
  }

  const nOver = Math.round(n * 0.1);
  const nBase = n - nOver;
  const base = [];
  const slot = chars.length / nBase;
  const maxLen = Math.max(5, Math.min(120, Math.floor(slot) - 1));
  for (let i = 0; i < nBase; i++) {
    let got = null;
    for (let attempt = 0; attempt < 40 && !got; attempt++) {
      const len = int(5, maxLen);
      const at = Math.floor(i * slot + rand() * Math.max(1, slot - len));
      const s = span(at, at + len);
      if (s && s.start >= i * slot && s.end <= (i + 1) * slot) got = s;
    }
    if (got) base.push(got);
  }
  // Slots too near a block's end to hold a span stay empty; fill up from the
  // widest gaps, so that the base set still overlaps nothing.
  if (base.length < nBase) {
    const gaps = [];
    for (const r of ranges) {
      const inside = base.filter((b) => b.start >= r.start && b.end <= r.end);
      let lo = r.start;
      for (const b of inside) {
        gaps.push({ lo, hi: b.start });
        lo = b.end;
      }
      gaps.push({ lo, hi: r.end });
    }
    gaps.sort((a, b) => b.hi - b.lo - (a.hi - a.lo) || a.lo - b.lo);
    for (const g of gaps) {
      if (base.length >= nBase) break;
      const s = span(g.lo + 1, Math.min(g.hi - 1, g.lo + 1 + maxLen));
      if (s) base.push(s);
    }
    if (base.length < nBase) throw new Error('the article is too short for this many annotations');
  }
  base.sort((a, b) => a.start - b.start);

  // Overlapping ones: each tied to one base span, kept between its neighbours.
  const over = [];
  const stride = base.length / nOver;
  for (let k = 0; over.length < nOver; k++) {
    const i = Math.floor((k * stride + rand() * stride) % base.length);
    const b = base[i];
    const r = blockAt(b.start);
    const lo = Math.max(r.start, i > 0 ? base[i - 1].end : 0);
    const hi = Math.min(r.end, i + 1 < base.length ? base[i + 1].start : chars.length);
    const mode = int(0, 3);
    let s = null;
    if (mode === 0 && b.end - b.start >= 7) {
      // inside
      const len = int(5, b.end - b.start - 1);
      const at = int(b.start, b.end - len);
      s = span(at, at + len);
    } else if (mode === 1 && b.start > lo && b.end < hi) {
      // around
      s = span(int(lo, b.start - 1), int(b.end + 1, hi));
    } else if (mode === 2 && b.start > lo) {
      // across the start
      s = span(int(lo, b.start - 1), int(b.start + 1, b.end - 1));
    } else if (mode === 3 && b.end < hi) {
      // across the end
      s = span(int(b.start + 1, b.end - 1), int(b.end + 1, hi));
    }
    if (s && s.start < b.end && b.start < s.end && !(s.start === b.start && s.end === b.end)) {
      over.push(s);
    }
    if (k > nOver * 50) throw new Error('cannot place overlapping annotations');
  }
  const spans = [...base, ...over];

  const annotations = spans.map((s, i) => {
    const kind = KINDS[Math.floor(rand() * 3)];
    return {
      id: randomUuid(rand),
      articleId: article.id,
      kind,
      start: s.start,
      end: s.end,
      exact: text(s.start, s.end),
      prefix: text(Math.max(0, s.start - CONTEXT), s.start),
      suffix: text(s.end, Math.min(chars.length, s.end + CONTEXT)),
      note: i % 10 === 0 ? `Note ${i}: vérifier la source, déjà citée` : '',
      fields: {},
      created: STAMP,
      modified: STAMP,
    };
  });
  return annotations;
}

/** Share of annotations that overlap at least one other. */
export function overlapShare(annotations) {
  const sorted = [...annotations].sort((a, b) => a.start - b.start || b.end - a.end);
  const overlapping = new Set();
  // Sweep: keep the spans still open at each start.
  let open = [];
  for (const a of sorted) {
    open = open.filter((o) => o.end > a.start);
    for (const o of open) {
      overlapping.add(o.id);
      overlapping.add(a.id);
    }
    open.push(a);
  }
  return annotations.length ? overlapping.size / annotations.length : 0;
}

function escapeHtml(s) {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
}

const BLOCK_TAGS = {
  title: ['h1', ' class="article-title"'],
  standfirst: ['p', ' class="standfirst"'],
  heading: ['h2', ' class="article-heading"'],
  paragraph: ['p', ''],
  blockquote: ['blockquote', ''],
};

/**
 * The static floor: the article and its spans pre-rendered as nested
 * <mark> elements, with the app's own stylesheet and page frame, and no
 * script but the one that records when the first frame after
 * DOMContentLoaded was produced. Marks are nested as a tree: one stays open
 * across its whole span and is split only where a span that started inside
 * it outlives it (the fewest elements a browser can be given).
 */
/** Blocks per section, as src/editor/schema.ts (bench/workload.test.ts checks they agree). */
export const SECTION_SIZE = 4;
/** Sections per group, as src/editor/schema.ts. */
export const GROUP_SIZE = 32;

export function staticPage(article, annotations, cssHref) {
  const { chars, ranges } = layout(article);
  const byBlock = ranges.map(() => []);
  for (const a of annotations) {
    const i = blockIndex(ranges, a.start);
    if (i >= 0) byBlock[i].push(a);
  }
  let marks = 0;
  const body = article.blocks
    .map((b, i) => {
      const r = ranges[i];
      const spans = byBlock[i].sort((x, y) => x.start - y.start || y.end - x.end);
      const bounds = new Set([r.start, r.end]);
      for (const a of spans) bounds.add(a.start).add(a.end);
      const points = [...bounds].sort((x, y) => x - y);
      let html = '';
      let stack = []; // open spans, outermost first
      let next = 0;
      const open = (a) => {
        marks++;
        html += `<mark class="hl hl-${a.kind}" data-annotation-id="${a.id}" data-kind="${a.kind}">`;
      };
      for (let p = 0; p < points.length - 1; p++) {
        const at = points[p];
        // Close what ends here; reopen the inner ones that go on.
        const ending = stack.findIndex((a) => a.end <= at);
        if (ending >= 0) {
          const reopen = stack.slice(ending).filter((a) => a.end > at);
          html += '</mark>'.repeat(stack.length - ending);
          stack = stack.slice(0, ending).concat(reopen);
          reopen.forEach(open);
        }
        while (next < spans.length && spans[next].start === at) {
          open(spans[next]);
          stack.push(spans[next++]);
        }
        html += escapeHtml(chars.slice(at, points[p + 1]).join(''));
      }
      html += '</mark>'.repeat(stack.length);
      const [tag, attrs] = BLOCK_TAGS[b.type];
      const block = `<${tag}${attrs}>${html}</${tag}>`;
      // Grouped in sections and groups as the app groups them, so the stylesheet applies alike.
      const groupBlocks = SECTION_SIZE * GROUP_SIZE;
      const end = i === article.blocks.length - 1;
      const first =
        (i % groupBlocks === 0 ? '<div class="article-group">' : '') +
        (i % SECTION_SIZE === 0 ? '<div class="article-section">' : '');
      const last =
        (i % SECTION_SIZE === SECTION_SIZE - 1 || end ? '</div>' : '') +
        (i % groupBlocks === groupBlocks - 1 || end ? '</div>' : '');
      return first + block + last;
    })
    .join('\n');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(article.title)} — static floor</title>
<link rel="stylesheet" href="${cssHref}" />
<script>
  // The floor control for tagging (issue 20): C wraps the selection in one <mark>,
  // the least a page can do on that keypress.
  let tagged = 0;
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'c') return;
    const sel = document.getSelection();
    if (!sel || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const mark = document.createElement('mark');
    mark.className = 'hl hl-claim';
    mark.dataset.annotationId = 'floor-' + tagged++;
    mark.dataset.kind = 'claim';
    mark.append(range.extractContents());
    range.insertNode(mark);
    sel.collapseToEnd();
  });
  document.addEventListener('DOMContentLoaded', () => {
    window.__domContentLoaded = performance.now();
    requestAnimationFrame(() => {
      const c = new MessageChannel();
      c.port1.onmessage = () => { window.__floorPainted = performance.now(); };
      c.port2.postMessage(0);
    });
  });
</script>
</head>
<body>
<div id="app"><div class="workspace"><main class="article" id="article">
<div class="ProseMirror" lang="${article.lang}" id="article-text">
${body}
</div>
</main><aside class="side"></aside></div></div>
</body>
</html>
`;
  return { html, marks };
}
