// Reads a Chrome trace written by `node bench/run.mjs --trace=FILE` and prints
// the renderer main thread's User Timing marks and its tasks over 5 ms, with
// the JavaScript functions and the rendering steps each spent its time in.
// A trace of the app's import (`--trace-import=FILE`) is read from the bench's
// mark `bench:import-picked` on, times from it; `--over=MS` lists only longer tasks.
import { readFileSync } from 'node:fs';

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
const overArg = process.argv.find((a) => a.startsWith('--over='));
const OVER_US = (overArg ? Number(overArg.slice('--over='.length)) : 5) * 1000;
if (!file) {
  console.error('usage: node bench/trace-tasks.mjs TRACE.json');
  process.exit(1);
}
const raw = JSON.parse(readFileSync(file, 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;
// The renderer's main thread: the one that made the app's first mark.
const picked = events.find((e) => e.name === 'bench:import-picked');
const first = picked ?? events.find((e) => e.name === 'glossa:start');
if (!first) throw new Error(`no glossa:start or bench:import-picked mark in ${file}`);
const { pid, tid } = first;
const onMain = events.filter((e) => e.pid === pid && e.tid === tid);
// Navigation start, from the mark's own page time (or the import's pick).
const t0 = picked ? picked.ts : first.ts - first.args.data.startTime * 1000;
const ms = (us) => Math.round(us / 100) / 10;
const marks = onMain.filter((e) => e.name.startsWith('glossa') && e.args?.data?.startTime != null);
// Measures (glossa:colour-layer): begin and end events, paired by id.
const begun = new Map();
for (const e of events.filter((e) => e.pid === pid && e.name.startsWith('glossa'))) {
  if (e.ph === 'b') begun.set(`${e.name}:${e.id2?.local ?? e.id}`, e.ts);
  if (e.ph === 'e') {
    const at = begun.get(`${e.name}:${e.id2?.local ?? e.id}`);
    if (at != null) console.log(`measure ${e.name}: ${ms(e.ts - at)} ms at ${ms(at - t0)}`);
  }
}
console.log(
  'marks:',
  marks.map((m) => `${m.name} ${Math.round(m.args.data.startTime)}`).join(', '),
);
const tasks = onMain
  .filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')
  .filter((e) => e.dur > OVER_US && e.ts >= (picked?.ts ?? 0))
  .sort((a, b) => a.ts - b.ts);
const inside = (t) => onMain.filter((e) => e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + t.dur);
for (const t of tasks) {
  const parts = new Map();
  for (const e of inside(t)) {
    if (e === t) continue;
    let name = e.name;
    if (name === 'FunctionCall') name = `fn ${e.args?.data?.functionName || '?'}`;
    if (
      ![
        'fn',
        'Layout',
        'Paint',
        'UpdateLayoutTree',
        'ParseHTML',
        'EvaluateScript',
        'TimerFire',
        'FireIdleCallback',
        'FireAnimationFrame',
        'MajorGC',
        'MinorGC',
        'V8.GC_MC_INCREMENTAL',
        'Commit',
        'Layerize',
        'PrePaint',
        'EventDispatch',
      ].includes(name.split(' ')[0])
    )
      continue;
    parts.set(name, (parts.get(name) ?? 0) + e.dur);
  }
  const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log(
    `${ms(t.ts - t0)
      .toString()
      .padStart(
        7,
      )} +${ms(t.dur).toString().padEnd(6)} ${top.map(([n, d]) => `${n} ${ms(d)}`).join('; ')}`,
  );
}
