// Attribution for the benchmark: a CPU profile (CDP Profiler) summed by
// function self time and mapped back to src/ through the build's source map,
// and a Chromium trace summed by event self time on the renderer's main
// thread (style, layout, paint, script, GC …).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A source path from `node_modules/` or `src/` on, however the map reached it. */
function shortPath(path) {
  const i = path.lastIndexOf('node_modules/');
  if (i >= 0) return path.slice(i);
  return /(?:^|\/)(src\/.*)$/.exec(path)?.[1] ?? path;
}

/** Decodes a source map's `mappings` into, per generated line, sorted [column, source, line, column]. */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  for (const lineText of mappings.split(';')) {
    const segments = [];
    let col = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length >= 4) {
        source += values[1];
        origLine += values[2];
        origCol += values[3];
        segments.push([col, source, origLine, origCol]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** Maps positions in the bundles of `assetsDir` back to their sources, named relative to `root`. */
export function sourceMapper(assetsDir, root) {
  const maps = new Map();
  function load(file) {
    if (!maps.has(file)) {
      try {
        const map = JSON.parse(readFileSync(join(assetsDir, `${file}.map`), 'utf8'));
        maps.set(file, { map, lines: decodeMappings(map.mappings) });
      } catch {
        maps.set(file, null);
      }
    }
    return maps.get(file);
  }
  const map = (url, line, column) => {
    const file = url.split('/').pop()?.split('?')[0];
    const m = file ? load(file) : null;
    const segments = m?.lines[line];
    if (!segments?.length) return null;
    let best = null;
    for (const s of segments) {
      if (s[0] <= column) best = s;
      else break;
    }
    best ??= segments[0];
    const source = shortPath(relative(root, resolve(assetsDir, m.map.sources[best[1]])));
    const text = m.map.sourcesContent?.[best[1]]?.split('\n')[best[2]] ?? '';
    return { source, line: best[2] + 1, text: text.trim() };
  };
  // A place given as a character offset into the bundle file (long-animation-frame scripts).
  const texts = new Map();
  map.atChar = (url, char) => {
    const file = url?.split('/').pop()?.split('?')[0];
    if (!file || !(char >= 0)) return null;
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(join(assetsDir, file), 'utf8'));
      } catch {
        texts.set(file, null);
      }
    }
    const text = texts.get(file);
    if (text === null) return null;
    const before = text.slice(0, char);
    const line = before.split('\n').length - 1;
    return map(url, line, char - (before.lastIndexOf('\n') + 1));
  };
  return map;
}

/** A readable name for the function whose definition starts on `text`. */
function nameFrom(text, fallback) {
  const m =
    /function\s*\*?\s*([\w$]+)/.exec(text) ??
    /([\w$]+)\s*(?::|=)\s*(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*=>/.exec(text) ??
    /^(?:(?:private|public|static|async|get|set)\s+)*([\w$]+)\s*\(/.exec(text);
  return m?.[1] ?? fallback;
}

/**
 * Inclusive and self JS time (ms) by source function of the samples of a CPU profile whose time
 * (the profile's clock, µs: the trace's) `counts(at)` accepts; a function on the stack twice
 * is counted once. Idle samples are left out. Read with formatFunctionTimes.
 */
export function functionTimes(profile, mapSource, counts = () => true) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labels = new Map();
  const label = (id) => {
    if (labels.has(id)) return labels.get(id);
    const f = byId.get(id).callFrame;
    const where = f.url ? mapSource(f.url, f.lineNumber, f.columnNumber) : null;
    const text = !f.url
      ? f.functionName || '(anonymous)'
      : where
        ? `${nameFrom(where.text, f.functionName || '?')} ${where.source}:${where.line}`
        : `${f.functionName || '?'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    labels.set(id, text);
    return text;
  };
  const incl = new Map();
  const self = new Map();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (!counts(at)) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    if (byId.get(id).callFrame.functionName === '(idle)') continue;
    self.set(label(id), (self.get(label(id)) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n != null; n = parent.get(n)) {
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + dt);
    }
  }
  return { incl, self };
}

/** functionTimes' maps as text: the `top` largest of each, in ms divided by `per`. */
export function formatFunctionTimes({ incl, self }, per = 1, top = 25) {
  const fmt = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([l, ms]) => `  ${(ms / per).toFixed(2).padStart(7)}  ${l}`)
      .join('\n');
  return `inclusive:\n${fmt(incl)}\nself:\n${fmt(self)}`;
}

/** Self time per function (ms, divided by `per`), largest first, with the source location of each. */
export function summariseProfile(profile, mapSource, { per = 1, top = 12 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const rows = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id);
    if (f.functionName === '(idle)') continue;
    total += ms;
    let label;
    if (!f.url) label = f.functionName || '(anonymous)';
    else {
      const where = mapSource(f.url, f.lineNumber, f.columnNumber);
      label = where
        ? `${nameFrom(where.text, f.functionName || '(anonymous)')} ${where.source}:${where.line}`
        : `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    }
    rows.set(label, (rows.get(label) ?? 0) + ms);
  }
  const list = [...rows].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: +(total / per).toFixed(1),
    top: list.slice(0, top).map(([fn, ms]) => ({ fn, ms: +(ms / per).toFixed(1) })),
  };
}

/**
 * Self time per trace event name on the renderer main threads of a trace
 * (style, layout, paint, text input state, script, GC …): wall time and
 * thread (CPU) time in ms, largest CPU first, divided by `per` (the number
 * of interactions traced). CPU time is what to compare when the machine is
 * shared: it does not grow while the thread waits for a core.
 */
export function summariseTrace(traceJson, { per = 1, top = 12 } = {}) {
  const all = traceJson.traceEvents ?? traceJson;
  const threads = new Set();
  for (const e of all) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      threads.add(`${e.pid}:${e.tid}`);
  }
  const spans = all
    .filter((e) => e.ph === 'X' && threads.has(`${e.pid}:${e.tid}`))
    .map((e) => ({
      name: e.name,
      key: `${e.pid}:${e.tid}`,
      ts: e.ts,
      end: e.ts + (e.dur ?? 0),
      dur: e.dur ?? 0,
      cpu: e.tdur ?? e.dur ?? 0,
    }))
    .sort((a, b) => a.key.localeCompare(b.key) || a.ts - b.ts || b.end - a.end);
  const wall = new Map();
  const cpu = new Map();
  const add = (m, name, us) => m.set(name, (m.get(name) ?? 0) + us);
  const stack = [];
  for (const s of spans) {
    while (stack.length && (stack.at(-1).end <= s.ts || stack.at(-1).key !== s.key)) stack.pop();
    const parent = stack.at(-1);
    add(wall, s.name, s.dur);
    add(cpu, s.name, s.cpu);
    if (parent) {
      add(wall, parent.name, -s.dur);
      add(cpu, parent.name, -s.cpu);
    }
    stack.push(s);
  }
  return [...cpu]
    .filter(([, us]) => us > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([event, us]) => ({
      event,
      cpuMs: +(us / 1000 / per).toFixed(1),
      wallMs: +(wall.get(event) / 1000 / per).toFixed(1),
    }));
}

/**
 * What the JS bundles are made of: generated bytes per source file (from
 * the source maps), grouped by folder (src/… by file, node_modules by
 * package), largest first.
 */
export function bundleComposition(assetsDir, root, top = 15) {
  const bytes = new Map();
  for (const file of readdirSync(assetsDir).filter((f) => f.endsWith('.js'))) {
    let map;
    try {
      map = JSON.parse(readFileSync(join(assetsDir, `${file}.map`), 'utf8'));
    } catch {
      continue;
    }
    const code = readFileSync(join(assetsDir, file), 'utf8').split('\n');
    decodeMappings(map.mappings).forEach((segments, line) => {
      segments.forEach((seg, i) => {
        const end = segments[i + 1]?.[0] ?? code[line]?.length ?? seg[0];
        const path = relative(root, resolve(assetsDir, map.sources[seg[1]]));
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
        const name = pkg
          ? `node_modules/${pkg[1]}`
          : (/(?:^|\/)(src\/.*)$/.exec(path)?.[1] ?? path);
        bytes.set(name, (bytes.get(name) ?? 0) + (end - seg[0]));
      });
    });
  }
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([source, n]) => ({ source, kb: +(n / 1024).toFixed(1), share: +(n / total).toFixed(3) }));
}
