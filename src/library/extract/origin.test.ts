// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractArticle } from './index';
import { readOrigin } from './origin';

const page = (head: string) =>
  new DOMParser().parseFromString(`<html><head>${head}</head><body></body></html>`, 'text/html');

describe('readOrigin: where a saved page says its article was published', () => {
  it('reads canonical link, og:site_name, author and article:published_time', () => {
    expect(
      readOrigin(
        page(`<link rel="canonical" href="https://www.example.fr/article/123">
          <meta property="og:url" content="https://m.example.fr/123">
          <meta property="og:site_name" content="Le Quotidien">
          <meta name="author" content="  Marie   Dupont ">
          <meta property="article:published_time" content="2021-03-03T10:00:00+01:00">`),
      ),
    ).toEqual({
      url: 'https://www.example.fr/article/123',
      publisher: 'Le Quotidien',
      author: 'Marie Dupont',
      published: '2021-03-03T10:00:00+01:00',
    });
  });

  it('falls back to og:url and article:author; drops relative, javascript: and profile-URL values', () => {
    expect(
      readOrigin(
        page(`<link rel="canonical" href="/article/123">
          <meta property="og:url" content="https://www.example.fr/a">
          <meta name="author" content="https://facebook.com/someone">
          <meta property="article:author" content="Jean Martin">`),
      ),
    ).toEqual({ url: 'https://www.example.fr/a', author: 'Jean Martin' });
    expect(readOrigin(page(`<link rel="canonical" href="javascript:alert(1)">`))).toBeUndefined();
    expect(readOrigin(page(''))).toBeUndefined();
  });

  it('keeps hostile text as text', () => {
    expect(readOrigin(page(`<meta name="author" content="<img src=x onerror=alert(1)>">`))).toEqual(
      { author: '<img src=x onerror=alert(1)>' },
    );
  });

  it('an HTML import carries the origin; text and Markdown carry none', () => {
    const html = readFileSync(resolve('e2e/fixtures/library/saved-page-quotidien.fr.html'), 'utf8');
    // The saved page has a canonical link and its site's name.
    const saved = extractArticle({ name: 'page.html', text: html });
    expect(saved.ok && saved.origin).toEqual({
      url: 'https://www.lequotidien.example/planete/article/2024/07/18/secheresse-drome',
      publisher: 'Le Quotidien',
    });
    const withMeta = html.replace(
      '<head>',
      '<head><link rel="canonical" href="https://quotidien.example/a"><meta property="article:published_time" content="2021-03-03">',
    );
    const result = extractArticle({ name: 'page.html', text: withMeta });
    expect(result.ok && result.origin).toEqual({
      url: 'https://quotidien.example/a',
      publisher: 'Le Quotidien',
      published: '2021-03-03',
    });
    const text = extractArticle({ name: 'a.txt', text: 'Titre\n\nUn paragraphe.' });
    expect(text.ok && text.origin).toBeUndefined();
  });
});
