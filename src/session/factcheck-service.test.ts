import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openGlossaDB, type GlossaDatabase } from '../store/db';
import { loadEntities, loadRelationsOf } from '../store/factcheck-store';
import { FactcheckService } from './factcheck-service';
import { ArticleSession } from './article-session';
import { step } from './undo-histories';
import { Repository } from '../store/repository';
import type { Annotation } from '../model/annotation';
import type { StoredArticle } from '../model/article';
import {
  entityNamed,
  matchEntities,
  mergeEntities,
  resolveEntityIds,
  type Entity,
  type Relation,
} from '../model/factcheck';

let db: GlossaDatabase;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB({ name: 'factcheck-test' });
});

const quote = { annotationId: 'q1', articleId: 'a' };
const span = { annotationId: 's1', articleId: 'a' };
const elsewhere = { annotationId: 'x1', articleId: 'b' };

describe('FactcheckService', () => {
  it('writes relations and entities, and reads back those of an article, either end', async () => {
    const service = await FactcheckService.open(db, 'a', () => 'Camille');
    const parler = service.createEntity('Parler', 'organization');
    service.setEntityRelation('saidBy', quote, parler.id);
    service.link('saidBy', quote, span);
    service.link('contradictedBy', elsewhere, quote);
    await service.settled();
    const reopened = await FactcheckService.open(db, 'a', () => '');
    expect(reopened.entities.get(parler.id)).toMatchObject({ name: 'Parler', creator: 'Camille' });
    expect(
      reopened
        .relationsOf('q1')
        .map((r) => r.type)
        .sort(),
    ).toEqual(['contradictedBy', 'saidBy', 'saidBy']);
    expect(reopened.linkedAnnotations('q1').sort()).toEqual(['s1', 'x1']);
    expect((await loadRelationsOf(db, 'b')).map((r) => r.type)).toEqual(['contradictedBy']);
  });

  it('setting another speaker replaces the previous one in one undo step', async () => {
    const service = await FactcheckService.open(db, 'a', () => '');
    const a = service.createEntity('A');
    const b = service.createEntity('B');
    service.setEntityRelation('saidBy', quote, a.id);
    service.setEntityRelation('saidBy', quote, b.id);
    expect(service.relationsOf('q1').map((r) => r.to)).toEqual([{ entityId: b.id }]);
    service.undo();
    expect(service.relationsOf('q1').map((r) => r.to)).toEqual([{ entityId: a.id }]);
  });

  it('deleting an end removes its relations, the other end stays; undo and redo', async () => {
    const service = await FactcheckService.open(db, 'a', () => '');
    service.link('saidBy', quote, span);
    const other = service.link('about', span, elsewhere);
    service.removeTouching('q1', 1234);
    expect(service.undoTime).toBe(1234);
    expect([...service.relations.values()]).toEqual([other]);
    expect(service.undo()).toBe(true);
    expect(service.relationsOf('q1')).toHaveLength(1);
    expect(service.redo()).toBe(true);
    expect(service.relationsOf('q1')).toHaveLength(0);
    await service.settled();
    expect((await loadRelationsOf(db, 'a')).map((r) => r.id)).toEqual([other.id]);
  });

  it('merging two entities keeps every link, now to the one kept', async () => {
    const service = await FactcheckService.open(db, 'a', () => '');
    const aws = service.createEntity('Amazon Web Services', 'organization');
    const short = service.createEntity('AWS', 'organization');
    service.setEntityRelation('saidBy', quote, short.id);
    service.setEntityRelation('madeBy', span, aws.id);
    service.merge(aws.id, short.id);
    expect(service.entities.has(short.id)).toBe(false);
    expect(service.entities.get(aws.id)?.aliases).toEqual(['AWS']);
    expect([...service.relations.values()].map((r) => r.to)).toEqual([
      { entityId: aws.id },
      { entityId: aws.id },
    ]);
    service.undo();
    expect(service.entities.has(short.id)).toBe(true);
    expect(service.entities.get(aws.id)?.aliases).toEqual([]);
    expect([...service.relations.values()].map((r) => r.to)).toEqual([
      { entityId: short.id },
      { entityId: aws.id },
    ]);
    await service.settled();
    expect((await loadEntities(db)).map((e) => e.name).sort()).toEqual([
      'AWS',
      'Amazon Web Services',
    ]);
  });
});

describe('entity names', () => {
  const e = (id: string, name: string, aliases: string[] = []): Entity => ({
    id,
    type: 'organization',
    name,
    aliases,
    created: '',
    modified: '',
  });
  const all = [e('1', 'Amazon Web Services', ['AWS']), e('2', 'Amazon'), e('3', 'Élisabeth Borne')];

  it('matches names and aliases by their start or a word, accents and case ignored', () => {
    expect(matchEntities(all, 'aws').map((x) => x.id)).toEqual(['1']);
    expect(matchEntities(all, 'amaz').map((x) => x.id)).toEqual(['2', '1']);
    expect(matchEntities(all, 'borne').map((x) => x.id)).toEqual(['3']);
    expect(matchEntities(all, 'elisa').map((x) => x.id)).toEqual(['3']);
    expect(matchEntities(all, '  ')).toEqual([]);
    expect(entityNamed(all, 'AWS')?.id).toBe('1');
    expect(entityNamed(all, 'AW')).toBeUndefined();
  });

  it('merge keeps both names without repeating one', () => {
    const merged = mergeEntities(
      all[0]!,
      e('4', 'aws', ['Amazon web services', 'A.W.S.']),
      [],
      'now',
    );
    expect(merged.entity.aliases).toEqual(['AWS', 'A.W.S.']);
    expect(merged.entity.id).toBe('1');
    // Annotations that named the merged entity by id still lead to the one kept.
    expect(merged.entity.mergedIds).toEqual(['4']);
    expect(resolveEntityIds([merged.entity]).get('4')).toBe('1');
    const again = mergeEntities(
      e('5', 'Amazon'),
      merged.entity,
      [
        {
          id: 'r',
          type: 'saidBy',
          from: { annotationId: 'q', articleId: 'a' },
          to: { entityId: '1' },
          created: '',
        },
      ],
      'now',
    );
    expect(again.entity.mergedIds).toEqual(['1', '4']);
    expect(again.relations.map((r) => r.to)).toEqual([{ entityId: '5' }]);
  });
});

describe('relations across tabs', () => {
  it('a link made in one tab is shown in another on the same database, and its removal too', async () => {
    // Two tabs: two services on one database, joined by a channel (as BroadcastChannel joins tabs).
    const name = `glossa-test-${Math.random()}`;
    const one = new BroadcastChannel(name);
    const two = new BroadcastChannel(name);
    const a = new FactcheckService(db, [], [], () => 'Camille', one);
    const b = new FactcheckService(db, [], [], () => 'Léa', two);
    const seen: unknown[] = [];
    b.subscribe((change) => seen.push(change));
    const parler = a.createEntity('Parler');
    const r = a.link('saidBy', quote, { entityId: parler.id });
    await a.settled();
    await expect.poll(() => b.relations.get(r.id)?.creator).toBe('Camille');
    expect(b.entities.get(parler.id)?.name).toBe('Parler');
    expect(seen.length).toBeGreaterThan(0);
    // Not an undo step in the other tab: its undo reverts only its own changes.
    expect(b.undoTime).toBeUndefined();
    a.unlink(r.id);
    await a.settled();
    await expect.poll(() => b.relations.has(r.id)).toBe(false);
    a.close();
    b.close();
  });
});

describe('an import of spans and their links, undone', () => {
  const article: StoredArticle = {
    id: 'a',
    title: 'Parler',
    lang: 'fr',
    blocks: [{ type: 'paragraph', text: 'Amazon a coupé Parler, a dit le porte-parole.' }],
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
  };
  const span = (id: string, start: number, end: number): Annotation => ({
    id,
    articleId: 'a',
    kind: id === 'q1' ? 'quote' : 'claim',
    start,
    end,
    exact: article.blocks[0]!.text.slice(start, end),
    prefix: '',
    suffix: '',
    note: '',
    fields: {},
    created: '2024-01-02T00:00:00.000Z',
    modified: '2024-01-02T00:00:00.000Z',
  });
  const link: Relation = {
    id: 'r1',
    type: 'saidBy',
    from: { annotationId: 'q1', articleId: 'a' },
    to: { annotationId: 's1', articleId: 'a' },
    created: '2024-01-02T00:00:00.000Z',
  };

  /** The article's session and its fact-check service, opened as the annotate screen opens them. */
  async function openArticle() {
    await db.put('articles', article as never);
    const repository = new Repository(db);
    const session = new ArticleSession(article, await repository.loadArticleRecords('a'), {
      repository,
    });
    return { session, service: await FactcheckService.open(db, 'a', () => '') };
  }

  it('one undo takes back the spans and the links written with them, one redo puts both back', async () => {
    const { session, service } = await openArticle();
    // As ui/factcheck/attach.ts wires them.
    session.onLibraryCommitted(({ relations, time }) =>
      service.recordCommitted({ relations: new Map(relations) }, time),
    );
    // An edit before the import: the undo must stop at the import.
    service.link(
      'about',
      { annotationId: 'x1', articleId: 'b' },
      { annotationId: 'y1', articleId: 'b' },
    );
    await new Promise((r) => setTimeout(r, 5));
    await session.applyDurably(
      {
        annotations: new Map<string, Annotation | null>([
          ['q1', span('q1', 0, 21)],
          ['s1', span('s1', 23, 44)],
        ]),
      },
      { relations: new Map([['r1', link]]) },
    );
    expect(service.relationsOf('q1')).toEqual([link]);

    const histories = [session, service];
    expect(step(histories, 'undo')).toEqual({ done: true, first: true });
    await Promise.all([session.settled(), service.settled()]);
    expect(session.annotations.size).toBe(0);
    expect(service.relationsOf('q1')).toEqual([]);
    expect(await loadRelationsOf(db, 'a')).toEqual([]);
    // The earlier link is not part of the import's step.
    expect(await loadRelationsOf(db, 'b')).toHaveLength(1);

    expect(step(histories, 'redo')).toEqual({ done: true, first: true });
    await Promise.all([session.settled(), service.settled()]);
    expect([...session.annotations.keys()].sort()).toEqual(['q1', 's1']);
    expect(await loadRelationsOf(db, 'a')).toEqual([link]);
    session.destroy();
  });

  it('a link being written keeps the tab "Saving…" and asking before it closes, until it is on disk', async () => {
    const { session, service } = await openArticle();
    // As ui/factcheck/attach.ts wires them.
    service.onWrite((write) => session.track(write));
    expect(session.saveState).toBe('saved');
    service.link(
      'about',
      { annotationId: 'x1', articleId: 'a' },
      { annotationId: 'y1', articleId: 'a' },
    );
    expect(session.saveState).toBe('saving');
    expect(session.hasUnsavedChanges).toBe(true);
    await service.settled();
    await expect.poll(() => session.saveState).toBe('saved');
    expect(session.hasUnsavedChanges).toBe(false);
    expect(await loadRelationsOf(db, 'a')).toHaveLength(1);
    session.destroy();
    service.close();
  });
});
