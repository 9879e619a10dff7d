import { describe, expect, it } from 'vitest';
import type { Annotation } from './annotation';
import { matchContext, searchKey, searchText } from './annotation-search';

const a: Annotation = {
  id: 'a1',
  articleId: 'art',
  kind: 'quote',
  start: 0,
  end: 10,
  exact: 'a répudié et violé son contrat',
  prefix: '',
  suffix: '',
  note: `${'Une longue note sur le contexte juridique de la plainte, '.repeat(3)}et la clause de résiliation citée par Parler à la fin.`,
  fields: { speaker: 'Parler (plainte)', claimant: 'Amazon Web Services', date: 'janvier 2021' },
  created: '',
  modified: '',
};

describe('annotation search', () => {
  it('searches every field, accents and case optional', () => {
    for (const q of ['repudie', 'plainte)', 'web services', 'janvier 2021', 'resiliation'])
      expect(searchText(a).includes(searchKey(q)), q).toBe(true);
    expect(searchText(a).includes(searchKey('absent'))).toBe(false);
  });

  it('shows the words around a match deep in a long note, as written', () => {
    const c = matchContext(a, searchKey('resiliation'))!;
    expect(c.field).toBe('note');
    expect(c.match).toBe('résiliation');
    expect(c.before.startsWith('…')).toBe(true);
    expect(`${c.before}${c.match}${c.after}`).toContain('la clause de résiliation citée');
  });

  it('names the field that matched', () => {
    expect(matchContext(a, searchKey('amazon'))?.field).toBe('claimant');
    expect(matchContext(a, searchKey('janvier'))?.field).toBe('date');
    expect(matchContext(a, searchKey('violé'))?.field).toBe('exact');
    expect(matchContext(a, '')).toBeNull();
  });
});
