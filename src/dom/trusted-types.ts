/**
 * Trusted Types: the page runs under `require-trusted-types-for 'script';
 * trusted-types glossa` (index.html, and the headers of vite.config.ts), so
 * the browser refuses a string in any place that could run it. Glossa has
 * exactly two such places, and they go through the one policy here:
 *
 * - worker scripts: only URLs of this origin (the bundled workers);
 * - `DOMParser` inputs: a person's HTML file (XML imports are parsed with
 *   saxes in workers, exchange/xml-tree.ts), parsed into an
 *   inert document that is read for its text and never attached to the page
 *   (DOMParser documents run no script). Nothing else may create TrustedHTML.
 *
 * Where the browser has no Trusted Types, the same checks apply and plain
 * strings are passed on.
 */

interface TrustedTypePolicy {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface TrustedTypesWindow {
  trustedTypes?: {
    createPolicy(
      name: string,
      rules: { createHTML(s: string): string; createScriptURL(s: string): string },
    ): TrustedTypePolicy;
  };
}

export const POLICY_NAME = 'glossa';

/** A worker script's URL: this origin only. */
function sameOriginUrl(input: string): string {
  const url = new URL(input, globalThis.location?.href);
  if (globalThis.location && url.origin !== globalThis.location.origin)
    throw new TypeError(`a worker script must come from this site, not ${url.origin}`);
  return url.href;
}

let policy: TrustedTypePolicy | null | undefined;

function glossaPolicy(): TrustedTypePolicy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as TrustedTypesWindow).trustedTypes;
  policy = factory
    ? factory.createPolicy(POLICY_NAME, {
        // Parsed by DOMParser only (parseMarkup below), never inserted.
        createHTML: (s) => s,
        createScriptURL: sameOriginUrl,
      })
    : null;
  return policy;
}

/** Parses a person's markup into an inert document, to be read and never attached. */
export function parseMarkup(text: string, type: DOMParserSupportedType): Document {
  const trusted = glossaPolicy()?.createHTML(text) ?? text;
  return new DOMParser().parseFromString(trusted as string, type);
}

/**
 * Lets code that rewrites an inert parsed document (Readability does, with
 * `innerHTML` on its body and on elements it creates) set markup in it
 * through the policy: that markup comes from the same document's own
 * serialisation, and the document is never attached to the page. The live
 * document is refused.
 */
export function letInertDocumentSetMarkup(doc: Document): void {
  if (typeof document !== 'undefined' && doc === document)
    throw new TypeError('only an inert, parsed document may set markup');
  const policy = glossaPolicy();
  if (!policy) return;
  const inner = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!;
  const patch = (el: Element) =>
    Object.defineProperty(el, 'innerHTML', {
      configurable: true,
      get(this: Element) {
        return inner.get!.call(this) as string;
      },
      set(this: Element, value: string) {
        inner.set!.call(this, policy.createHTML(String(value)));
      },
    });
  if (doc.body) patch(doc.body);
  const create = doc.createElement.bind(doc);
  doc.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const el = create(tag, options);
    patch(el);
    return el;
  }) as Document['createElement'];
}

/** Starts a bundled module worker (its URL from Vite's `?worker&url` import). */
export function startWorker(url: string, options: WorkerOptions = { type: 'module' }): Worker {
  const trusted = glossaPolicy()?.createScriptURL(url) ?? sameOriginUrl(url);
  return new Worker(trusted as string, options);
}
