// The growth report (issue 20): reads bench/out/results-growth.json (`npm run bench -- --growth`),
// prints a Markdown table of each figure at 1,000 / 10,000 / 100,000 annotations with its log-log
// slope per step (1 = linear in the work, above 1 = faster than linear), and renders a log-log plot
// to bench/growth.png: an SVG drawn here, screenshotted by Debian's Chromium through Playwright
// (no plotting library).
//
//   node bench/growth-plot.mjs [results.json] [out.png]
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium-path.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] ?? join(ROOT, 'bench/out/results-growth.json');
const output = process.argv[3] ?? join(ROOT, 'bench/growth.png');
const results = JSON.parse(readFileSync(input, 'utf8'));

/** The figures plotted: label, summary key, statistic, colour, dash. */
const FIGURES = [
  ['Ready (glossa:ready)', 'ready', 'median', '#1f77b4', ''],
  ['Static floor, first frame', 'floor', 'median', '#7f7f7f', '6 3'],
  ['Every highlight drawn', 'allDrawn', 'median', '#d62728', ''],
  ['Tagging work', 'taggingWork', 'median', '#2ca02c', ''],
  ['Sidebar select', 'selectionWall', 'median', '#9467bd', ''],
  ['Filter toggle', 'filterWall', 'median', '#8c564b', ''],
  ['Search keystroke', 'searchWall', 'median', '#e377c2', ''],
  ['W3C export', 'export', 'median', '#17becf', ''],
  ['W3C import', 'import', 'median', '#bcbd22', ''],
  ['JS heap (MB)', 'heapMB', 'median', '#ff7f0e', '2 3'],
];

const counts = Object.keys(results.counts)
  .map(Number)
  .sort((a, b) => a - b);
const value = (n, key, stat) => results.counts[n].summary?.[key]?.[stat] ?? NaN;
const slope = (n0, n1, v0, v1) => Math.log10(v1 / v0) / Math.log10(n1 / n0);

// ---- the table
const fmt = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '—');
const fmtSlope = (x) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const lines = [
  `| Figure (median) | ${counts.map((n) => n.toLocaleString('en')).join(' | ')} | ${counts
    .slice(1)
    .map((n, i) => `slope ${counts[i] / 1000}k→${n / 1000}k`)
    .join(' | ')} | slope above the ${counts[0].toLocaleString('en')} cost |`,
  `|---|${counts.map(() => '--:').join('|')}|${counts
    .slice(1)
    .map(() => '--:')
    .join('|')}|--:|`,
];
for (const [label, key, stat] of FIGURES) {
  const vs = counts.map((n) => value(n, key, stat));
  const slopes = counts.slice(1).map((n, i) => slope(counts[i], n, vs[i], vs[i + 1]));
  // What the figure costs beyond its value at the smallest count (a fixed start-up cost, mostly),
  // from the middle count to the largest: the part of the cost that grows with the work. Noisy
  // where the middle count is barely above the smallest.
  const marginal =
    counts.length >= 3 ? slope(counts[1], counts.at(-1), vs[1] - vs[0], vs.at(-1) - vs[0]) : NaN;
  lines.push(
    `| ${label}${key === 'heapMB' ? '' : ', ms'} | ${vs.map(fmt).join(' | ')} | ${slopes.map(fmtSlope).join(' | ')} | ${fmtSlope(marginal)} |`,
  );
}
const load = counts.map((n) => results.counts[n].loadAverage?.start?.[0]);
lines.push(`| Load average at start | ${load.map((x) => x ?? '—').join(' | ')} | |`);
lines.push(
  `| Article characters | ${counts.map((n) => results.counts[n].workload.characters?.toLocaleString('en') ?? '—').join(' | ')} | |`,
);
console.log(lines.join('\n'));

// ---- the plot (log-log)
const W = 900;
const H = 600;
const M = { left: 70, right: 230, top: 40, bottom: 60 };
const all = FIGURES.flatMap(([, key, stat]) => counts.map((n) => value(n, key, stat))).filter(
  (x) => Number.isFinite(x) && x > 0,
);
const yMin = 10 ** Math.floor(Math.log10(Math.min(...all)));
const yMax = 10 ** Math.ceil(Math.log10(Math.max(...all)));
const xMin = counts[0];
const xMax = counts.at(-1);
const X = (n) =>
  M.left + ((Math.log10(n) - Math.log10(xMin)) / Math.log10(xMax / xMin)) * (W - M.left - M.right);
const Y = (v) =>
  H -
  M.bottom -
  ((Math.log10(v) - Math.log10(yMin)) / Math.log10(yMax / yMin)) * (H - M.top - M.bottom);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const parts = [];
for (let e = Math.log10(yMin); e <= Math.log10(yMax); e++) {
  const y = Y(10 ** e);
  parts.push(
    `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
    `<text x="${M.left - 8}" y="${y + 4}" text-anchor="end">${(10 ** e).toLocaleString('en')}</text>`,
  );
}
for (const n of counts) {
  const x = X(n);
  parts.push(
    `<line x1="${x}" x2="${x}" y1="${M.top}" y2="${H - M.bottom}" stroke="#ddd"/>`,
    `<text x="${x}" y="${H - M.bottom + 20}" text-anchor="middle">${n.toLocaleString('en')}</text>`,
  );
}
// A slope-1 guide (linear growth) through the lowest point of the first count.
const g0 = yMin * 2;
parts.push(
  `<line x1="${X(xMin)}" y1="${Y(g0)}" x2="${X(xMax)}" y2="${Y(g0 * (xMax / xMin))}" stroke="#000" stroke-dasharray="1 4" stroke-width="1.5"/>`,
  `<text x="${X(xMax) - 4}" y="${Y(g0 * (xMax / xMin)) - 6}" text-anchor="end" font-style="italic">linear (slope 1)</text>`,
);
FIGURES.forEach(([label, key, stat, colour, dash], i) => {
  const pts = counts
    .map((n) => [n, value(n, key, stat)])
    .filter(([, v]) => Number.isFinite(v) && v > 0);
  parts.push(
    `<polyline fill="none" stroke="${colour}" stroke-width="2.5" stroke-dasharray="${dash}" points="${pts.map(([n, v]) => `${X(n)},${Y(v)}`).join(' ')}"/>`,
    ...pts.map(([n, v]) => `<circle cx="${X(n)}" cy="${Y(v)}" r="3.5" fill="${colour}"/>`),
    `<line x1="${W - M.right + 15}" x2="${W - M.right + 40}" y1="${M.top + 10 + i * 22}" y2="${M.top + 10 + i * 22}" stroke="${colour}" stroke-width="2.5" stroke-dasharray="${dash}"/>`,
    `<text x="${W - M.right + 46}" y="${M.top + 14 + i * 22}">${esc(label)}</text>`,
  );
});
parts.push(
  `<text x="${(M.left + W - M.right) / 2}" y="${H - 15}" text-anchor="middle">annotations (article: 10 characters per annotation)</text>`,
  `<text x="18" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 18 ${(M.top + H - M.bottom) / 2})">ms (heap: MB), median</text>`,
  `<text x="${M.left}" y="24" font-weight="bold">Glossa: growth with the annotations, log-log (${esc(results.date.slice(0, 16))} UTC, app ${esc(results.app.commit?.slice(0, 7) ?? '?')})</text>`,
);
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="13"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: W, height: H } });
  await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  writeFileSync(output, await page.locator('svg').screenshot());
} finally {
  await browser.close();
}
console.log(`\nPlot: ${output}`);
