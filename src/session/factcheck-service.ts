/**
 * The open article's fact-checking records: the library's entities, and the
 * relations touching this article's annotations — in memory first, written
 * in one strict transaction per change, with their own undo history.
 *
 * Why an undo of its own: the article session's history covers the
 * per-article stores (annotations, reviews, glosses). Relations and entities
 * belong to the library, so they are not records of that session. Each entry
 * here carries the time of its change, and the annotate screen undoes
 * whichever history holds the latest entry (`undoTime`), both when their
 * times are equal — deleting an annotation deletes its relations with the
 * same time, so one Ctrl+Z brings back the annotation and its links.
 */
import {
  isEntityEnd,
  mergeEntities,
  touchesAnnotation,
  type AnnotationEnd,
  type Entity,
  type EntityType,
  type Relation,
  type RelationEnd,
  type RelationType,
} from '../model/factcheck';
import { newId, now } from '../model/annotation';
import type { GlossaDatabase } from '../store/db';
import { readTabMessage, TAB_CHANNEL, type FactcheckCommitted } from '../model/tab-messages';
import {
  commitFactcheck,
  loadEntities,
  loadRelationsOf,
  type FactcheckChange,
} from '../store/factcheck-store';

interface Entry {
  before: FactcheckChange;
  after: FactcheckChange;
  time: number;
}

export type FactcheckListener = (change: FactcheckChange) => void;

const HISTORY_LIMIT = 200;

export class FactcheckService {
  readonly entities = new Map<string, Entity>();
  readonly relations = new Map<string, Relation>();
  private undoStack: Entry[] = [];
  private redoStack: Entry[] = [];
  private readonly listeners = new Set<FactcheckListener>();
  private readonly errorListeners = new Set<(error: unknown) => void>();
  private readonly writeListeners = new Set<(write: Promise<void>) => void>();
  private writing: Promise<void> = Promise.resolve();
  /** This service, to ignore its own announcements. */
  private readonly tab = newId();
  private readonly onMessage = (event: MessageEvent<unknown>) => void this.received(event.data);

  constructor(
    private readonly db: GlossaDatabase | null,
    entities: Iterable<Entity>,
    relations: Iterable<Relation>,
    /** Who is recorded as creator (the name set in the browser). */
    private readonly user: () => string,
    /**
     * Where other tabs hear of this one's writes, and it of theirs (the
     * app's one channel name, model/tab-messages.ts); null: no sync.
     */
    private readonly channel: BroadcastChannel | null = null,
  ) {
    for (const e of entities) this.entities.set(e.id, e);
    for (const r of relations) this.relations.set(r.id, r);
    channel?.addEventListener('message', this.onMessage);
  }

  /** A channel for tab sync, where the browser has one. */
  static channel(): BroadcastChannel | null {
    return 'BroadcastChannel' in globalThis ? new BroadcastChannel(TAB_CHANNEL) : null;
  }

  /** Stops listening to other tabs and closes the channel. */
  close(): void {
    this.channel?.removeEventListener('message', this.onMessage);
    this.channel?.close();
  }

  /**
   * Another tab wrote entities or relations: re-read just those and show
   * them. Not an undo step here (undo reverts only this tab's changes).
   */
  async received(data: unknown): Promise<void> {
    const m = readTabMessage(data);
    if (m?.type !== 'factcheck-committed' || m.tab === this.tab || !this.db) return;
    const tx = this.db.transaction(['entities', 'relations']);
    const [entities, relations] = await Promise.all([
      Promise.all(m.entities.map((id) => tx.objectStore('entities').get(id))),
      Promise.all(m.relations.map((id) => tx.objectStore('relations').get(id))),
    ]);
    const change: FactcheckChange = {
      entities: new Map(m.entities.map((id, i) => [id, entities[i] ?? null])),
      relations: new Map(m.relations.map((id, i) => [id, relations[i] ?? null])),
    };
    this.show(change);
  }

  private show(change: FactcheckChange): void {
    for (const [id, e] of change.entities ?? []) {
      if (e) this.entities.set(id, e);
      else this.entities.delete(id);
    }
    for (const [id, r] of change.relations ?? []) {
      if (r) this.relations.set(id, r);
      else this.relations.delete(id);
    }
    for (const l of this.listeners) l(change);
  }

  /** Reads the library's entities and the relations touching `articleId`. */
  static async open(
    db: GlossaDatabase | null,
    articleId: string,
    user: () => string,
  ): Promise<FactcheckService> {
    if (!db) return new FactcheckService(null, [], [], user);
    const [entities, relations] = await Promise.all([
      loadEntities(db),
      loadRelationsOf(db, articleId),
    ]);
    return new FactcheckService(db, entities, relations, user, FactcheckService.channel());
  }

  subscribe(listener: FactcheckListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called with each write as it is queued, a promise settled once it has
   * finished (committed or failed): the open article's session counts it
   * in the tab's save state (ArticleSession.track).
   */
  onWrite(listener: (write: Promise<void>) => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  /** Called when a write fails (the change stays in memory, as the session's do). */
  onError(listener: (error: unknown) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Every relation with `annotationId` at either end. */
  relationsOf(annotationId: string): Relation[] {
    const out: Relation[] = [];
    for (const r of this.relations.values()) if (touchesAnnotation(r, annotationId)) out.push(r);
    return out;
  }

  /** Annotation ids linked to `annotationId`, either way (for drawing the link). */
  linkedAnnotations(annotationId: string): string[] {
    const out: string[] = [];
    for (const r of this.relationsOf(annotationId)) {
      if (r.from.annotationId !== annotationId) out.push(r.from.annotationId);
      else if (!isEntityEnd(r.to)) out.push(r.to.annotationId);
    }
    return out;
  }

  /** The entity to set as a speaker or claimant: an existing one, or a new one named `name`. */
  createEntity(name: string, type: EntityType = 'person', time = Date.now()): Entity {
    const stamp = now();
    const creator = this.user();
    const entity: Entity = {
      id: newId(),
      type,
      name: name.trim(),
      aliases: [],
      created: stamp,
      modified: stamp,
      ...(creator ? { creator } : {}),
    };
    this.apply({ entities: new Map([[entity.id, entity]]) }, time);
    return entity;
  }

  updateEntity(entity: Entity): void {
    this.apply({ entities: new Map([[entity.id, { ...entity, modified: now() }]]) });
  }

  /** Links `from` to `to`; returns the new relation. */
  link(type: RelationType, from: AnnotationEnd, to: RelationEnd, time = Date.now()): Relation {
    const creator = this.user();
    const relation: Relation = {
      id: newId(),
      type,
      from,
      to,
      created: now(),
      ...(creator ? { creator } : {}),
    };
    this.apply({ relations: new Map([[relation.id, relation]]) }, time);
    return relation;
  }

  /**
   * Sets the one relation of `type` from an annotation to an entity (the
   * speaker, the claimant): replaces the previous one, as one undo step.
   */
  setEntityRelation(
    type: RelationType,
    from: AnnotationEnd,
    entityId: string | null,
    time = Date.now(),
  ): void {
    const relations = new Map<string, Relation | null>();
    for (const r of this.relationsOf(from.annotationId))
      if (r.type === type && r.from.annotationId === from.annotationId && isEntityEnd(r.to))
        relations.set(r.id, null);
    if (entityId) {
      const creator = this.user();
      const relation: Relation = {
        id: newId(),
        type,
        from,
        to: { entityId },
        created: now(),
        ...(creator ? { creator } : {}),
      };
      relations.set(relation.id, relation);
    }
    if (relations.size) this.apply({ relations }, time);
  }

  unlink(relationId: string, time = Date.now()): void {
    if (this.relations.has(relationId))
      this.apply({ relations: new Map([[relationId, null]]) }, time);
  }

  /**
   * An annotation was deleted: its relations go with it (the other end
   * stays). `time` is the session's, so that one undo restores both.
   */
  removeTouching(annotationId: string, time: number): void {
    const relations = new Map<string, null>();
    for (const r of this.relationsOf(annotationId)) relations.set(r.id, null);
    if (relations.size) this.apply({ relations }, time);
  }

  /** Merges entity `fromId` into `intoId`, keeping every link (model/factcheck.ts mergeEntities). */
  merge(intoId: string, fromId: string): void {
    const into = this.entities.get(intoId);
    const from = this.entities.get(fromId);
    if (!into || !from || intoId === fromId) return;
    const merged = mergeEntities(into, from, this.relations.values(), now());
    this.apply({
      entities: new Map<string, Entity | null>([
        [into.id, merged.entity],
        [from.id, null],
      ]),
      relations: new Map(merged.relations.map((r) => [r.id, r])),
    });
  }

  /** The time of the change the next undo reverts, if any. */
  get undoTime(): number | undefined {
    return this.undoStack[this.undoStack.length - 1]?.time;
  }
  get redoTime(): number | undefined {
    return this.redoStack[this.redoStack.length - 1]?.time;
  }

  undo(): boolean {
    const entry = this.undoStack.pop();
    if (!entry) return false;
    this.redoStack.push(entry);
    this.write(entry.before);
    return true;
  }

  redo(): boolean {
    const entry = this.redoStack.pop();
    if (!entry) return false;
    this.undoStack.push(entry);
    this.write(entry.after);
    return true;
  }

  /**
   * A change another part of this tab has already written (an import's
   * links, in the transaction of its annotations: ArticleSession
   * applyDurably): shown, and put on this history at `time`, the session's
   * time for the import, so that one undo takes back the spans and their
   * links. Not written again.
   */
  recordCommitted(change: FactcheckChange, time: number): void {
    this.undoStack.push({ before: this.snapshot(change), after: change, time });
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.show(change);
  }

  /** Applies a change now, records it for undo, and writes it. */
  apply(change: FactcheckChange, time = Date.now()): void {
    this.undoStack.push({ before: this.snapshot(change), after: change, time });
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.write(change);
  }

  private snapshot(change: FactcheckChange): FactcheckChange {
    return {
      entities: new Map(
        [...(change.entities?.keys() ?? [])].map((k) => [k, this.entities.get(k) ?? null]),
      ),
      relations: new Map(
        [...(change.relations?.keys() ?? [])].map((k) => [k, this.relations.get(k) ?? null]),
      ),
    };
  }

  private write(change: FactcheckChange): void {
    this.show(change);
    const db = this.db;
    if (!db) return;
    this.writing = this.writing
      .then(() => commitFactcheck(db, change))
      .then(() =>
        this.channel?.postMessage({
          type: 'factcheck-committed',
          tab: this.tab,
          entities: [...(change.entities?.keys() ?? [])],
          relations: [...(change.relations?.keys() ?? [])],
        } satisfies FactcheckCommitted),
      )
      .catch((error: unknown) => {
        for (const l of this.errorListeners) l(error);
      });
    for (const l of this.writeListeners) l(this.writing);
  }

  /** Resolves when every write so far has finished (tests, export). */
  settled(): Promise<void> {
    return this.writing;
  }
}
