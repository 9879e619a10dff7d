/**
 * The name of the person using this browser, set once and kept in
 * localStorage (like the interface language): recorded as the creator and
 * last modifier of annotations, reviews and relations. Not in IndexedDB, so
 * that restoring someone else's backup does not rename you.
 */
const KEY = 'glossa:user-name';

/** The name set, or '' when none is. */
export function userName(): string {
  try {
    const value = localStorage.getItem(KEY);
    return typeof value === 'string' ? value.trim().slice(0, 200) : '';
  } catch {
    return '';
  }
}

export function setUserName(name: string): void {
  try {
    if (name.trim()) localStorage.setItem(KEY, name.trim().slice(0, 200));
    else localStorage.removeItem(KEY);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}
