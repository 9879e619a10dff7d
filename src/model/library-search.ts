/**
 * Search and filter the annotations of every article at once: kind, entity,
 * relation, verdict, date range, creator and text, with the results grouped
 * by article (in the library's order) and each hit in document order.
 *
 * Built for a keystroke at a time over 1,000 articles × 200 annotations: the
 * index folds each annotation's searchable text once (case, accents and
 * spacing off, as the sidebar's search does), and a query that extends the
 * previous one (one more letter typed) searches only the previous hits.
 * Pure: no DOM, no storage.
 */
import type { Annotation, AnnotationKind } from './annotation';
import { edtfBounds } from './edtf-date';
import { isEntityEnd, nameKey, type Relation, type RelationType } from './factcheck';

export interface LibraryQuery {
  text?: string;
  kinds?: readonly AnnotationKind[];
  /** Annotations linked to this entity (any relation), or naming it in `entityIds`. */
  entityId?: string;
  /** Annotations at either end of a relation of this type. */
  relation?: RelationType;
  /** A rating id (model/factcheck.ts RATINGS). */
  verdict?: string;
  /** Events whose date meets this range (YYYY-MM-DD, inclusive; either may be open). */
  from?: string;
  to?: string;
  creator?: string;
}

export interface SearchGroup {
  articleId: string;
  title: string;
  hits: Annotation[];
}

interface Entry {
  annotation: Annotation;
  /** The article's position in the library, then the annotation's in the article. */
  order: number;
  text: string;
  first: string | null;
  last: string | null;
  /** The creator's and the last modifier's names, folded. */
  people: string[];
}

export class LibrarySearchIndex {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private readonly titles = new Map<string, string>();
  private readonly byKind = new Map<AnnotationKind, Entry[]>();
  private readonly byVerdict = new Map<string, Entry[]>();
  private readonly dated: Entry[] = [];
  private readonly byEntity = new Map<string, Set<string>>();
  private readonly byRelation = new Map<RelationType, Set<string>>();
  /** Hits of the latest texts searched (typing, then deleting, goes back through them). */
  private readonly textCache = new Map<string, Entry[]>();

  constructor(
    articles: Iterable<{ id: string; title: string; annotations: Iterable<Annotation> }>,
    relations: Iterable<Relation> = [],
  ) {
    let order = 0;
    for (const article of articles) {
      this.titles.set(article.id, article.title);
      const list = [...article.annotations].sort((a, b) => a.start - b.start || b.end - a.end);
      for (const a of list) {
        const bounds = a.dateValue ? edtfBounds(a.dateValue) : null;
        const entry: Entry = {
          annotation: a,
          order: order++,
          text: nameKey(
            [
              a.exact,
              a.note,
              a.fields.speaker,
              a.fields.claimant,
              a.fields.date,
              a.verdict?.explanation,
            ]
              .filter(Boolean)
              .join(' \u0000 '),
          ),
          first: bounds?.first ?? null,
          last: bounds?.last ?? null,
          people: [a.creator, a.modifier].filter((x): x is string => !!x).map(nameKey),
        };
        this.entries.push(entry);
        this.byId.set(a.id, entry);
        push(this.byKind, a.kind, entry);
        if (a.verdict?.rating) push(this.byVerdict, a.verdict.rating, entry);
        if (bounds) this.dated.push(entry);
        for (const e of a.entityIds ?? []) add(this.byEntity, e, a.id);
      }
    }
    for (const r of relations) {
      const ends = [r.from.annotationId];
      if (isEntityEnd(r.to)) add(this.byEntity, r.to.entityId, r.from.annotationId);
      else ends.push(r.to.annotationId);
      for (const id of ends) add(this.byRelation, r.type, id);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Entries whose text holds `text`, from the longest cached prefix's hits. */
  private textHits(text: string): Entry[] {
    const cached = this.textCache.get(text);
    if (cached) return cached;
    let pool = this.entries;
    for (let n = text.length - 1; n > 0; n--) {
      const prefix = this.textCache.get(text.slice(0, n));
      if (prefix) {
        pool = prefix;
        break;
      }
    }
    const hits = pool.filter((e) => e.text.includes(text));
    this.textCache.set(text, hits);
    if (this.textCache.size > 64) this.textCache.delete(this.textCache.keys().next().value!);
    return hits;
  }

  /** Each id set's entries in library order, sorted once (the sets do not change). */
  private readonly setLists = new WeakMap<Set<string>, Entry[]>();

  private entriesOf(ids: Set<string>): Entry[] {
    const known = this.setLists.get(ids);
    if (known) return known;
    const out: Entry[] = [];
    for (const id of ids) {
      const e = this.byId.get(id);
      if (e) out.push(e);
    }
    out.sort((a, b) => a.order - b.order);
    this.setLists.set(ids, out);
    return out;
  }

  /** The hits, grouped by article; `limit` caps the hits returned (the total is counted in full). */
  search(query: LibraryQuery, limit = 500): { groups: SearchGroup[]; total: number } {
    const text = nameKey(query.text ?? '');
    const kinds = query.kinds?.length ? new Set(query.kinds) : null;
    const entity = query.entityId ? (this.byEntity.get(query.entityId) ?? new Set<string>()) : null;
    const relation = query.relation
      ? (this.byRelation.get(query.relation) ?? new Set<string>())
      : null;
    const creator = query.creator ? nameKey(query.creator) : '';
    const dated = !!(query.from || query.to);

    // Start from the smallest list a filter gives, in library order.
    // The lists at hand first; an id set is turned into a list only when it is
    // the smallest (that costs a sort), else it is checked per entry.
    const pools: Entry[][] = [];
    if (kinds)
      pools.push(
        kinds.size === 1
          ? (this.byKind.get([...kinds][0]!) ?? [])
          : [...kinds].flatMap((k) => this.byKind.get(k) ?? []).sort((a, b) => a.order - b.order),
      );
    if (query.verdict) pools.push(this.byVerdict.get(query.verdict) ?? []);
    if (dated) pools.push(this.dated);
    let smallest = pools.reduce((a, b) => (b.length < a.length ? b : a), this.entries);
    for (const set of [entity, relation]) {
      if (!set) continue;
      if (set.size < smallest.length) smallest = this.entriesOf(set);
      // Pushed either way: it counts as a filter, checked per entry.
      pools.push(smallest);
    }
    // With another filter, its list is searched for the text; alone, the text's cached hits.
    if (text) pools.push(pools.length ? smallest : this.textHits(text));
    const pool = pools.reduce((a, b) => (b.length < a.length ? b : a), this.entries);

    const groups: SearchGroup[] = [];
    let total = 0;
    let group = null as SearchGroup | null;
    const only = pools.length <= 1 && !creator;
    for (const e of pool) {
      if (!only) {
        const a = e.annotation;
        if (text && !e.text.includes(text)) continue;
        if (kinds && !kinds.has(a.kind)) continue;
        if (entity && !entity.has(a.id)) continue;
        if (relation && !relation.has(a.id)) continue;
        if (query.verdict && a.verdict?.rating !== query.verdict) continue;
        if (creator && !e.people.includes(creator)) continue;
      }
      if (dated) {
        if (e.first === null && e.last === null) continue;
        if (query.to && e.first !== null && e.first > query.to) continue;
        if (query.from && e.last !== null && e.last < query.from) continue;
      }
      total++;
      if (total > limit) {
        // One filter, or none: every entry of the pool is a hit; no need to go on counting.
        if (only && !dated) {
          total = pool.length;
          break;
        }
        continue;
      }
      const a = e.annotation;
      if (group?.articleId !== a.articleId) {
        group = {
          articleId: a.articleId,
          title: this.titles.get(a.articleId) ?? a.articleId,
          hits: [],
        };
        groups.push(group);
      }
      group.hits.push(a);
    }
    return { groups, total };
  }
}

function push<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(entry);
}

function add<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}
