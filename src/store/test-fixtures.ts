/**
 * Records for the storage tests (not part of the app's bundle: only tests
 * import this module).
 */
import type { Annotation } from '../model/annotation';
import type { StoredArticle } from '../model/article';

export function storedArticle(id: string): StoredArticle {
  return {
    id,
    title: `Titre ${id}`,
    lang: 'fr',
    blocks: [{ type: 'paragraph', text: 'Le gouvernement a annoncé une réforme.' }],
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
  };
}

export function storedAnnotation(id: string, articleId: string, note = ''): Annotation {
  return {
    id,
    articleId,
    kind: 'claim',
    start: 0,
    end: 15,
    exact: 'Le gouvernement',
    prefix: '',
    suffix: ' a annoncé une ',
    note,
    fields: { claimant: 'le gouvernement' },
    created: '2024-01-02T00:00:00.000Z',
    modified: '2024-01-02T00:00:00.000Z',
  };
}
