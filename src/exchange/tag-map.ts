/**
 * Tags to kinds. Glossa's kinds are claim, quote and event; other tools
 * tag with words of their own ("fact-check", "Highlight", "PER") or not
 * at all. A tag that names a kind (compared case-insensitively) is that
 * kind; any other tag, and the absence of a tag, is looked up in a
 * TagMap the person filled in on import (remembered per source, see
 * app/exchange-menu.ts): a kind, or `skip` to leave those records out.
 * Nothing is guessed: a tag that is neither a kind nor mapped is listed,
 * with the number of records that carry it, for the person to map.
 */
import { isAnnotationKind, type AnnotationKind } from '../model/annotation';

/** What a tag is mapped to: a kind, or skip (the records are left out). */
export type TagChoice = AnnotationKind | 'skip';
/** Normalised tag → choice; the key UNTAGGED stands for records without a tag. */
export type TagMap = Readonly<Record<string, TagChoice>>;
/** The key of records without any tag. */
export const UNTAGGED = '';

export function isTagChoice(value: unknown): value is TagChoice {
  return value === 'skip' || isAnnotationKind(value);
}

/** How tags are compared: trimmed, lower-cased, NFC. */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFC').trim().toLowerCase();
}

/** What a record's tags say. */
export interface TagResolution {
  /** The one kind named or mapped, when there is exactly one. */
  kind?: AnnotationKind;
  /** Several different kinds. */
  ambiguous?: AnnotationKind[];
  /** The record is to be left out: its tags are mapped to skip (and to no kind). */
  skip?: boolean;
  /** Tags (normalised) that are neither a kind nor mapped; [UNTAGGED] for a record without tags. */
  unknown: string[];
}

/** Resolves a record's tags against the kinds and `map`. */
export function resolveTags(tags: readonly string[], map: TagMap = {}): TagResolution {
  const kinds = new Set<AnnotationKind>();
  const unknown: string[] = [];
  let skipped = false;
  const normal = tags.map(normaliseTag).filter((t) => t !== '');
  const keys = normal.length === 0 ? [UNTAGGED] : normal;
  for (const tag of keys) {
    if (isAnnotationKind(tag)) kinds.add(tag);
    else if (Object.hasOwn(map, tag)) {
      const choice = map[tag]!;
      if (choice === 'skip') skipped = true;
      else kinds.add(choice);
    } else unknown.push(tag);
  }
  const result: TagResolution = { unknown };
  if (kinds.size === 1) result.kind = [...kinds][0]!;
  else if (kinds.size > 1) result.ambiguous = [...kinds];
  else if (skipped && unknown.length === 0) result.skip = true;
  return result;
}

/** Counts, per unknown tag, the records that could not get a kind because of it. */
export class TagCounter {
  private readonly counts = new Map<string, number>();
  /** Counts a record's unknown tags, when they left it without a kind. */
  add(resolution: TagResolution): void {
    if (resolution.kind || resolution.ambiguous || resolution.skip) return;
    for (const tag of new Set(resolution.unknown))
      this.counts.set(tag, (this.counts.get(tag) ?? 0) + 1);
  }
  /** Most frequent first, then by tag. */
  list(): { tag: string; count: number }[] {
    return [...this.counts]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  }
}
