/** Guards for reading parsed JSON of unknown shape (the W3C and native parsers). */

/** A JSON object: its keys may hold anything until checked. */
export type Json = Record<string, unknown>;

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
