import { describe, expect, it } from 'vitest';
import { CodePointIndex } from './code-points';
import { resizeSpan, spanWithEdgeAt } from './resize';

const index = new CodePointIndex('Parler poursuit Amazon.\n\nAWS 😀 répond');
const span = { start: 7, end: 15 }; // "poursuit"

describe('resizeSpan', () => {
  it('moves the end or the start one visible character, crossing spaces in the same step', () => {
    expect(resizeSpan(index, span, 'end', 1)).toEqual({ start: 7, end: 17 }); // "poursuit A"
    expect(resizeSpan(index, span, 'end', -1)).toEqual({ start: 7, end: 14 });
    expect(resizeSpan(index, span, 'start', -1)).toEqual({ start: 5, end: 15 }); // "r poursuit"
    expect(resizeSpan(index, span, 'start', 1)).toEqual({ start: 8, end: 15 });
    // Never onto a space: the start passes "r " forward, the end passes " A" back.
    expect(resizeSpan(index, { start: 5, end: 17 }, 'start', 1)).toEqual({ start: 7, end: 17 });
    expect(resizeSpan(index, { start: 5, end: 17 }, 'end', -1)).toEqual({ start: 5, end: 15 });
  });

  it('crosses the blank line between blocks, and counts an emoji as one character', () => {
    expect(resizeSpan(index, { start: 16, end: 23 }, 'end', 1)).toEqual({ start: 16, end: 26 });
    // "AWS " then the emoji: one step from after "AWS" passes the space and the emoji.
    expect(resizeSpan(index, { start: 25, end: 28 }, 'end', 1)).toEqual({ start: 25, end: 30 });
    expect(index.slice(25, 30)).toBe('AWS 😀');
  });

  it('refuses to leave the text or to shrink to nothing', () => {
    expect(resizeSpan(index, { start: 0, end: 6 }, 'start', -1)).toEqual({ refused: 'edge' });
    expect(resizeSpan(index, { start: 31, end: index.length }, 'end', 1)).toEqual({
      refused: 'edge',
    });
    expect(resizeSpan(index, { start: 7, end: 8 }, 'end', -1)).toEqual({ refused: 'too-small' });
  });
});

describe('spanWithEdgeAt (a dragged handle)', () => {
  it('puts the dragged end where it was dropped, the other kept, spaces left outside', () => {
    expect(spanWithEdgeAt(index, span, 'end', 22)).toEqual({ start: 7, end: 22 }); // "poursuit Amazon"
    expect(spanWithEdgeAt(index, span, 'start', 0)).toEqual({ start: 0, end: 15 });
    expect(spanWithEdgeAt(index, span, 'end', 16)).toEqual({ start: 7, end: 15 }); // the space stays out
    expect(spanWithEdgeAt(index, span, 'start', 6)).toEqual({ start: 7, end: 15 });
  });

  it('never turns the span inside out, and refuses what is off the text', () => {
    expect(spanWithEdgeAt(index, span, 'start', 20)).toEqual({ start: 14, end: 15 });
    expect(spanWithEdgeAt(index, span, 'end', 2)).toEqual({ start: 7, end: 8 });
    expect(spanWithEdgeAt(index, span, 'end', index.length + 1)).toEqual({ refused: 'edge' });
  });
});
