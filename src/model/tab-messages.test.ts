import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readTabMessage, type TabMessage } from './tab-messages';

describe('readTabMessage', () => {
  it('reads both kinds of message', () => {
    const committed: TabMessage = {
      type: 'records-committed',
      articleId: 'a',
      tab: 't1',
      keys: { annotations: ['x'], glosses: [] },
    };
    const changed: TabMessage = { type: 'article-changed', articleId: 'a', tab: 't1' };
    expect(readTabMessage(committed)).toEqual(committed);
    expect(readTabMessage(changed)).toEqual(changed);
  });

  it('reads a records message without type (sessions before the union) as records-committed', () => {
    expect(readTabMessage({ articleId: 'a', tab: 't', keys: { reviews: ['q1'] } })).toEqual({
      type: 'records-committed',
      articleId: 'a',
      tab: 't',
      keys: { reviews: ['q1'] },
    });
  });

  it('keeps only the stores it knows', () => {
    expect(
      readTabMessage({
        type: 'records-committed',
        articleId: 'a',
        tab: 't',
        keys: { articles: 1 },
      }),
    ).toEqual({ type: 'records-committed', articleId: 'a', tab: 't', keys: {} });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'article-changed'],
    ['an array', [1, 2]],
    ['an unknown type', { type: 'reload-everything', articleId: 'a', tab: 't' }],
    ['no article id', { type: 'article-changed', tab: 't' }],
    ['an empty article id', { type: 'article-changed', articleId: '', tab: 't' }],
    ['a numeric article id', { type: 'article-changed', articleId: 7, tab: 't' }],
    ['no tab', { type: 'article-changed', articleId: 'a' }],
    ['records without keys', { type: 'records-committed', articleId: 'a', tab: 't' }],
    ['keys as a list', { articleId: 'a', tab: 't', keys: ['x'] }],
    ['keys that are not strings', { articleId: 'a', tab: 't', keys: { annotations: [1] } }],
    ['a key list that is a string', { articleId: 'a', tab: 't', keys: { annotations: 'x' } }],
    [
      'hostile text as the type',
      { type: '<img src=x onerror=alert(1)>', articleId: 'a', tab: 't' },
    ],
  ])('ignores %s', (_, data) => {
    expect(readTabMessage(data)).toBeNull();
  });

  it('never throws, and whatever it returns has the union shape', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        const m = readTabMessage(data);
        if (m === null) return;
        expect(typeof m.tab).toBe('string');
        if (m.type === 'factcheck-committed') {
          expect(m.entities.every((id) => typeof id === 'string')).toBe(true);
          expect(m.relations.every((id) => typeof id === 'string')).toBe(true);
        } else {
          expect(typeof m.articleId).toBe('string');
          expect(['records-committed', 'article-changed']).toContain(m.type);
        }
      }),
    );
  });

  it('reads a fact-check commit by its ids, and refuses one of the wrong shape', () => {
    expect(
      readTabMessage({ type: 'factcheck-committed', tab: 't', entities: ['e'], relations: [] }),
    ).toEqual({ type: 'factcheck-committed', tab: 't', entities: ['e'], relations: [] });
    expect(
      readTabMessage({ type: 'factcheck-committed', tab: 't', entities: 'e', relations: [] }),
    ).toBeNull();
    expect(readTabMessage({ type: 'factcheck-committed', entities: [], relations: [] })).toBeNull();
  });
});
