/**
 * JSONL export: offsets are code points, so Python's str slicing (which
 * counts code points) finds each span's text, emoji or not.
 */
import { describe as suite, expect, it } from 'vitest';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import type { Annotation, AnnotationKind } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import { toJsonl, type JsonlLine } from './jsonl';

const shipped = articleJson as Article;
// The shipped article, with astral characters and hostile text added before the spans.
const article: Article = {
  ...shipped,
  id: 'emoji',
  blocks: [
    { type: 'title', text: `🚨 ${shipped.blocks[0]!.text} 𝄞 <img src=x onerror=alert(1)>\u2028` },
    ...shipped.blocks.slice(1),
  ],
};
const text = canonicalText(article.blocks);
const index = new CodePointIndex(text);

function make(kind: AnnotationKind, needle: string, extra: Partial<Annotation> = {}): Annotation {
  const u = text.indexOf(needle);
  const start = index.toCodePoint(u);
  const end = index.toCodePoint(u + needle.length);
  return {
    id: `00000000-0000-4000-8000-${needle.length.toString().padStart(12, '0')}`,
    articleId: article.id,
    kind,
    start,
    end,
    ...describe(index, start, end),
    note: '',
    fields: {},
    created: '2021-03-03T10:00:00.000Z',
    modified: '2021-03-03T10:00:00.000Z',
    ...extra,
  };
}

suite('toJsonl', () => {
  const later = make('event', "AWS a donné le coup d'envoi à Parler");
  const earlier = make('claim', 'Parler poursuit Amazon pour diffamation');
  const orphan = make('quote', 'Parler', { orphaned: true, exact: 'gone' });
  const out = toJsonl([
    { article, annotations: [later, earlier, orphan] },
    { article: shipped, annotations: [] },
  ]);
  const lines = out.split('\n');

  it('writes one line per article, spans in document order, orphans left out', () => {
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const first = JSON.parse(lines[0]!) as JsonlLine;
    expect(first.text).toBe(text);
    expect(first.spans).toEqual([
      { start: earlier.start, end: earlier.end, label: 'claim' },
      { start: later.start, end: later.end, label: 'event' },
    ]);
    expect(JSON.parse(lines[1]!)).toEqual({ text: canonicalText(shipped.blocks), spans: [] });
  });

  it('counts code points, as Python str indices do', () => {
    const { text: t, spans } = JSON.parse(lines[0]!) as JsonlLine;
    const codePoints = Array.from(t);
    expect(codePoints.slice(spans[0]!.start, spans[0]!.end).join('')).toBe(earlier.exact);
    // UTF-16 slicing would be off by the two astral characters before the span.
    expect(t.slice(spans[0]!.start, spans[0]!.end)).not.toBe(earlier.exact);
  });

  it('keeps U+2028 from splitting a line (Python splitlines() breaks on it)', () => {
    expect(lines[0]).not.toMatch(/[\u2028\u2029]/);
    expect(lines[0]).toContain('\\u2028');
  });
});
