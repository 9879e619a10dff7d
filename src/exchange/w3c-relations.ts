/**
 * Relations as W3C Web Annotations: one annotation per relation, with
 * `motivation: "linking"` and as targets the two linked resources — the
 * annotations by their W3C ids (`urn:uuid:<id>`, the ids w3c.ts gives them),
 * an entity by `urn:glossa:entity:<id>` with its type and name (schema.org
 * Person / Organization / Place). Which end is which is `glossa:role`
 * ("from" / "to") on each target; the relation's type is the body, a
 * `tagging` TextualBody (`saidBy`, `madeBy`, `about`, `supportedBy`,
 * `contradictedBy`, `mentions`). Who linked them is `creator`, a
 * `Person` (W3C's own `creator` property and agent class).
 *
 * `parseW3CRelations` reads them back from the same shapes parseW3C takes
 * (an annotation, an array, a collection or a page), ignoring the
 * annotations that are not links, and returns `{ records, problems }`.
 */
import {
  isEntityEnd,
  isEntityType,
  isRelationType,
  type Entity,
  type EntityType,
  type Relation,
} from '../model/factcheck';
import type { Annotation } from '../model/annotation';
import type { ImportProblem } from './import-plan';
import { isObject, type Json } from './json-guards';
import type { W3CAnnotationCollection } from './w3c';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

const UUID_URN = 'urn:uuid:';
const ENTITY_URN = 'urn:glossa:entity:';
const GLOSSA_ROLE = 'glossa:role';
const GLOSSA_ARTICLE = 'glossa:article';
const SCHEMA_TYPE: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
};

export interface W3CLinkTarget {
  id: string;
  type?: string;
  name?: string;
  [GLOSSA_ROLE]: 'from' | 'to';
  [GLOSSA_ARTICLE]?: string;
}

export interface W3CLinkingAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'linking';
  created: string;
  creator?: { type: 'Person'; name: string };
  body: { type: 'TextualBody'; purpose: 'tagging'; value: string };
  target: W3CLinkTarget[];
}

/** One relation as a linking annotation. */
export function toW3CRelation(
  relation: Relation,
  entities: ReadonlyMap<string, Entity>,
): W3CLinkingAnnotation {
  const from: W3CLinkTarget = {
    id: UUID_URN + relation.from.annotationId,
    [GLOSSA_ROLE]: 'from',
    [GLOSSA_ARTICLE]: relation.from.articleId,
  };
  let to: W3CLinkTarget;
  if (isEntityEnd(relation.to)) {
    const entity = entities.get(relation.to.entityId);
    to = {
      id: ENTITY_URN + relation.to.entityId,
      [GLOSSA_ROLE]: 'to',
      ...(entity ? { type: SCHEMA_TYPE[entity.type], name: entity.name } : {}),
    };
  } else {
    to = {
      id: UUID_URN + relation.to.annotationId,
      [GLOSSA_ROLE]: 'to',
      [GLOSSA_ARTICLE]: relation.to.articleId,
    };
  }
  return {
    '@context': ANNO_CONTEXT,
    id: UUID_URN + relation.id,
    type: 'Annotation',
    motivation: 'linking',
    created: relation.created,
    ...(relation.creator ? { creator: { type: 'Person', name: relation.creator } } : {}),
    body: { type: 'TextualBody', purpose: 'tagging', value: relation.type },
    target: [from, to],
  };
}

/**
 * A W3C export (w3c.ts toW3C) with the relations added to its page, after
 * the annotations, and who made each annotation: W3C's `creator` (a
 * `Person`) and, for the last person who changed it, `glossa:modifiedBy`
 * (the W3C model has no property for a modifier).
 */
export function withRelations(
  collection: W3CAnnotationCollection,
  relations: Iterable<Relation>,
  entities: ReadonlyMap<string, Entity>,
  annotations: Iterable<Pick<Annotation, 'id' | 'creator' | 'modifier'>> = [],
): W3CAnnotationCollection {
  const people = new Map<string, Pick<Annotation, 'creator' | 'modifier'>>();
  for (const a of annotations) if (a.creator || a.modifier) people.set(UUID_URN + a.id, a);
  const annotated = collection.first.items.map((item) => {
    const who = people.get(item.id);
    if (!who) return item;
    return {
      ...item,
      ...(who.creator ? { creator: { type: 'Person', name: who.creator } } : {}),
      ...(who.modifier ? { 'glossa:modifiedBy': { type: 'Person', name: who.modifier } } : {}),
    };
  });
  const links = [...relations].map((r) => toW3CRelation(r, entities));
  const items = [...annotated, ...links] as W3CAnnotationCollection['first']['items'];
  return { ...collection, total: items.length, first: { ...collection.first, items } };
}

/** Is this W3C annotation a link (motivation `linking`)? parseW3C leaves these to this module. */
export function isLinkingAnnotation(value: unknown): boolean {
  if (!isObject(value)) return false;
  const m = value.motivation;
  return m === 'linking' || (Array.isArray(m) && m.includes('linking'));
}

export interface W3CRelationsResult {
  records: { relations: Relation[]; entities: Entity[] };
  problems: ImportProblem[];
}

/** Every annotation-like object of a W3C document, with its path. */
function items(json: unknown): { value: unknown; path: string }[] {
  const out: { value: unknown; path: string }[] = [];
  const list = (values: unknown[], path: string) =>
    values.forEach((v, i) => visit(v, `${path}[${i}]`));
  const visit = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return list(v, path);
    if (!isObject(v)) return;
    if (Array.isArray(v.items)) return list(v.items, path ? `${path}.items` : 'items');
    if (isObject(v.first)) return visit(v.first, path ? `${path}.first` : 'first');
    out.push({ value: v, path });
  };
  visit(json, '');
  return out;
}

function idAfter(prefix: string, value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith(prefix)) return null;
  const id = value.slice(prefix.length);
  return id && id.length <= 200 ? id : null;
}

/**
 * Reads the linking annotations of a W3C document. `articleOf` finds the
 * article of an annotation id when a target does not say (another tool's
 * file); a link whose ends cannot be read is reported and left out.
 */
export function parseW3CRelations(
  json: unknown,
  articleOf: (annotationId: string) => string | undefined = () => undefined,
): W3CRelationsResult {
  const relations: Relation[] = [];
  const entities = new Map<string, Entity>();
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  items(json).forEach(({ value, path }, index) => {
    if (!isLinkingAnnotation(value)) return;
    const a = value as Json;
    const wrong = (detail: string, at = path) =>
      problems.push({ code: 'wrong-shape', severity: 'error', index, path: at, detail });
    const id = idAfter(UUID_URN, a.id);
    if (!id) return wrong('a link needs an id urn:uuid:<id>', `${path}.id`);
    if (seen.has(id))
      return void problems.push({
        code: 'duplicate-id',
        severity: 'error',
        index,
        id,
        path: `${path}.id`,
        detail: `link ${id} appears twice`,
      });
    const body = Array.isArray(a.body) ? a.body[0] : a.body;
    const type = isObject(body) ? body.value : body;
    if (!isRelationType(type))
      return void problems.push({
        code: 'unknown-kind',
        severity: 'error',
        index,
        id,
        path: `${path}.body`,
        detail: `${JSON.stringify(type)} is not a relation Glossa knows`,
      });
    const targets = Array.isArray(a.target) ? a.target : [];
    const role = (r: string) =>
      targets.find((t) => isObject(t) && t[GLOSSA_ROLE] === r) as Json | undefined;
    // Another tool's link may say nothing of direction: the first target is the "from".
    const from = role('from') ?? (isObject(targets[0]) ? targets[0] : undefined);
    const to = role('to') ?? (isObject(targets[1]) ? targets[1] : undefined);
    if (!from || !to || targets.length !== 2)
      return wrong('a link needs exactly two targets', `${path}.target`);
    const fromId = idAfter(UUID_URN, from.id);
    const fromArticle =
      fromId &&
      (typeof from[GLOSSA_ARTICLE] === 'string' ? from[GLOSSA_ARTICLE] : articleOf(fromId));
    if (!fromId || !fromArticle)
      return wrong('the link does not start at an annotation', `${path}.target`);
    let end: Relation['to'];
    const entityId = idAfter(ENTITY_URN, to.id);
    const toId = idAfter(UUID_URN, to.id);
    if (entityId) {
      end = { entityId };
      const name = typeof to.name === 'string' ? to.name.trim().slice(0, 500) : '';
      const entityType = Object.entries(SCHEMA_TYPE).find(([, s]) => s === to.type)?.[0];
      if (name && !entities.has(entityId))
        entities.set(entityId, {
          id: entityId,
          type: isEntityType(entityType) ? entityType : 'person',
          name,
          aliases: [],
          created: typeof a.created === 'string' ? a.created : new Date(0).toISOString(),
          modified: typeof a.created === 'string' ? a.created : new Date(0).toISOString(),
        });
    } else if (toId) {
      const toArticle =
        typeof to[GLOSSA_ARTICLE] === 'string' ? to[GLOSSA_ARTICLE] : articleOf(toId);
      if (!toArticle)
        return wrong('the link ends at an annotation of no known article', `${path}.target`);
      end = { annotationId: toId, articleId: toArticle };
    } else return wrong('the link ends at neither an annotation nor an entity', `${path}.target`);
    seen.add(id);
    const creator =
      isObject(a.creator) && typeof a.creator.name === 'string' ? a.creator.name : undefined;
    relations.push({
      id,
      type,
      from: { annotationId: fromId, articleId: fromArticle },
      to: end,
      created: typeof a.created === 'string' ? a.created : new Date(0).toISOString(),
      ...(creator ? { creator: creator.slice(0, 200) } : {}),
    });
  });
  return { records: { relations, entities: [...entities.values()] }, problems };
}
