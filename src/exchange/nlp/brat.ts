/**
 * brat standoff (https://brat.nlplab.org/standoff.html), both ways: an
 * `.ann` file beside the `.txt` it annotates. Offsets count characters of
 * the .txt as brat's Python server does: code points.
 *
 * Read: `T` lines (`T1<TAB>Label 0 5;8 10<TAB>text`) are spans, a
 * discontinuous one read from its first fragment to its last; `A` / `M`
 * lines (`A1<TAB>Negation T1`, `A2<TAB>Speaker T1 Parler`) become fields
 * when named speaker, claimant or date, else a line of the note;
 * `#` lines (`#1<TAB>AnnotatorNotes T1<TAB>text`) are the note. `R`, `E`,
 * `*`, `N` lines (relations, events, equivalences, normalisations) are
 * reported and left out until Glossa has relations. Without the .txt, the
 * span's own text (third column) is the quote.
 *
 * Written: one T line per annotation (label claim / quote / event; a span
 * across a line break is written as fragments, as brat requires), its note
 * as an AnnotatorNotes line (line breaks as spaces), and the .txt is the
 * canonical text, so offsets are the same.
 */
import { CodePointIndex } from '../../anchoring/code-points';
import { compareAnnotations, type Annotation, type AnnotationFields } from '../../model/annotation';
import { canonicalText, type Article } from '../../model/article';
import {
  SpanCollector,
  type SpanInput,
  type SpanParseOptions,
  type SpanParseResult,
} from './spans';

const FIELD_NAMES: readonly (keyof AnnotationFields)[] = ['speaker', 'claimant', 'date'];

export function parseBrat(
  ann: string,
  txt: string | undefined,
  options: SpanParseOptions & { name?: string } = {},
): SpanParseResult {
  const spans = new SpanCollector('brat', options);
  const entities = new Map<string, SpanInput & { line: number }>();
  const extra: { target: string; apply: (s: SpanInput) => void; line: number }[] = [];
  const lines = ann.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cols = raw.split('\t');
    const id = cols[0] ?? '';
    const path = `line ${line}`;
    const bad = (detail: string) =>
      spans.fileProblem('wrong-shape', path, detail, { line, column: 1 });
    switch (id[0]) {
      case 'T': {
        const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
        if (!m) return bad(`"${(cols[1] ?? '').slice(0, 60)}" is not "Label start end"`);
        const offsets = m[2]!.split(/[ ;]/).map(Number);
        entities.set(id, {
          start: offsets[0],
          end: offsets[offsets.length - 1],
          labels: [m[1]],
          path: `${path} (${id})`,
          line,
          sourceId: id,
          ...(cols[2] !== undefined && offsets.length === 2 ? { text: cols[2] } : {}),
        });
        return;
      }
      case 'A':
      case 'M': {
        const parts = (cols[1] ?? '').split(' ');
        const [name, target, value] = parts;
        if (!name || !target) return bad('an attribute line is "Name Target [Value]"');
        extra.push({
          target,
          line,
          apply: (s) => {
            const key = name.toLowerCase() as keyof AnnotationFields;
            if (FIELD_NAMES.includes(key) && value !== undefined) {
              s.fields = { ...s.fields, [key]: parts.slice(2).join(' ') };
            } else {
              const text = value === undefined ? name : `${name}: ${parts.slice(2).join(' ')}`;
              s.note = s.note ? `${s.note}\n${text}` : text;
            }
          },
        });
        return;
      }
      case '#': {
        const [, target] = (cols[1] ?? '').split(' ');
        if (!target) return bad('a note line is "#1<TAB>AnnotatorNotes T1<TAB>text"');
        const text = cols.slice(2).join('\t');
        extra.push({
          target,
          line,
          apply: (s) => {
            s.note = s.note ? `${s.note}\n${text}` : text;
          },
        });
        return;
      }
      case 'R':
      case 'E':
      case '*':
      case 'N':
        spans.fileProblem(
          'unsupported-record',
          path,
          `${id}: relations, events and normalisations are left out`,
          { line, column: 1 },
          'warning',
        );
        return;
      default:
        bad(`"${id.slice(0, 20)}" is not a brat annotation id (T, A, M, R, E, N, *, #)`);
    }
  });
  for (const x of extra) {
    const target = entities.get(x.target);
    if (target) x.apply(target);
    else
      spans.fileProblem(
        'wrong-shape',
        `line ${x.line}`,
        `no text-bound annotation ${x.target}`,
        { line: x.line, column: 1 },
        'warning',
      );
  }
  if (txt !== undefined) {
    const doc = spans.document(
      txt.startsWith('\uFEFF') ? txt.slice(1) : txt,
      options.name ?? 'txt',
    );
    for (const s of entities.values()) spans.span(doc, s);
  } else {
    // No .txt: each span's own text is its quote (the offsets of a text we do not have are not used).
    for (const s of entities.values()) {
      if (s.text === undefined) {
        spans.fileProblem('missing-selector', s.path, 'no .txt and no span text to find it with', {
          line: s.line,
          column: 1,
        });
        continue;
      }
      const doc = spans.document(s.text, `${options.name ?? 'ann'}:${s.sourceId}`);
      spans.span(doc, { ...s, start: 0, end: [...s.text].length });
    }
  }
  return spans.result();
}

/** The .ann of one article's annotations (orphans left out: they have no place in the text). */
export function toBratAnn(article: Article, annotations: readonly Annotation[]): string {
  const index = new CodePointIndex(canonicalText(article.blocks));
  const out: string[] = [];
  let t = 0;
  let note = 0;
  for (const a of [...annotations].filter((x) => !x.orphaned).sort(compareAnnotations)) {
    t++;
    // brat fragments may not span a line break.
    const fragments: [number, number][] = [];
    let from = a.start;
    const text = index.slice(a.start, a.end);
    let cp = a.start;
    for (const ch of text) {
      if (ch === '\n') {
        if (cp > from) fragments.push([from, cp]);
        from = cp + 1;
      }
      cp++;
    }
    if (a.end > from) fragments.push([from, a.end]);
    const shown = fragments.map(([s, e]) => index.slice(s, e)).join(' ');
    out.push(`T${t}\t${a.kind} ${fragments.map(([s, e]) => `${s} ${e}`).join(';')}\t${shown}`);
    if (a.note.trim() !== '') {
      note++;
      out.push(`#${note}\tAnnotatorNotes T${t}\t${a.note.replace(/[\r\n\t]+/g, ' ')}`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** The .txt brat reads beside the .ann: the canonical text. */
export function toBratTxt(article: Article): string {
  return canonicalText(article.blocks);
}
