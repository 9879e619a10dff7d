// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../../i18n/i18n';
import { GlossSource } from '../../glosses/gloss-source';
import { segmentSentences } from '../../glosses/sentences';
import { tokenDiff } from '../../glosses/tm/tm-match';
import type { TmMatchView } from '../../tm/tm-protocol';
import type { UserGloss } from '../../model/gloss';
import { createGlossPanel } from '../gloss-panel';
import { matchesView } from './tm-matches';

beforeAll(async () => {
  await initI18n('en');
});

const [sentence] = segmentSentences([
  { type: 'paragraph', text: 'Le maire a démissionné hier soir.' },
]);
const match = (source: string, target: string, percent: number): TmMatchView => ({
  unitId: 'u',
  source,
  target,
  origin: 'tmx',
  percent,
  diff: tokenDiff(sentence!.text, source),
});

describe('matchesView', () => {
  it('shows the percentage, the English, and the differences as <ins>/<del>, user text as text', () => {
    const accepted: TmMatchView[] = [];
    const m = match(
      'Le maire a démissionné <b>hier</b> matin.',
      '<img src=x onerror=alert(1)>',
      80,
    );
    const view = matchesView(sentence!.id, [m], (x) => accepted.push(x))!;
    expect(view.querySelector('.tm-percent')?.textContent).toBe('80%');
    expect(view.querySelector('.tm-target')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(view.querySelector('img, b')).toBeNull();
    expect([...view.querySelectorAll('ins')].map((e) => e.textContent)).toEqual(['soir']);
    expect([...view.querySelectorAll('del')].map((e) => e.textContent)).toEqual([
      '<b>',
      '</b> matin',
    ]);
    expect(view.querySelector('.tm-source')?.textContent).toBe(
      'Le maire a démissionné <b>hier </b> matinsoir.',
    );
    view.querySelector<HTMLButtonElement>('.tm-accept')!.click();
    expect(accepted).toEqual([m]);
  });
  it('says when there is no match, and shows nothing before looking', () => {
    expect(matchesView('x', [], () => undefined)?.textContent).toContain(
      'No match in the translation memory',
    );
    expect(matchesView('x', undefined, () => undefined)).toBeNull();
  });
});

describe('gloss panel with the translation memory', () => {
  it('shows where a gloss came from, that it is not checked, and offers to check it', () => {
    const host = document.createElement('div');
    const glosses = new GlossSource(i18n, 'tm-article', 'en');
    glosses.setUserGloss(sentence!.id, 'en', 'The mayor resigned last night.');
    const record: UserGloss = {
      key: `tm-article/${sentence!.id}`,
      articleId: 'tm-article',
      sentenceId: sentence!.id,
      lang: 'en',
      text: 'The mayor resigned last night.',
      modified: '2026-01-01T00:00:00.000Z',
      origin: 'tm',
      matchPercent: 88,
      checked: false,
    };
    const checked: string[] = [];
    const panel = createGlossPanel(host, {
      glosses,
      write: () => undefined,
      setLanguage: () => undefined,
      userGloss: () => record,
      markChecked: (s) => checked.push(s.id),
      extra: () => matchesView(sentence!.id, 'loading', () => undefined),
    });
    panel.show([sentence!], false);
    expect(host.querySelector('.origin-tm')?.textContent).toBe('From the translation memory (88%)');
    expect(host.querySelector('.gloss-unchecked')?.textContent).toBe('Not yet checked');
    expect(host.querySelector('.tm-loading')).not.toBeNull();
    host.querySelector<HTMLButtonElement>('.gloss-mark-checked')!.click();
    expect(checked).toEqual([sentence!.id]);
    record.checked = true;
    panel.refresh();
    expect(host.querySelector('.gloss-unchecked')).toBeNull();
    expect(host.querySelector('.gloss-checked')?.textContent).toBe('Checked');
    panel.destroy();
  });
});
