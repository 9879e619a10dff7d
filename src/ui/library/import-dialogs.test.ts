import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../library/extract';
import { pasteName } from './import-dialogs';

describe('pasteName', () => {
  it('names a paste by the chosen format, or lets a leading Markdown heading choose', () => {
    expect(pasteName('text', '# Not a heading')).toBe('paste.txt');
    expect(pasteName('markdown', 'Title')).toBe('paste.md');
    expect(pasteName('html', 'Title')).toBe('paste.html');
    expect(pasteName('auto', '\n# Titre\n\nTexte **gras**.')).toBe('paste.md');
    expect(pasteName('auto', '#hashtag du jour')).toBe('');
    expect(pasteName('auto', '<p>Titre</p>')).toBe('');
  });

  it('gives extractArticle what it needs to read a Markdown paste as Markdown', () => {
    const text = '# Titre\n\nTexte **gras** et [lien](http://x).\n';
    const result = extractArticle({ name: pasteName('auto', text), text });
    expect(result.ok && result.blocks).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Texte gras et lien.' },
    ]);
  });
});
