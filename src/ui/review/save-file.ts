/**
 * Hands a text to the browser as a download, named `fileName`.
 */
import { h } from '../dom';

/** Characters no file system takes in a name (and controls), replaced by "_". */
const UNSAFE = /[\\/:*?"<>|\p{Cc}]/gu;

/** A file name safe on every system, from an article id and a suffix ("….quotes.xlf"). */
export function fileNameFor(articleId: string, suffix: string): string {
  const base = articleId.replace(UNSAFE, '_').replace(/^\.+/, '_') || 'article';
  return `${base}${suffix}`;
}

export function saveFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the download reads the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
