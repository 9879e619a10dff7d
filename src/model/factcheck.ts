/**
 * What a fact-checker records beyond the span: the people, organisations and
 * places of the library (entities), typed links between annotations and
 * entities (relations), and a claim's verdict on a library-wide scale.
 *
 * Persisted shapes, plain and serialisable. Entities and relations belong to
 * the library, not to one article: a relation may join spans of two articles.
 */

export const ENTITY_TYPES = ['person', 'organization', 'place'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  /** A UUID. */
  id: string;
  type: EntityType;
  name: string;
  /** Other names it goes by ("AWS" for "Amazon Web Services"); matched by autocomplete. */
  aliases: string[];
  /** RFC 3339. */
  created: string;
  modified: string;
  /** Who created it (the name set in the browser), when known. */
  creator?: string;
  /**
   * Ids of entities merged into this one. Annotations name entities by id
   * (`entityIds`) in every article; a merge does not rewrite them all, so
   * an old id still leads here (resolveEntityIds).
   */
  mergedIds?: string[];
}

export const RELATION_TYPES = [
  'saidBy',
  'madeBy',
  'about',
  'supportedBy',
  'contradictedBy',
  'mentions',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** An end of a relation that is an annotation, in this article or another. */
export interface AnnotationEnd {
  annotationId: string;
  articleId: string;
}
/** An end of a relation that is an entity of the library. */
export interface EntityEnd {
  entityId: string;
}
export type RelationEnd = AnnotationEnd | EntityEnd;

export interface Relation {
  /** A UUID. */
  id: string;
  type: RelationType;
  /** Always an annotation: a relation is read from the span ("this quote was said by …"). */
  from: AnnotationEnd;
  to: RelationEnd;
  /** RFC 3339. */
  created: string;
  creator?: string;
}

export function isEntityEnd(end: RelationEnd): end is EntityEnd {
  return 'entityId' in end;
}

export function isRelationType(value: unknown): value is RelationType {
  return typeof value === 'string' && (RELATION_TYPES as readonly string[]).includes(value);
}

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}

/** Whether a relation has `annotationId` at either end. */
export function touchesAnnotation(relation: Relation, annotationId: string): boolean {
  return (
    relation.from.annotationId === annotationId ||
    (!isEntityEnd(relation.to) && relation.to.annotationId === annotationId)
  );
}

/** Whether a relation has `entityId` at its far end. */
export function touchesEntity(relation: Relation, entityId: string): boolean {
  return isEntityEnd(relation.to) && relation.to.entityId === entityId;
}

/**
 * The verdict scale of the library, best first. The ids are stored; the
 * names shown are translated (factcheck:rating.<id>), and the French and
 * English names below are what ClaimReview's `alternateName` carries.
 * `unverifiable` has no place on the scale: it gets no `ratingValue`.
 */
export const RATINGS = [
  { id: 'true', value: 5, fr: 'Vrai', en: 'True' },
  { id: 'mostly-true', value: 4, fr: 'Plutôt vrai', en: 'Mostly true' },
  { id: 'misleading', value: 2, fr: 'Trompeur', en: 'Misleading' },
  { id: 'false', value: 1, fr: 'Faux', en: 'False' },
  { id: 'unverifiable', value: null, fr: 'Invérifiable', en: 'Unverifiable' },
] as const;
export type RatingId = (typeof RATINGS)[number]['id'];
export const BEST_RATING = 5;
export const WORST_RATING = 1;

export function ratingOf(id: string): (typeof RATINGS)[number] | undefined {
  return RATINGS.find((r) => r.id === id);
}

/** A claim's verdict. */
export interface Verdict {
  /** A rating id of the scale (RATINGS). */
  rating: string;
  explanation: string;
  /** The review date, an ISO 8601 calendar date (YYYY-MM-DD). */
  reviewed: string;
}

/** A name compared as people type it: case, accents and spacing ignored. */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Entities whose name or an alias starts with (or has a word starting with) what is typed, best first. */
export function matchEntities(entities: Iterable<Entity>, typed: string, limit = 8): Entity[] {
  const key = nameKey(typed);
  if (!key) return [];
  const scored: { entity: Entity; score: number }[] = [];
  for (const entity of entities) {
    let best = Infinity;
    for (const name of [entity.name, ...entity.aliases]) {
      const k = nameKey(name);
      const score = k === key ? 0 : k.startsWith(key) ? 1 : k.includes(` ${key}`) ? 2 : Infinity;
      best = Math.min(best, score);
    }
    if (best < Infinity) scored.push({ entity, score: best });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      (a.entity.name < b.entity.name ? -1 : a.entity.name > b.entity.name ? 1 : 0),
  );
  return scored.slice(0, limit).map((s) => s.entity);
}

/** The entity named exactly `name` (by its name or an alias), if any. */
export function entityNamed(entities: Iterable<Entity>, name: string): Entity | undefined {
  const key = nameKey(name);
  if (!key) return undefined;
  for (const e of entities) if ([e.name, ...e.aliases].some((n) => nameKey(n) === key)) return e;
  return undefined;
}

/**
 * Merges entity `from` into `into`: `into` keeps its id and gains the other's
 * name and aliases as aliases; every relation to `from` now points to `into`.
 * Returns the merged entity and the relations that changed (nothing is dropped).
 */
export function mergeEntities(
  into: Entity,
  from: Entity,
  relations: Iterable<Relation>,
  modified: string,
): { entity: Entity; relations: Relation[] } {
  const seen = new Set([nameKey(into.name)]);
  const aliases: string[] = [];
  for (const n of [...into.aliases, from.name, ...from.aliases]) {
    const k = nameKey(n);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    aliases.push(n);
  }
  const changed: Relation[] = [];
  for (const r of relations)
    if (touchesEntity(r, from.id)) changed.push({ ...r, to: { entityId: into.id } });
  const mergedIds = [...new Set([...(into.mergedIds ?? []), from.id, ...(from.mergedIds ?? [])])];
  return { entity: { ...into, aliases, mergedIds, modified }, relations: changed };
}

/** Each merged-away entity id → the id of the entity it was merged into. */
export function resolveEntityIds(entities: Iterable<Entity>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entities) for (const id of e.mergedIds ?? []) out.set(id, e.id);
  return out;
}
