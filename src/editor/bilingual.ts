/**
 * Bilingual reading mode: each French block is drawn beside (or, on narrow
 * screens, above) its English gloss. Node views wrap the block's own
 * element; the gloss is a non-editable sibling that ProseMirror ignores, so
 * the French stays the one annotatable text and positions do not change.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type {
  EditorView,
  NodeView,
  NodeViewConstructor,
  ViewMutationRecord,
} from 'prosemirror-view';
import { h } from '../dom/h';
import { blockIndexAt } from './schema';

/** The element each block type is drawn as (the same as the schema's toDOM). */
const BLOCK_ELEMENT: Record<string, [keyof HTMLElementTagNameMap, string?]> = {
  title: ['h1', 'article-title'],
  standfirst: ['p', 'standfirst'],
  heading: ['h2', 'article-heading'],
  paragraph: ['p'],
  blockquote: ['blockquote'],
};

export interface BlockGloss {
  text: string;
  /** True when some sentence of the block has no gloss. */
  incomplete: boolean;
}

class BilingualBlock implements NodeView {
  dom: HTMLElement;
  contentDOM: HTMLElement;
  private readonly gloss: HTMLElement;

  constructor(
    private node: PMNode,
    gloss: BlockGloss,
  ) {
    const [tag, cls] = BLOCK_ELEMENT[node.type.name] ?? ['p'];
    this.contentDOM = h(tag, { class: cls });
    this.gloss = h(
      'div',
      {
        class: `bilingual-gloss${gloss.incomplete ? ' is-incomplete' : ''}`,
        lang: 'en',
        contenteditable: 'false',
      },
      gloss.text,
    );
    this.dom = h(
      'div',
      { class: 'bilingual-pair', 'data-block-type': node.type.name },
      this.contentDOM,
      this.gloss,
    );
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    return true;
  }

  ignoreMutation(mutation: ViewMutationRecord): boolean {
    // Only the French content is ProseMirror's; the gloss is ours.
    return mutation.type !== 'selection' && !this.contentDOM.contains(mutation.target);
  }

  stopEvent(event: Event): boolean {
    return this.gloss.contains(event.target as Node);
  }
}

/** Node views for bilingual mode; `glossOf(blockIndex)` gives each block's gloss. */
export function bilingualNodeViews(
  glossOf: (blockIndex: number) => BlockGloss,
): Record<string, NodeViewConstructor> {
  const make: NodeViewConstructor = (
    node: PMNode,
    view: EditorView,
    getPos: () => number | undefined,
  ) => {
    const pos = getPos() ?? 0;
    return new BilingualBlock(node, glossOf(blockIndexAt(view.state.doc.resolve(pos))));
  };
  return Object.fromEntries(Object.keys(BLOCK_ELEMENT).map((name) => [name, make]));
}
