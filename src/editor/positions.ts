/**
 * Canonical-text offsets (code points) ↔ ProseMirror positions.
 *
 * The document is a flat list of text blocks. A block adds two positions
 * (its opening and closing token) and the canonical text puts two
 * characters ("\n\n") between blocks, so a UTF-16 offset u inside block i
 * sits at document position u + 1 — for every block. The only real work is
 * code points ↔ UTF-16, which CodePointIndex does.
 */
import type { CodePointIndex } from '../anchoring/code-points';

/** Document position of a code-point offset of the canonical text. */
export function offsetToPos(index: CodePointIndex, offset: number): number {
  return index.toUtf16(offset) + 1;
}

/** Code-point offset of a document position. */
export function posToOffset(index: CodePointIndex, pos: number): number {
  return index.toCodePoint(pos - 1);
}
