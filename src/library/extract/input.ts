/**
 * The checks every input goes through before a reader sees it: which format
 * it is, whether it is text at all, and one normal form (NFC, "\n" line ends,
 * no stray controls) — and the one cleaning every block's text gets after.
 */
import type { ExtractInput, SourceFormat } from './index';

const TEXT_EXTENSIONS = new Set(['txt', 'text']);
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml']);
const HTML_START =
  /^\s*<(?:!doctype\s+html|html|head|body|meta|article|main|section|header|div|p|h[1-6]|blockquote|ul|ol)[\s>/]/i;

/**
 * The format of an input: its extension wins (browsers often leave `type`
 * empty or guess wrong for .md), then its MIME type, then a look at the text.
 * Null for a MIME type that is plainly not text (an image, a PDF…).
 */
export function chooseFormat(input: ExtractInput): SourceFormat | null {
  const dot = input.name.lastIndexOf('.');
  const ext = dot >= 0 ? input.name.slice(dot + 1).toLowerCase() : '';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (HTML_EXTENSIONS.has(ext)) return 'html';

  const mime = (input.type ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'text/markdown' || mime === 'text/x-markdown') return 'markdown';
  if (mime.startsWith('text/')) return 'text';
  if (/^(image|audio|video|font)\//.test(mime)) return null;
  if (/^application\/(pdf|zip|gzip|x-tar|x-7z-compressed|vnd\.|msword|octet-stream)/.test(mime)) {
    // Only a file we know nothing about by name; .txt/.md/.html returned above.
    return null;
  }
  // A paste or an unnamed file: HTML if it starts like a page or a fragment of one.
  return HTML_START.test(input.text) ? 'html' : 'text';
}

/**
 * Is this text, or bytes decoded as if they were? Binary data decoded as
 * UTF-8 shows NUL bytes, control characters and U+FFFD replacement
 * characters; text has at most a stray one. More than 1 in 100 (and at least
 * 3) is "not text" — which also turns away a Latin-1 file read as UTF-8,
 * whose every accented letter would otherwise arrive as U+FFFD.
 */
export function looksLikeText(text: string): boolean {
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (isUnwantedControl(c) || c === 0xfffd) suspicious++;
  }
  return suspicious < 3 || suspicious <= text.length / 100;
}

/** C0 and C1 controls and DEL, except the whitespace ones (tab, LF, VT, FF, CR). */
export function isUnwantedControl(c: number): boolean {
  return (c < 0x20 && (c < 0x09 || c > 0x0d)) || (c >= 0x7f && c <= 0x9f);
}

/** One form for every input: no BOM, "\n" line ends, NFC, no stray controls. */
export function normaliseInput(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      // NFC so that "é" typed on one system and pasted from another is one text.
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- removing controls is the point
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g, '')
  );
}

/**
 * A block's final text: one line, ASCII whitespace runs collapsed to one
 * space, trimmed. No-break spaces are kept — French typography uses them
 * before « : ; » and they are part of the text.
 */
export function cleanText(text: string): string {
  return text.replace(/[ \t\n\v\f\r]+/g, ' ').trim();
}
