/**
 * Getting exported text out of the page: as a downloaded file (a Blob and a
 * temporary `<a download>`), or onto the clipboard.
 */

/** Saves `text` as a file named `fileName`, through the browser's download. */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** Saves a Blob (a file a worker wrote, say) as `fileName`, through the browser's download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; the click
  // has handed the URL over by the next task, so revoke a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Copies `text` to the clipboard. Rejects when the browser refuses
 * (no permission, page not focused, insecure context, no Clipboard API).
 */
export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('Clipboard API not available');
  await navigator.clipboard.writeText(text);
}

/** A file-name-safe form of an article id ("parler-amazon-fr" stays as it is). */
export function fileSafe(id: string): string {
  const safe = id
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '');
  return safe.slice(0, 100) || 'article';
}
