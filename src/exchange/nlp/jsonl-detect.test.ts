/**
 * detectJsonl: the format of a JSON Lines file from its first non-empty
 * line among the first 20, found without splitting the whole text.
 */
import { describe, expect, it } from 'vitest';
import { detectJsonl } from './jsonl-spans';

const glossa = JSON.stringify({ text: 'Le vote.', spans: [{ start: 0, end: 2, label: 'claim' }] });
const doccano = JSON.stringify({ text: 'Le vote.', label: [[0, 2, 'CLAIM']] });

describe('detectJsonl', () => {
  it('reads the first non-empty line', () => {
    expect(detectJsonl(`${glossa}\n${doccano}\n`)).toBe('jsonl');
    expect(detectJsonl(`\n  \n${doccano}\n${glossa}`)).toBe('doccano');
    expect(detectJsonl(glossa)).toBe('jsonl');
    expect(detectJsonl(`\uFEFF${doccano}\n`)).toBe('doccano');
  });

  it('looks at 20 lines at most', () => {
    expect(detectJsonl(`${'\n'.repeat(19)}${glossa}`)).toBe('jsonl');
    expect(detectJsonl(`${'\n'.repeat(20)}${glossa}`)).toBeNull();
  });

  it('is null for text that is not a span document on its first line', () => {
    expect(detectJsonl('')).toBeNull();
    expect(detectJsonl('\n\n')).toBeNull();
    expect(detectJsonl('{\n  "type": "AnnotationCollection"\n}')).toBeNull();
    expect(detectJsonl(`[${glossa}]`)).toBeNull();
    expect(detectJsonl(`"text"\n${glossa}`)).toBeNull();
    expect(detectJsonl(`{"text": 1}\n${glossa}`)).toBeNull();
  });

  it('does not split a long text into lines', () => {
    // A 95 MB pretty-printed export has millions of lines; only the first few are looked at.
    const text = `{\n${'  "x": 1,\n'.repeat(200_000)}  "y": 2\n}`;
    const split = String.prototype.split;
    let splits = 0;
    String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
      if (this.length >= text.length) splits++;
      return split.apply(this, args);
    } as typeof split;
    try {
      expect(detectJsonl(text)).toBeNull();
    } finally {
      String.prototype.split = split;
    }
    expect(splits).toBe(0);
  });
});
