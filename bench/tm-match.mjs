// Benchmark of translation-memory matching (issue 13), not a timed test:
// a synthetic French memory of 100,000 units, and every sentence of the
// benchmark's 100,000-character article (bench/workload.mjs) matched
// against it, in a worker thread as the app does it in a Web Worker.
//
//   npm run bench:tm            (options: --units=N, --chunk=N sentences per message, --uniform)
//
// The memory: a tenth are variants of the article's own sentences (one to
// four words replaced, inserted or deleted), so every sentence has hundreds
// of near candidates to rank; the rest are random sentences of 8–35 words,
// drawn by Zipf's law from 40,000 words (function words most often), or,
// with --uniform, alike from the article's 400 words — a worst case where
// no word is rare and every unit shares a dozen words with every sentence.
// Reported: building the index, matching every sentence (total), the
// longest single message (a chunk of sentences, as the app sends them), and
// what the page pays to receive the results (structured clone, the
// main-thread part).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ROOT, benchOption } from './build.mjs';
import { longArticle, prng } from './workload.mjs';

const arg = (name, fallback) => Number(benchOption(process.argv.slice(2), name) ?? fallback);

if (isMainThread) {
  const units = arg('units', 100_000);
  const chunk = arg('chunk', 50);
  const out = mkdtempSync(join(tmpdir(), 'glossa-bench-tm-'));
  execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.tm.config.ts', '--outDir', out], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const worker = new Worker(fileURLToPath(import.meta.url), {
    workerData: { bundle: pathToFileURL(join(out, 'tm.js')).href, units, chunk },
  });
  worker.on('message', (m) => {
    if (m.type === 'log') console.log(m.text);
    if (m.type === 'results') {
      // The page's part: receiving each chunk's results.
      let longestReceive = 0;
      for (const r of m.chunks) {
        const t0 = performance.now();
        structuredClone(r);
        longestReceive = Math.max(longestReceive, performance.now() - t0);
      }
      console.log(`page: longest receive of one message ${longestReceive.toFixed(1)} ms`);
    }
  });
  worker.on('exit', () => rmSync(out, { recursive: true, force: true }));
  worker.on('error', (e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  const { bundle, units, chunk } = workerData;
  const { TmIndex, segmentSentences } = await import(bundle);
  const log = (text) => parentPort.postMessage({ type: 'log', text });
  const article = longArticle(join(ROOT, 'public/articles/parler-amazon-fr.json'));
  const sentences = segmentSentences(article.blocks);
  const distinct = [...new Set(sentences.map((s) => s.text))];
  const articleWords = [...new Set(distinct.flatMap((s) => s.split(/\s+/)))];
  const rand = prng(13);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  // Words of a newsroom's memory: the article's, and 40,000 made-up French-looking ones.
  const syllables = [
    'la',
    're',
    'mi',
    'con',
    'tion',
    'pré',
    'ment',
    'dé',
    'ssi',
    'ver',
    'al',
    'eur',
    'gou',
    'que',
    'ter',
    'ou',
  ];
  const made = new Set();
  while (made.size < 40_000) {
    const k = 2 + Math.floor(rand() * 3);
    made.add(Array.from({ length: k }, () => pick(syllables)).join(''));
  }
  // Function words and punctuation first (the most frequent), then the rest in random order.
  const head = [
    'de',
    'la',
    'le',
    ',',
    '.',
    'et',
    'les',
    'des',
    'à',
    'en',
    'un',
    'une',
    'du',
    'a',
    'que',
    'qui',
    'pour',
    'dans',
    'sur',
    'par',
    'au',
    'est',
    'pas',
    'ne',
    'il',
    'se',
    'plus',
  ];
  const tail = [...articleWords.filter((w) => !head.includes(w)), ...made];
  for (let i = tail.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [tail[i], tail[j]] = [tail[j], tail[i]];
  }
  const ranked = [...head, ...tail];
  // Zipf's law (s = 1) over the ranked words, as word frequencies in text follow; --uniform
  // draws every word of the article's vocabulary alike instead (a worst case: no rare words).
  const uniform = process.argv.includes('--uniform');
  const cumulative = [];
  let sum = 0;
  for (let r = 1; r <= ranked.length; r++) cumulative.push((sum += 1 / r));
  const zipf = () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo];
  };
  const word = uniform ? () => pick(articleWords) : zipf;
  const vocabulary = uniform ? articleWords : ranked;

  const tm = [];
  for (let i = 0; i < units; i++) {
    let words;
    if (i % 10 === 0) {
      words = pick(distinct).split(/\s+/);
      const edits = 1 + Math.floor(rand() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * words.length);
        const kind = rand();
        if (kind < 0.4) words[at] = word();
        else if (kind < 0.7) words.splice(at, 0, word());
        else if (words.length > 3) words.splice(at, 1);
      }
    } else {
      const n = 8 + Math.floor(rand() * 28);
      words = Array.from({ length: n }, word);
    }
    tm.push({ id: `u${i}`, source: words.join(' '), target: `EN ${i}`, origin: 'tmx' });
  }

  let t0 = performance.now();
  const index = new TmIndex(tm);
  const build = performance.now() - t0;

  const chunks = [];
  const cpu0 = process.cpuUsage();
  let longest = 0;
  let found = 0;
  t0 = performance.now();
  for (let i = 0; i < sentences.length; i += chunk) {
    const c0 = performance.now();
    const results = sentences.slice(i, i + chunk).map((s) => ({
      sentenceId: s.id,
      matches: index.match(s.text, { threshold: 75, limit: 3 }),
    }));
    longest = Math.max(longest, performance.now() - c0);
    found += results.filter((r) => r.matches.length > 0).length;
    chunks.push(results);
  }
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const chars = article.blocks.reduce((n, b) => n + b.text.length, 0);
  log(
    `memory: ${units} units (${uniform ? "uniform over the article's words" : 'Zipf over ' + vocabulary.length + ' words'}); article: ${chars} characters of blocks, ${sentences.length} sentences (${distinct.length} distinct)`,
  );
  log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (the machine's cores: shared)`,
  );
  log(`worker: index built in ${build.toFixed(0)} ms`);
  log(
    `worker: matched every sentence in ${total.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (target ≤ 1000 ms); longest message (${chunk} sentences) ${longest.toFixed(1)} ms; ${found} sentences with a match ≥ 75 %`,
  );
  parentPort.postMessage({ type: 'results', chunks });
}
