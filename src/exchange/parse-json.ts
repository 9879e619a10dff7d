/**
 * JSON.parse that reports instead of throwing: where the text stops being
 * JSON (line and column, 1-based) and the engine's message.
 */
import type { ImportProblem } from './import-plan';
import { jsonErrorOffset } from './json-locate';
import { jsonNestingFault, lineColumnAt, MAX_NESTING } from './text-checks';

/** JSON.parse with a structured problem, instead of an exception, for text that is not JSON. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: ImportProblem } {
  // A byte-order mark is common in files saved by Windows editors.
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Refused before JSON.parse builds it: everything after walks values recursively.
  const deep = jsonNestingFault(clean);
  if (deep >= 0)
    return {
      ok: false,
      problem: {
        code: 'too-deep',
        severity: 'error',
        detail: `nested more than ${MAX_NESTING} levels deep`,
        ...lineColumnAt(clean, deep),
      },
    };
  try {
    return { ok: true, value: JSON.parse(clean) as unknown };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      problem: {
        code: 'malformed-json',
        severity: 'error',
        detail,
        ...errorLocation(detail, clean),
      },
    };
  }
}

/**
 * Where JSON.parse stopped, from its message: engines say "line L column C"
 * (Firefox, recent V8), "position N" (V8) or "end of JSON input".
 */
function errorLocation(message: string, text: string): { line?: number; column?: number } {
  const lc = /line (\d+) column (\d+)/i.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/i.exec(message);
  if (pos) return lineColumn(text, Number(pos[1]));
  if (/end of (JSON )?input|unexpected end/i.test(message)) return lineColumn(text, text.length);
  // Recent V8 names no position: find it ourselves.
  const at = jsonErrorOffset(text);
  return at >= 0 ? lineColumn(text, at) : {};
}

/** 1-based line and column of a UTF-16 offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}
