import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import type { Article } from '../model/article';
import type { Entity, Relation } from '../model/factcheck';
import { validateW3C } from './testing/w3c-validator';
import { parseW3C, toW3C } from './w3c';
import { parseW3CRelations, toW3CRelation, withRelations } from './w3c-relations';

const article: Article = {
  id: 'a',
  title: 'Titre',
  lang: 'fr',
  blocks: [{ type: 'paragraph', text: 'Parler a dit que AWS mentait.' }],
};
const ann = (id: string, start: number, end: number, kind: Annotation['kind']): Annotation => ({
  id,
  articleId: 'a',
  kind,
  start,
  end,
  exact: article.blocks[0]!.text.slice(start, end),
  prefix: '',
  suffix: '',
  note: '',
  fields: {},
  created: '2021-01-01T00:00:00.000Z',
  modified: '2021-01-01T00:00:00.000Z',
});
const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const quote = ann(U(1), 17, 28, 'quote');
const name = ann(U(2), 0, 6, 'claim');
const parler: Entity = {
  id: U(9),
  type: 'organization',
  name: 'Parler',
  aliases: [],
  created: '2021-01-01T00:00:00.000Z',
  modified: '2021-01-01T00:00:00.000Z',
};
const relations: Relation[] = [
  {
    id: U(11),
    type: 'saidBy',
    from: { annotationId: quote.id, articleId: 'a' },
    to: { annotationId: name.id, articleId: 'a' },
    created: '2021-01-02T00:00:00.000Z',
    creator: 'Camille',
  },
  {
    id: U(12),
    type: 'saidBy',
    from: { annotationId: quote.id, articleId: 'a' },
    to: { entityId: parler.id },
    created: '2021-01-02T00:00:00.000Z',
  },
  {
    id: U(13),
    type: 'contradictedBy',
    from: { annotationId: name.id, articleId: 'a' },
    to: { annotationId: U(5), articleId: 'other-article' },
    created: '2021-01-02T00:00:00.000Z',
  },
];
const entities = new Map([[parler.id, parler]]);

describe('relations as W3C linking annotations', () => {
  it('writes a link with motivation linking, the linked annotations as targets, and its creator', () => {
    expect(toW3CRelation(relations[0]!, entities)).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:${U(11)}`,
      type: 'Annotation',
      motivation: 'linking',
      created: '2021-01-02T00:00:00.000Z',
      creator: { type: 'Person', name: 'Camille' },
      body: { type: 'TextualBody', purpose: 'tagging', value: 'saidBy' },
      target: [
        { id: `urn:uuid:${quote.id}`, 'glossa:role': 'from', 'glossa:article': 'a' },
        { id: `urn:uuid:${name.id}`, 'glossa:role': 'to', 'glossa:article': 'a' },
      ],
    });
    expect(toW3CRelation(relations[1]!, entities).target[1]).toEqual({
      id: `urn:glossa:entity:${parler.id}`,
      'glossa:role': 'to',
      type: 'Organization',
      name: 'Parler',
    });
  });

  it('an export with relations passes the W3C suite, and its annotations import as before', () => {
    const collection = withRelations(toW3C(article, [quote, name]), relations, entities);
    expect(collection.total).toBe(5);
    const json = JSON.parse(JSON.stringify(collection));
    expect(validateW3C(json, { containers: true }).status).toBe(0);
    const plain = parseW3C(json);
    expect(plain.records.map((r) => r.id).sort()).toEqual([quote.id, name.id].sort());
    expect(plain.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('names who made and who last changed each annotation, and still passes the W3C suite', () => {
    const collection = withRelations(toW3C(article, [quote, name]), [], entities, [
      { ...quote, creator: 'Camille', modifier: 'Léa' },
      name,
    ]);
    const byId = new Map(
      collection.first.items.map((i) => [i.id, i as unknown as Record<string, unknown>]),
    );
    expect(byId.get(`urn:uuid:${quote.id}`)).toMatchObject({
      creator: { type: 'Person', name: 'Camille' },
      'glossa:modifiedBy': { type: 'Person', name: 'Léa' },
    });
    expect(byId.get(`urn:uuid:${name.id}`)).not.toHaveProperty('creator');
    expect(validateW3C(JSON.parse(JSON.stringify(collection)), { containers: true }).status).toBe(
      0,
    );
  });

  it('round-trips every relation and the entities they name', () => {
    const json = JSON.parse(
      JSON.stringify(withRelations(toW3C(article, [quote, name]), relations, entities)),
    );
    const { records, problems } = parseW3CRelations(json);
    expect(problems).toEqual([]);
    expect(records.relations).toEqual(relations);
    expect(records.entities).toEqual([
      { ...parler, created: relations[1]!.created, modified: relations[1]!.created },
    ]);
  });

  it("reads another tool's link without Glossa's roles, by target order, finding the article of each id", () => {
    const link = {
      id: `urn:uuid:${U(20)}`,
      type: 'Annotation',
      motivation: ['linking'],
      body: 'about',
      target: [{ id: `urn:uuid:${quote.id}` }, { id: `urn:uuid:${name.id}` }],
    };
    const { records } = parseW3CRelations([link], (id) =>
      id === quote.id || id === name.id ? 'a' : undefined,
    );
    expect(records.relations).toMatchObject([
      {
        type: 'about',
        from: { annotationId: quote.id, articleId: 'a' },
        to: { annotationId: name.id },
      },
    ]);
  });

  it('reports bad links, naming what is wrong and where, and keeps the good ones', () => {
    const good = toW3CRelation(relations[0]!, entities);
    const bad = [
      { ...good, id: 'not-a-urn' },
      { ...good, id: `urn:uuid:${U(30)}`, body: { value: '<img src=x onerror=alert(1)>' } },
      { ...good, id: `urn:uuid:${U(31)}`, target: [good.target[0]] },
      {
        ...good,
        id: `urn:uuid:${U(32)}`,
        target: [good.target[0], { id: 'http://x', 'glossa:role': 'to' }],
      },
      good,
      good,
    ];
    const { records, problems } = parseW3CRelations({ type: 'AnnotationPage', items: bad });
    expect(records.relations.map((r) => r.id)).toEqual([U(11)]);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['wrong-shape', 'items[0].id'],
      ['unknown-kind', 'items[1].body'],
      ['wrong-shape', 'items[2].target'],
      ['wrong-shape', 'items[3].target'],
      ['duplicate-id', 'items[5].id'],
    ]);
    expect(parseW3CRelations('garbage')).toEqual({
      records: { relations: [], entities: [] },
      problems: [],
    });
  });
});
