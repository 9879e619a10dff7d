// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { canonicalText, type ArticleBlock, type StoredArticle } from '../model/article';
import type { Annotation, AnnotationKind } from '../model/annotation';
import { articleDoc } from '../editor/schema';
import { blockSeparatorsPlugin } from '../editor/plugins/block-separators';
import { drawStaticArticle, STATIC_ATTRIBUTE } from './static-article';

const blocks = fc.array(
  fc.record({
    type: fc.constantFrom(
      'title',
      'standfirst',
      'heading',
      'paragraph',
      'blockquote',
    ) as fc.Arbitrary<ArticleBlock['type']>,
    text: fc
      .array(fc.constantFrom('a', 'é', ' ', '😀', '«', '<img src=x onerror=alert(1)>'), {
        maxLength: 10,
      })
      .map((a) => a.join('')),
  }),
  { minLength: 1, maxLength: 12 },
);

function article(bs: ArticleBlock[]): StoredArticle {
  return { id: 'a1', lang: 'fr', title: 'T', blocks: bs } as unknown as StoredArticle;
}

function annotation(
  kind: AnnotationKind,
  start: number,
  end: number,
  orphaned = false,
): Annotation {
  return {
    id: `${kind}-${start}-${end}`,
    articleId: 'a1',
    kind,
    start,
    end,
    orphaned,
  } as Annotation;
}

/** The element tree as tags, classes, the attributes that matter, and text. */
function shape(node: Node): unknown {
  if (node instanceof Text) return node.data;
  const el = node as Element;
  return [
    el.tagName,
    el.className,
    el.hasAttribute('hidden'),
    el.getAttribute('aria-hidden'),
    [...el.childNodes].map(shape),
  ];
}

/** The CSS Custom Highlight API, which jsdom lacks: a registry and Highlight as a set of ranges. */
class FakeHighlight extends Set<AbstractRange> {
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}
const registry = new Map<string, FakeHighlight>();

beforeEach(() => {
  Object.assign(globalThis, { Highlight: FakeHighlight });
  Object.assign(globalThis, { CSS: { highlights: registry } });
  registry.clear();
  document.body.replaceChildren(Object.assign(document.createElement('div'), { id: 'app' }));
});
afterEach(() => {
  delete (globalThis as { Highlight?: unknown }).Highlight;
});

const root = () => document.getElementById('app')!;

/** The text a static range covers. */
function textOf(r: AbstractRange): string {
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range.toString();
}

describe('the static first frame', () => {
  it("draws the elements ProseMirror's view draws for the same article, its text the canonical text", () => {
    fc.assert(
      fc.property(blocks, (bs) => {
        document.body.replaceChildren(Object.assign(document.createElement('div'), { id: 'app' }));
        const drawn = drawStaticArticle(root(), article(bs), []);
        const view = new EditorView(document.createElement('div'), {
          state: EditorState.create({ doc: articleDoc(bs), plugins: [blockSeparatorsPlugin()] }),
          editable: () => false,
        });
        expect([...drawn.element.childNodes].map(shape)).toEqual(
          [...view.dom.childNodes].map(shape),
        );
        expect(drawn.element.textContent).toBe(canonicalText(bs));
        // User text is text: nothing the article holds became an element.
        expect(drawn.element.querySelector('img:not(.ProseMirror-separator), img[src]')).toBeNull();
        view.destroy();
      }),
    );
  });

  it('groups its sections as the schema does, past one group', () => {
    const bs: ArticleBlock[] = Array.from({ length: 300 }, (_, i) => ({
      type: i === 0 ? 'title' : 'paragraph',
      text: i % 7 === 3 ? '' : `Bloc ${i} 😀.`,
    }));
    const drawn = drawStaticArticle(root(), article(bs), []);
    const view = new EditorView(document.createElement('div'), {
      state: EditorState.create({ doc: articleDoc(bs), plugins: [blockSeparatorsPlugin()] }),
      editable: () => false,
    });
    expect(drawn.element.children.length).toBeGreaterThan(1);
    expect([...drawn.element.childNodes].map(shape)).toEqual([...view.dom.childNodes].map(shape));
    view.destroy();
  });

  it('paints each annotation over exactly its code points, one highlight per kind, orphans left out', () => {
    fc.assert(
      fc.property(
        blocks,
        fc.array(
          fc.tuple(fc.constantFrom('claim', 'quote', 'event'), fc.nat(), fc.nat(), fc.boolean()),
          { maxLength: 8 },
        ),
        (bs, spans) => {
          registry.clear();
          document.body.replaceChildren(
            Object.assign(document.createElement('div'), { id: 'app' }),
          );
          const text = canonicalText(bs);
          const points = Array.from(text);
          const annotations = spans
            .map(([kind, a, b, orphaned]) => {
              const start = a % (points.length + 1);
              const end = start + (b % (points.length - start + 1));
              return annotation(kind as AnnotationKind, start, end, orphaned);
            })
            .filter((a) => a.start < a.end);
          drawStaticArticle(root(), article(bs), annotations);
          for (const kind of ['claim', 'quote', 'event'] as const) {
            // What shows: the separators are hidden, and one that an annotation starts or ends
            // inside is painted whole or not at all (there is nothing of it to see).
            const shown = (t: string) => t.replace(/\n/g, '');
            const painted = [...(registry.get(`hl-${kind}`) ?? [])]
              .map((r) => shown(textOf(r)))
              .sort();
            const expected = annotations
              .filter((a) => a.kind === kind && !a.orphaned)
              .map((a) => shown(points.slice(a.start, a.end).join('')))
              .sort();
            expect(painted).toEqual(expected);
          }
        },
      ),
    );
  });

  it('says where the selection made in it is, in code points, and its destroy leaves the colour layer alone', () => {
    const bs: ArticleBlock[] = [
      { type: 'title', text: 'Un 😀 titre' },
      { type: 'paragraph', text: 'Deux 😀😀 mots.' },
    ];
    const drawn = drawStaticArticle(root(), article(bs), [annotation('claim', 0, 2)]);
    expect(drawn.element.hasAttribute(STATIC_ATTRIBUTE)).toBe(true);
    const second = drawn.element.querySelectorAll('p')[0]!.lastChild as Text;
    const sel = document.getSelection()!;
    sel.setBaseAndExtent(second, second.data.indexOf('mots'), second, second.data.length);
    const points = Array.from(canonicalText(bs));
    const { anchor, head } = drawn.selection()!;
    expect(points.slice(anchor, head).join('')).toBe('mots.');

    // The editor's colour layer registered its own highlight meanwhile: it stays.
    const layers = new FakeHighlight();
    registry.set('hl-claim', layers);
    drawn.destroy();
    expect(registry.get('hl-claim')).toBe(layers);
    expect(registry.has('hl-quote')).toBe(false);
    expect(drawn.element.hasAttribute(STATIC_ATTRIBUTE)).toBe(false);
  });

  it('draws into the layout when the app built it first, else its own boxes for the layout to adopt', () => {
    const bs: ArticleBlock[] = [{ type: 'paragraph', text: 'Texte.' }];
    drawStaticArticle(root(), article(bs), []);
    expect([...root().children].map((c) => c.className)).toEqual([
      'app-header',
      'status-line',
      'workspace',
    ]);
    expect(root().querySelector('.app-header')!.childNodes).toHaveLength(0);

    const layoutArticle = Object.assign(document.createElement('main'), { id: 'article' });
    document.body.replaceChildren(layoutArticle);
    const drawn = drawStaticArticle(document.body, article(bs), []);
    expect(drawn.element.parentElement).toBe(layoutArticle);
  });
});
