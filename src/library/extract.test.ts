// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { canonicalText, type Article, type ArticleBlock } from '../model/article';
import {
  articleIdFor,
  contentHash,
  extractArticle,
  MAX_SLUG_LENGTH,
  MAX_TEXT_CODE_POINTS,
  type ExtractResult,
} from './extract';
import { MAX_INLINE_HTML } from './extract/markdown';

// The tests run from the repository's root; the seed is a committed fixture.
const seedText = readFileSync(resolve('e2e/fixtures/articles/parler-amazon.fr.txt'), 'utf8');
const seedArticle = JSON.parse(
  readFileSync(resolve('public/articles/parler-amazon-fr.json'), 'utf8'),
) as Article;

/** The blocks of a successful extraction (fails the test otherwise). */
function blocksOf(result: ExtractResult): ArticleBlock[] {
  if (!result.ok) throw new Error(`extraction failed: ${result.problem.code}`);
  return result.blocks;
}

/** Shorthand for expected blocks: [type, text] pairs. */
function b(...pairs: [ArticleBlock['type'], string][]): ArticleBlock[] {
  return pairs.map(([type, text]) => ({ type, text }));
}

describe('plain text', () => {
  it('reads the seed article as its 14 lines, with the documented structure', () => {
    const result = extractArticle({
      name: 'parler-amazon.fr.txt',
      type: 'text/plain',
      text: seedText,
    });
    const blocks = blocksOf(result);
    expect(blocks.map((x) => x.text)).toEqual(seedText.split('\n'));
    expect(blocks).toEqual(seedArticle.blocks);
    expect(result.ok && result.title).toBe(seedArticle.title);
    expect(result.ok && result.format).toBe('text');
  });

  it('reads the seed the same with blank lines between blocks, CRLF line ends, a BOM or final newlines', () => {
    const text = '\uFEFF' + seedText.split('\n').join('\r\n\r\n');
    expect(blocksOf(extractArticle({ name: 'a.txt', text }))).toEqual(seedArticle.blocks);
    // A final newline, as most editors save it, changes nothing either.
    expect(blocksOf(extractArticle({ name: 'a.txt', text: seedText + '\n\n' }))).toEqual(
      seedArticle.blocks,
    );
  });

  it('joins the wrapped lines of blank-line-separated blocks', () => {
    const text = [
      'Titre de l’article',
      '',
      'Un premier paragraphe',
      'coupé sur deux lignes.',
      '',
      'Un intertitre',
      '',
      'Le ministre a déclaré :',
      '',
      'Nous ne lâcherons rien, ni aujourd’hui',
      'ni demain.',
      '',
      'Un   paragraphe\taux espaces multiples.',
      '',
      '« Une phrase entre guillemets. »',
      '',
      'Jean Dupont',
    ].join('\n');
    expect(blocksOf(extractArticle({ name: 'a.txt', text }))).toEqual(
      b(
        ['title', 'Titre de l’article'],
        ['standfirst', 'Un premier paragraphe coupé sur deux lignes.'],
        ['heading', 'Un intertitre'],
        ['paragraph', 'Le ministre a déclaré :'],
        ['blockquote', 'Nous ne lâcherons rien, ni aujourd’hui ni demain.'],
        ['paragraph', 'Un paragraphe aux espaces multiples.'],
        ['blockquote', '« Une phrase entre guillemets. »'],
        // A last short line is a byline, not a heading.
        ['paragraph', 'Jean Dupont'],
      ),
    );
  });

  it('ignores blank lines right after the title when choosing one block per line', () => {
    const text = 'Titre\n\n\nPremière ligne.\nDeuxième ligne.\n';
    expect(blocksOf(extractArticle({ name: 'a.txt', text }))).toEqual(
      b(['title', 'Titre'], ['paragraph', 'Première ligne.'], ['paragraph', 'Deuxième ligne.']),
    );
  });

  it('keeps a run of short lines as paragraphs, keeps no-break spaces and drops stray controls', () => {
    const text = 'Titre\nPommes\nPoires\nUn texte\u00a0: «\u00a0oui\u00a0»\u0007.';
    expect(blocksOf(extractArticle({ name: 'a.txt', text }))).toEqual(
      b(
        ['title', 'Titre'],
        ['paragraph', 'Pommes'],
        ['paragraph', 'Poires'],
        ['paragraph', 'Un texte\u00a0: «\u00a0oui\u00a0».'],
      ),
    );
  });

  it('normalises to NFC', () => {
    const text = 'Cafe\u0301 du matin\nUn paragraphe.';
    expect(blocksOf(extractArticle({ name: '', text }))[0]!.text).toBe('Café du matin');
  });
});

describe('Markdown', () => {
  it('maps headings, quotes, lists and paragraphs, and strips inline markup', () => {
    const text = [
      '---',
      'layout: post',
      '---',
      '# Un *titre* en Markdown',
      '',
      'Le chapeau avec un [lien](https://example.com "t") et du `code_ici`.',
      '',
      '## Une section ##',
      '',
      'Un paragraphe **gras**, _italique_, snake_case, ***les deux*** et ~~barré~~',
      'sur deux lignes. ![une image](x.png) \\*pas emphase\\* 5 * 3 &amp; <span class="x">balise</span>',
      '',
      '> Une citation',
      '> sur deux lignes.',
      '>',
      '> Deuxième paragraphe cité.',
      '',
      '- un point',
      '- deux *points* <https://example.com/a_b_c>',
      '',
      '***',
      '',
      'Un intertitre souligné',
      '----------------------',
      '',
      '```',
      'const *x* = 1;',
      '```',
      '',
      '[ref]: https://example.com',
      '# Un autre h1',
    ].join('\n');
    const result = extractArticle({ name: 'article.md', text });
    expect(result.ok && result.format).toBe('markdown');
    expect(result.ok && result.title).toBe('Un titre en Markdown');
    expect(blocksOf(result)).toEqual(
      b(
        ['title', 'Un titre en Markdown'],
        ['standfirst', 'Le chapeau avec un lien et du code_ici.'],
        ['heading', 'Une section'],
        [
          'paragraph',
          'Un paragraphe gras, italique, snake_case, les deux et barré sur deux lignes. *pas emphase* 5 * 3 & balise',
        ],
        ['blockquote', 'Une citation sur deux lignes.'],
        ['blockquote', 'Deuxième paragraphe cité.'],
        ['paragraph', 'un point'],
        ['paragraph', 'deux points https://example.com/a_b_c'],
        ['heading', 'Un intertitre souligné'],
        ['paragraph', 'const *x* = 1;'],
        ['heading', 'Un autre h1'],
      ),
    );
  });

  it('stays linear on a million characters of unpaired markers', () => {
    // Quadratic matching would take minutes here; the test's timeout catches it.
    const unit = '*a _b [c `d ![e <!-- <a f ~~g ((h **i __j ``k ';
    const text = '# T\n\n' + unit.repeat(Math.floor(400_000 / unit.length));
    const result = extractArticle({ name: 'x.md', text });
    expect(blocksOf(result)).toHaveLength(2);
    // About 2 s on a quiet machine with micromark, minutes if it were quadratic;
    // the timeout leaves room for a busy machine without hiding a quadratic parse.
  }, 60_000);

  it('drops inline HTML that closes, however many, and reads a longer one than the bound as text', () => {
    const near = '# T\n\n' + 'a <b c="> d"> e <!-- > --> f '.repeat(2_000);
    const blocks = blocksOf(extractArticle({ name: 'x.md', text: near }));
    expect(blocks[1]!.text).toBe('a e f '.repeat(2_000).trim());
    // The one departure from CommonMark (see markdown.ts): a comment past the bound is text.
    const long = `# T\n\nx <!-- ${'a'.repeat(MAX_INLINE_HTML)} --> y`;
    expect(blocksOf(extractArticle({ name: 'x.md', text: long }))[1]!.text).toBe(
      `x <!-- ${'a'.repeat(MAX_INLINE_HTML)} --> y`,
    );
  });

  it('reduces GFM tables and footnotes to text, and reads CommonMark exactly', () => {
    const text = [
      '# Les chiffres',
      '',
      '| Ville | Habitants |',
      '| :---- | --------: |',
      '| Lyon  | 522 250   |',
      '| Lille | *236 710* |',
      '',
      'Selon l’Insee[^1], la hausse continue. Voir <https://insee.fr> ou www.insee.fr.',
      '',
      '[^1]: Institut national de la statistique.',
      '',
      // CommonMark: no emphasis across a space, an escaped bracket, a numeric reference.
      'Du texte * pas * emphase, \\[crochet\\], &#233;t&eacute;, `` code ` avec `` et <!-- commentaire -->fin',
    ].join('\n');
    expect(blocksOf(extractArticle({ name: 'a.md', text }))).toEqual(
      b(
        ['title', 'Les chiffres'],
        ['paragraph', 'Ville | Habitants'],
        ['paragraph', 'Lyon | 522 250'],
        ['paragraph', 'Lille | 236 710'],
        ['paragraph', 'Selon l’Insee, la hausse continue. Voir https://insee.fr ou www.insee.fr.'],
        ['paragraph', 'Institut national de la statistique.'],
        ['paragraph', 'Du texte * pas * emphase, [crochet], été, code ` avec et fin'],
      ),
    );
  });

  it('never crashes on any input and never yields control characters or empty blocks', () => {
    const markdownish = fc.constantFrom(
      ...'#*_`[]()<>!-=+~|:\\.&;^ \n\t\r'.split(''),
      '&#1;',
      '&#x0;',
      '&#xD800;',
      '&amp;',
      '<!--',
      '-->',
      '```',
      '> ',
      '1. ',
      '[^1]',
      '\u0085',
      '\u00a0',
      '😀',
      'é',
      'a',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: markdownish, maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        (text) => {
          const result = extractArticle({ name: 'x.md', text });
          if (!result.ok) return;
          expect(result.blocks.filter((x) => x.type === 'title')).toHaveLength(1);
          for (const block of result.blocks) {
            expect(block.text).not.toMatch(/\p{Cc}/u);
            expect(block.text).not.toBe('');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('makes the first block the title when there is no h1', () => {
    const text = '## Pas de h1\n\nUn paragraphe.';
    expect(blocksOf(extractArticle({ name: '', type: 'text/markdown', text }))).toEqual(
      b(['title', 'Pas de h1'], ['paragraph', 'Un paragraphe.']),
    );
  });
});

describe('HTML', () => {
  const page = `<!doctype html>
<html><head>
  <title>Titre de la page | Le Site</title>
  <style>body { color: red }</style>
  <script>alert(1)</script>
</head>
<body onload="alert(1)">
  <header><nav><a href="/">Accueil</a></nav><p>Bannière du site</p></header>
  <article>
    <header>
      <h1>Le <em>titre</em> de
        l'article</h1>
      <p class="article-chapo">Un résumé <strong>court</strong>.</p>
    </header>
    <h2>Première partie</h2>
    <p onclick="alert(1)">Texte avec <a href="javascript:alert(1)">link text</a> et
      <img src=x onerror=alert(1)> une&nbsp;image.<br>Nouvelle ligne.</p>
    <script>alert(1)</script>
    <noscript><p>Activez JavaScript</p></noscript>
    <template><p>Modèle</p></template>
    <iframe src="https://example.com">Cadre</iframe>
    <blockquote><p>Une citation <b>importante</b>.</p><p>Suite de la citation.</p></blockquote>
    <ul><li>Premier point</li><li>Second <span><i>point</i></span></li></ul>
    <p>   </p>
    <div>Texte libre dans un div<p>et un paragraphe dedans</p></div>
    <style>.x { display: none }</style>
    <p hidden>Caché</p>
    <aside>Lire aussi</aside>
    <footer>Mots-clés</footer>
  </article>
  <footer>Copyright</footer>
</body></html>`;

  it('keeps only the text, with the right block types', () => {
    const result = extractArticle({ name: 'page.html', type: 'text/html', text: page });
    const blocks = blocksOf(result);
    expect(blocks).toEqual(
      b(
        ['title', "Le titre de l'article"],
        ['standfirst', 'Un résumé court.'],
        ['heading', 'Première partie'],
        ['paragraph', 'Texte avec link text et une\u00a0image. Nouvelle ligne.'],
        ['blockquote', 'Une citation importante.'],
        ['blockquote', 'Suite de la citation.'],
        ['paragraph', 'Premier point'],
        ['paragraph', 'Second point'],
        ['paragraph', 'Texte libre dans un div'],
        ['paragraph', 'et un paragraphe dedans'],
      ),
    );
    expect(result.ok && result.title).toBe("Le titre de l'article");
    const text = canonicalText(blocks);
    for (const bad of [
      'alert',
      '<',
      'javascript',
      'onerror',
      'color',
      'Activez',
      'Modèle',
      'Cadre',
      'Caché',
    ]) {
      expect(text).not.toContain(bad);
    }
  });

  it('is chosen by MIME type or by sniffing a paste', () => {
    expect(extractArticle({ name: 'page', type: 'text/html', text: page }).ok).toBe(true);
    const pasted = extractArticle({ name: '', text: page });
    expect(pasted.ok && pasted.format).toBe('html');
  });

  it('uses <title> when there is no h1, and drops the page chrome outside <main>', () => {
    const html = `<html><head><title> Un  titre </title></head><body>
      <div role="navigation">Menu</div><main><p>Un paragraphe.</p><h3>Suite</h3><p>Fin.</p></main>
      <div>Pied de page hors du main</div></body></html>`;
    expect(blocksOf(extractArticle({ name: 'x.htm', text: html }))).toEqual(
      // The paragraph between the title and a heading is the standfirst, whatever the format.
      b(
        ['title', 'Un titre'],
        ['standfirst', 'Un paragraphe.'],
        ['heading', 'Suite'],
        ['paragraph', 'Fin.'],
      ),
    );
  });

  it('never runs scripts or handlers while parsing', () => {
    const globals = globalThis as { __pwned?: boolean };
    extractArticle({
      name: 'x.html',
      text: '<h1>T</h1><script>globalThis.__pwned = true</script><img src=x onerror="globalThis.__pwned = true"><p>x</p>',
    });
    expect(globals.__pwned).toBeUndefined();
  });
});

describe('saved news pages', () => {
  const page = (name: string) => readFileSync(resolve('e2e/fixtures/library', name), 'utf8');
  /** Text of the page chrome around the articles: none of it may reach a block. */
  const chrome = [
    'cookies', // cookie banners
    'Accepter',
    'Rubriques',
    'International', // navigation
    'En direct',
    'Alerte info', // breaking-news banner
    'S’abonner',
    'Planète', // breadcrumb
    'Transports', // kicker
    'Partager', // share buttons
    'Publié le', // datelines
    'Temps de lecture',
    'Claire Vasseur', // bylines
    'Sophie Marchand',
    'tournesols près de Crest', // captions
    'presque à sec',
    'AFP',
    'ZOCCOLAN',
    'Lire aussi', // related links
    'guerre de l’eau',
    'trains de nuit',
    'Publicité', // ads
    'Réactions', // comments
    'subventionner',
    'Marcel12',
    'Enfin une bonne nouvelle',
    'Les plus lus', // sidebars, footers
    'Canicule',
    'Mentions légales',
    'Qui sommes-nous',
    'Sécheresse, Agriculture',
    'SNCF Occitanie',
  ];

  it('finds the article of a saved page shaped like a national daily’s', () => {
    const result = extractArticle({
      name: 'saved-page-quotidien.fr.html',
      type: 'text/html',
      text: page('saved-page-quotidien.fr.html'),
    });
    const blocks = blocksOf(result);
    expect(blocks).toEqual(
      b(
        ['title', 'Sécheresse : dans la Drôme, les agriculteurs rationnent l’eau des cultures'],
        [
          'standfirst',
          'Les arrêtés préfectoraux limitent l’irrigation depuis le 1er juillet. Sur les coteaux de la vallée de la Drôme, les exploitants s’organisent pour sauver une partie de leurs récoltes.',
        ],
        [
          'paragraph',
          'Au bord de la route qui longe la rivière, les enrouleurs sont à l’arrêt. Depuis le 1er juillet, un arrêté préfectoral interdit l’arrosage des cultures entre 9 heures et 19 heures dans toute la vallée, et le débit de la Drôme a encore baissé cette semaine, à moins d’un mètre cube par seconde au pont de Crest.',
        ],
        [
          'paragraph',
          '« On arrose la nuit, quand on peut, et on choisit les parcelles qu’on laisse mourir », résume Pierre Achard, céréalier à Aouste-sur-Sye, en montrant un champ de maïs dont les feuilles s’enroulent déjà sur elles-mêmes. Il a renoncé à irriguer un tiers de ses quarante hectares pour réserver l’eau de son forage aux semences sous contrat.',
        ],
        ['heading', 'Des tours d’eau négociés entre voisins'],
        [
          'paragraph',
          'Faute de pouvoir arroser tous en même temps, les agriculteurs du syndicat d’irrigation de la basse vallée ont mis en place des tours d’eau : chaque exploitation dispose d’un créneau de quelques heures, deux nuits par semaine, fixé lors d’une réunion tenue fin juin dans la salle des fêtes de Crest.',
        ],
        [
          'paragraph',
          'Le dispositif, piloté par la chambre d’agriculture, doit permettre de maintenir un débit minimal dans la rivière pour les poissons et les prélèvements d’eau potable des communes en aval. La préfecture n’exclut pas de passer au niveau « crise » si la pluie ne revient pas avant la fin du mois.',
        ],
        [
          'blockquote',
          'Nous savons que l’eau ne reviendra pas comme avant. Il faudra changer de cultures, pas seulement attendre l’orage de la semaine prochaine.',
        ],
        [
          'paragraph',
          'Ces mots de la présidente de la chambre d’agriculture, prononcés devant les exploitants réunis à Crest, ont été accueillis par un long silence. Beaucoup ont investi dans des forages ou des retenues collinaires qu’ils remboursent encore, et changer de cultures demande plusieurs années de transition.',
        ],
        ['heading', 'Le sorgho plutôt que le maïs'],
        [
          'paragraph',
          'Certains ont déjà franchi le pas. À Divajeu, Émilie Roux a remplacé l’an dernier la moitié de son maïs par du sorgho, une céréale venue d’Afrique qui demande deux fois moins d’eau. Ses rendements sont plus faibles, reconnaît-elle, mais ses parcelles ont tenu sans arrosage pendant les trois semaines de canicule de juin.',
        ],
        [
          'paragraph',
          'La coopérative locale, qui rachète sa récolte pour l’alimentation animale, propose désormais des contrats sur cinq ans pour encourager la conversion. Une trentaine d’exploitations s’y sont engagées cette année, selon ses dirigeants.',
        ],
      ),
    );
    expect(result.ok && result.title).toBe(blocks[0]!.text);
    const text = canonicalText(blocks);
    for (const bad of chrome) expect(text).not.toContain(bad);
  });

  it('finds the article of a saved page shaped like a news channel’s site', () => {
    const result = extractArticle({
      name: 'saved-page-info-continue.fr.html',
      text: page('saved-page-info-continue.fr.html'),
    });
    const blocks = blocksOf(result);
    expect(blocks).toEqual(
      b(
        [
          'title',
          "La ligne de train de l'Aubrac, entre Clermont-Ferrand et Béziers, sauvée jusqu'en 2030",
        ],
        [
          'standfirst',
          "L'État et les régions Occitanie et Auvergne-Rhône-Alpes ont signé mardi une convention qui finance la rénovation des voies et le maintien d'un aller-retour quotidien.",
        ],
        [
          'paragraph',
          "C'était l'une des lignes les plus menacées du réseau. La ligne de l'Aubrac, qui relie Clermont-Ferrand à Béziers en traversant le Massif central, bénéficiera de 120 millions d'euros de travaux d'ici 2030, en vertu d'une convention signée mardi 12 mars à Millau par l'État et les deux régions concernées.",
        ],
        [
          'paragraph',
          "Le texte garantit le maintien d'un aller-retour quotidien de bout en bout, assuré par un train Intercités, ainsi que des dessertes régionales plus fréquentes entre Neussargues et Saint-Chély-d'Apcher, où les voies seront remises à neuf en priorité.",
        ],
        ['heading', 'Des ralentissements depuis des années'],
        [
          'paragraph',
          "Sur plusieurs tronçons, l'état des rails impose depuis des années des limitations de vitesse à 40 km/h, si bien que le trajet complet dure désormais plus de six heures. Les associations d'usagers réclamaient depuis longtemps un plan de financement qui ne dépende pas d'un seul acteur.",
        ],
        [
          'blockquote',
          "« Cette convention, nous l'attendions depuis dix ans. Elle ne règle pas tout, mais elle dit enfin que cette ligne a un avenir. »",
        ],
        [
          'paragraph',
          "Le président de l'association des usagers de la ligne, présent à la signature, a salué un « pas décisif » tout en appelant à aller plus loin, notamment sur le fret, qui a complètement disparu de la ligne depuis la fin du transport de ferraille en 2019.",
        ],
        ['heading', 'Un calendrier serré'],
        [
          'paragraph',
          "Les premiers chantiers commenceront à l'automne, avec des interruptions de circulation prévues pendant plusieurs semaines. SNCF Réseau promet des cars de substitution et un calendrier publié trois mois à l'avance pour chaque fermeture de la voie.",
        ],
        [
          'paragraph',
          "Le financement reste toutefois conditionné au vote des budgets régionaux de l'an prochain, a rappelé la présidente de la région Occitanie, qui a appelé l'État à « tenir parole » sur sa part, fixée à la moitié du total.",
        ],
      ),
    );
    // The article's h1, not the page's <title> nor its og:title.
    expect(result.ok && result.title).toBe(
      "La ligne de train de l'Aubrac, entre Clermont-Ferrand et Béziers, sauvée jusqu'en 2030",
    );
    const text = canonicalText(blocks);
    for (const bad of chrome) expect(text).not.toContain(bad);
  });

  it('never runs the pages’ scripts or handlers', () => {
    const globals = globalThis as { __glossaImportRan?: string };
    for (const name of ['saved-page-quotidien.fr.html', 'saved-page-info-continue.fr.html']) {
      expect(extractArticle({ name, text: page(name) }).ok).toBe(true);
    }
    expect(globals.__glossaImportRan).toBeUndefined();
  });
});

describe('the seed in every format', () => {
  const tag = {
    title: 'h1',
    standfirst: 'p',
    heading: 'h2',
    paragraph: 'p',
    blockquote: 'blockquote',
  };
  const mark = { title: '# ', standfirst: '', heading: '## ', paragraph: '', blockquote: '> ' };

  it('gives the same blocks from HTML and Markdown as from plain text', () => {
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const html = seedArticle.blocks
      .map((x) => `<${tag[x.type]}>${escape(x.text)}</${tag[x.type]}>`)
      .join('\n');
    expect(blocksOf(extractArticle({ name: 'seed.html', text: html }))).toEqual(seedArticle.blocks);
    const md = seedArticle.blocks.map((x) => mark[x.type] + x.text).join('\n\n');
    expect(blocksOf(extractArticle({ name: 'seed.md', text: md }))).toEqual(seedArticle.blocks);
  });
});

describe('limits', () => {
  it('rejects an empty or blank input', () => {
    expect(extractArticle({ name: 'a.txt', text: '' })).toEqual({
      ok: false,
      problem: { code: 'empty' },
    });
    expect(extractArticle({ name: 'a.txt', text: ' \n\t\n ' })).toEqual({
      ok: false,
      problem: { code: 'empty' },
    });
  });

  it('rejects binary data', () => {
    const png = '\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';
    expect(extractArticle({ name: 'a.txt', text: png })).toEqual({
      ok: false,
      problem: { code: 'not-text' },
    });
    const noise = Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? '\uFFFD' : 'x')).join('');
    expect(extractArticle({ name: 'a.txt', text: noise })).toEqual({
      ok: false,
      problem: { code: 'not-text' },
    });
    expect(extractArticle({ name: 'photo.png', type: 'image/png', text: 'abc' })).toEqual({
      ok: false,
      problem: { code: 'not-text' },
    });
  });

  it('accepts a stray replacement character', () => {
    expect(
      extractArticle({ name: 'a.txt', text: seedText.replace('Amazon', 'Amaz\uFFFDn') }).ok,
    ).toBe(true);
  });

  it('accepts exactly 1,000,000 code points of canonical text and no more', () => {
    // "T" + "\n\n" + body: the canonical text is 3 + body length.
    const at = 'T\n' + 'a'.repeat(MAX_TEXT_CODE_POINTS - 3);
    expect(extractArticle({ name: 'a.txt', text: at }).ok).toBe(true);
    expect(extractArticle({ name: 'a.txt', text: at + 'a' })).toEqual({
      ok: false,
      problem: { code: 'too-large', limit: MAX_TEXT_CODE_POINTS },
    });
  });

  it('counts code points, not UTF-16 units', () => {
    const astral = 'T\n' + '😀'.repeat(600_000);
    expect(extractArticle({ name: 'a.txt', text: astral }).ok).toBe(true);
  });

  it('turns away a huge input before parsing it', () => {
    const huge = '<p>' + ' '.repeat(11_000_000) + 'x</p>';
    expect(extractArticle({ name: 'a.html', text: huge })).toEqual({
      ok: false,
      problem: { code: 'too-large', limit: MAX_TEXT_CODE_POINTS },
    });
  });

  it('reports an input with no text blocks', () => {
    const html = '<html><body><script>alert(1)</script><style>p{}</style></body></html>';
    expect(extractArticle({ name: 'a.html', text: html })).toEqual({
      ok: false,
      problem: { code: 'no-blocks' },
    });
    expect(extractArticle({ name: 'a.md', text: '---\n\n***\n' })).toEqual({
      ok: false,
      problem: { code: 'no-blocks' },
    });
  });
});

describe('contentHash', () => {
  it('is the SHA-256 hex of the canonical text', async () => {
    const blocks = b(['title', 'Titre'], ['paragraph', 'Été 😀']);
    const expected = createHash('sha256').update('Titre\n\nÉté 😀', 'utf8').digest('hex');
    expect(await contentHash(blocks)).toBe(expected);
    expect(await contentHash(b(['title', 'abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('depends on the text only, not on block types', async () => {
    const a = await contentHash(seedArticle.blocks);
    const typesChanged = seedArticle.blocks.map((x) => ({ ...x, type: 'paragraph' as const }));
    expect(await contentHash(typesChanged)).toBe(a);
  });
});

describe('articleIdFor', () => {
  it('makes a slug without accents, cut at a word boundary', () => {
    const id = articleIdFor(seedArticle.title, []);
    expect(id).toBe('parler-annule-la-poursuite-contre-amazon-et-en-depose-une');
    expect(id.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(articleIdFor('Œuvre d’été : « Ça » ! Straße', [])).toBe('oeuvre-d-ete-ca-strasse');
  });

  it('falls back to "article" and adds -2, -3 when taken', () => {
    expect(articleIdFor('😀 …', [])).toBe('article');
    expect(articleIdFor('Un titre', ['un-titre'])).toBe('un-titre-2');
    expect(articleIdFor('Un titre', new Set(['un-titre', 'un-titre-2']))).toBe('un-titre-3');
  });

  it('is always URL-safe, short and free', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 120 }),
        fc.array(fc.string()),
        (title, ids) => {
          const taken = [...ids, articleIdFor(title, [])];
          const id = articleIdFor(title, taken);
          expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
          expect(id.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH + 4);
          expect(taken).not.toContain(id);
          expect(articleIdFor(title, taken)).toBe(id);
        },
      ),
    );
  });
});
