import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openGlossaDB, type GlossaDatabase } from './db';
import { makeTmUnit, tmUnitId, TranslationMemoryStore } from './translation-memory';

let db: GlossaDatabase;
let tm: TranslationMemoryStore;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB();
  tm = new TranslationMemoryStore(db);
});
afterEach(() => db.close());

const AT = '2026-01-01T00:00:00.000Z';
const unit = (source: string, target: string, extra = {}) =>
  makeTmUnit({ source, target, origin: 'user', ...extra }, AT);

describe('tmUnitId', () => {
  it('is the same for typographic variants of one pair, and differs for another target', () => {
    expect(tmUnitId('L’État a dit : non.', 'The State said no.')).toBe(
      tmUnitId("L'État  a dit: non.", 'The State said no.'),
    );
    expect(tmUnitId('Oui.', 'Yes.')).not.toBe(tmUnitId('Oui.', 'Yes!'));
  });
});

describe('TranslationMemoryStore', () => {
  it('adds, counts, lists and finds exact by normalised source', async () => {
    const result = await tm.add([unit('Le maire a démissionné.', 'The mayor resigned.')]);
    expect(result).toMatchObject({ read: 1, added: 1, duplicates: 0 });
    expect(await tm.count()).toBe(1);
    expect((await tm.list())[0]?.target).toBe('The mayor resigned.');
    expect((await tm.findExact('Le  maire a démissionné.')).map((u) => u.target)).toEqual([
      'The mayor resigned.',
    ]);
    expect(await tm.findExact('Le maire a parlé.')).toEqual([]);
  });

  it('counts a pair given twice, or already stored, as a duplicate', async () => {
    await tm.add([unit('Oui.', 'Yes.')]);
    const result = await tm.add([unit('Oui.', 'Yes.'), unit('Non.', 'No.'), unit('Non.', 'No.')]);
    expect(result).toMatchObject({ read: 3, added: 1, duplicates: 2 });
    expect(await tm.count()).toBe(2);
  });

  it('is all or nothing: a unit it cannot store leaves the memory as it was', async () => {
    await tm.add([unit('Oui.', 'Yes.')]);
    const bad = { ...unit('Mal.', 'Bad.'), note: (() => 1) as unknown as string };
    await expect(tm.add([unit('Non.', 'No.'), bad])).rejects.toThrow();
    expect((await tm.list()).map((u) => u.source)).toEqual(['Oui.']);
  });

  it("replaces a person's earlier unit for the same sentence when asked", async () => {
    const where = { articleId: 'a', sentenceId: 'b1.s0' };
    await tm.add([unit('Oui.', 'Yse.', where)], true);
    await tm.add([unit('Oui.', 'Yes.', where)], true);
    expect((await tm.list()).map((u) => u.target)).toEqual(['Yes.']);
  });

  it('removes and clears', async () => {
    const { addedUnits } = await tm.add([unit('Oui.', 'Yes.'), unit('Non.', 'No.')]);
    await tm.remove([addedUnits[0]!.id]);
    expect(await tm.count()).toBe(1);
    await tm.clear();
    expect(await tm.count()).toBe(0);
  });
});
