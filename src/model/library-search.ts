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
import {
  isEntityEnd,
  nameKey,
  RELATION_TYPES,
  type Relation,
  type RelationType,
} from './factcheck';

export interface LibraryQuery {
  text?: string;
  kinds?: readonly AnnotationKind[];
  /** Annotations linked to this entity (any relation), or naming it in `entityIds`. */
  entityId?: string;
  /** Annotations at either end of a relation of this type. */
  relation?: RelationType;
  /** A rating id (model/factcheck.ts RATINGS). */
  verdict?: string;
  /** Only this article's annotations. */
  articleId?: string;
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
  /** One bit per relation type (RELATION_TYPES order) the annotation is an end of. */
  relations: number;
}

export class LibrarySearchIndex {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private readonly titles = new Map<string, string>();
  private readonly byKind = new Map<AnnotationKind, Entry[]>();
  private readonly byVerdict = new Map<string, Entry[]>();
  private readonly dated: Entry[] = [];
  private readonly byArticle = new Map<string, Entry[]>();
  private readonly byPerson = new Map<string, Entry[]>();
  private readonly byEntity = new Map<string, Set<string>>();
  private readonly byRelation = new Map<RelationType, Set<string>>();
  /** Hits of the latest texts searched (typing, then deleting, goes back through them). */
  private readonly textCache = new Map<string, Entry[]>();

  constructor(
    articles: Iterable<{ id: string; title: string; annotations: Iterable<Annotation> }>,
    relations: Iterable<Relation> = [],
    /** Merged-away entity ids → the entity kept (model/factcheck.ts resolveEntityIds). */
    mergedInto: ReadonlyMap<string, string> = new Map(),
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
          people: [
            ...new Set([a.creator, a.modifier].filter((x): x is string => !!x).map(nameKey)),
          ],
          relations: 0,
        };
        this.entries.push(entry);
        this.byId.set(a.id, entry);
        push(this.byKind, a.kind, entry);
        push(this.byArticle, a.articleId, entry);
        for (const person of entry.people) push(this.byPerson, person, entry);
        if (a.verdict?.rating) push(this.byVerdict, a.verdict.rating, entry);
        if (bounds) this.dated.push(entry);
        for (const e of a.entityIds ?? []) add(this.byEntity, mergedInto.get(e) ?? e, a.id);
      }
    }
    for (const r of relations) {
      const ends = [r.from.annotationId];
      if (isEntityEnd(r.to)) add(this.byEntity, r.to.entityId, r.from.annotationId);
      else ends.push(r.to.annotationId);
      for (const id of ends) {
        add(this.byRelation, r.type, id);
        const entry = this.byId.get(id);
        if (entry) entry.relations |= 1 << RELATION_TYPES.indexOf(r.type);
      }
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
    const relationBit = query.relation ? 1 << RELATION_TYPES.indexOf(query.relation) : 0;
    const creator = query.creator ? nameKey(query.creator) : '';
    const dated = !!(query.from || query.to);
    const article = query.articleId ? (this.byArticle.get(query.articleId) ?? []) : null;

    // Every filter that has a list at hand offers it (each in library order);
    // the smallest is walked and the other filters are checked per entry. The
    // text's list comes from the hits of the text one letter shorter (typing),
    // so with a filter set, typing still narrows what the last keystroke found.
    // An entity's or a relation type's id set becomes a list only when it is
    // the smallest (a sort, once; cached).
    const pools: Entry[][] = [];
    if (article) pools.push(article);
    if (kinds)
      pools.push(
        kinds.size === 1
          ? (this.byKind.get([...kinds][0]!) ?? [])
          : [...kinds].flatMap((k) => this.byKind.get(k) ?? []).sort((a, b) => a.order - b.order),
      );
    if (query.verdict) pools.push(this.byVerdict.get(query.verdict) ?? []);
    if (creator) pools.push(this.byPerson.get(creator) ?? []);
    if (dated) pools.push(this.dated);
    const textPool = text ? this.textHits(text) : null;
    if (textPool) pools.push(textPool);
    let pool = pools.reduce((a, b) => (b.length < a.length ? b : a), this.entries);
    const relationSet = query.relation ? this.byRelation.get(query.relation) : null;
    for (const set of [entity, relationSet])
      if (set && set.size < pool.length) pool = this.entriesOf(set);
    if (query.relation && !relationSet) pool = [];
    // One filter whose own list is walked: every entry is a hit, counted without a walk.
    const filters =
      [text, kinds, entity, query.relation, query.verdict, creator, article].filter(Boolean)
        .length + (dated ? 1 : 0);
    if (filters === 1 && !dated && pool !== this.entries)
      return this.grouped(pool.slice(0, limit), pool.length);

    const hits: Entry[] = [];
    let total = 0;
    for (const e of pool) {
      const a = e.annotation;
      if (text && pool !== textPool && !e.text.includes(text)) continue;
      if (kinds && !kinds.has(a.kind)) continue;
      if (entity && !entity.has(a.id)) continue;
      if (relationBit && !(e.relations & relationBit)) continue;
      if (query.verdict && a.verdict?.rating !== query.verdict) continue;
      if (creator && !e.people.includes(creator)) continue;
      if (article && a.articleId !== query.articleId) continue;
      if (dated) {
        if (e.first === null && e.last === null) continue;
        if (query.to && e.first !== null && e.first > query.to) continue;
        if (query.from && e.last !== null && e.last < query.from) continue;
      }
      total++;
      if (total <= limit) hits.push(e);
    }
    return this.grouped(hits, total);
  }

  private grouped(hits: Entry[], total: number): { groups: SearchGroup[]; total: number } {
    const groups: SearchGroup[] = [];
    let group = null as SearchGroup | null;
    for (const { annotation: a } of hits) {
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

  /** The article titles, in the library's order. */
  articles(): { id: string; title: string }[] {
    return [...this.titles].map(([id, title]) => ({ id, title }));
  }

  /** The event annotations matching `query`, on a timeline (model/timeline.ts order). */
  events(query: LibraryQuery): Annotation[] {
    return this.search({ ...query, kinds: ['event'] }, Infinity).groups.flatMap((g) => g.hits);
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
