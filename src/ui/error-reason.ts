/**
 * A short reason for an error, for messages: a DOMException's name
 * ("NotAllowedError", "QuotaExceededError") rather than its long message.
 */
export function reasonOf(error: unknown): string {
  if (error instanceof DOMException) return error.name;
  if (error instanceof Error) return error.message;
  return String(error);
}
