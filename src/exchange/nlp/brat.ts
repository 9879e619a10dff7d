/**
 * brat standoff (https://brat.nlplab.org/standoff.html), both ways: an
 * `.ann` file beside the `.txt` it annotates. Offsets count characters of
 * the .txt as brat's Python server does: code points.
 *
 * Read: `T` lines (`T1<TAB>Label 0 5;8 10<TAB>text`) are spans, a
 * discontinuous one read from its first fragment to its last; `A` / `M`
 * lines (`A1<TAB>Negation T1`, `A2<TAB>Speaker T1 Parler`) become fields
 * when named speaker, claimant or date, else a line of the note;
 * `#` lines (`#1<TAB>AnnotatorNotes T1<TAB>text`) are the note. `R` lines
 * (`R1<TAB>contradictedBy Arg1:T1 Arg2:T3`) are relations between two
 * spans, returned as `links` by the spans' brat ids, for the importer to
 * resolve once the spans have ids; a type Glossa has no name for, or an
 * argument that is no T line, is reported and left out. `E`, `*`, `N`
 * lines (events, equivalences, normalisations) are reported and left out.
 * Without the .txt, the span's own text (third column) is the quote.
 *
 * Written: one T line per annotation (label claim / quote / event; a span
 * across a line break is written as fragments, as brat requires), its note
 * as an AnnotatorNotes line (line breaks as spaces), one R line per
 * relation between two spans of this article (brat's relations join text
 * spans only: a link to an entity, or to another article's span, has no R
 * line — the speaker and claimant are the spans' fields, and the W3C and
 * native exports carry every link), and the .txt is the canonical text,
 * so offsets are the same.
 */
import { CodePointIndex } from '../../anchoring/code-points';
import { compareAnnotations, type Annotation, type AnnotationFields } from '../../model/annotation';
import { canonicalText, type Article } from '../../model/article';
import { isEntityEnd, isRelationType, type Relation } from '../../model/factcheck';
import type { ImportedLink } from '../import-plan';
import {
  SpanCollector,
  type SpanInput,
  type SpanParseOptions,
  type SpanParseResult,
} from './spans';

const FIELD_NAMES: readonly (keyof AnnotationFields)[] = ['speaker', 'claimant', 'date'];

/** An R line read: a relation between two spans, named by their T ids (records' `sourceId`). */
export type BratLink = ImportedLink;

export function parseBrat(
  ann: string,
  txt: string | undefined,
  options: SpanParseOptions & { name?: string } = {},
): SpanParseResult & { links: BratLink[] } {
  const spans = new SpanCollector('brat', options);
  const links: BratLink[] = [];
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
      case 'R': {
        const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(cols[1] ?? '');
        if (!m) return bad('a relation line is "R1<TAB>Type Arg1:T1 Arg2:T2"');
        if (!isRelationType(m[1]))
          return spans.fileProblem(
            'unsupported-record',
            path,
            `${id}: relation type "${m[1]!.slice(0, 40)}" is not one Glossa has (saidBy, madeBy, about, supportedBy, contradictedBy, mentions)`,
            { line, column: 1 },
            'warning',
          );
        links.push({ id, type: m[1], from: m[2]!, to: m[3]!, line });
        return;
      }
      case 'E':
      case '*':
      case 'N':
        spans.fileProblem(
          'unsupported-record',
          path,
          `${id}: events, equivalences and normalisations are left out`,
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
  const known = links.filter((l) => {
    const missing = [l.from, l.to].find((t) => !entities.has(t));
    if (missing === undefined) return true;
    spans.fileProblem(
      'wrong-shape',
      `line ${l.line}`,
      `${l.id}: no text-bound annotation ${missing}`,
      { line: l.line, column: 1 },
      'warning',
    );
    return false;
  });
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
  return { ...spans.result(), links: known };
}

/**
 * The .ann of one article's annotations (orphans left out: they have no
 * place in the text), with an R line for each relation between two of them.
 */
export function toBratAnn(
  article: Article,
  annotations: readonly Annotation[],
  relations: Iterable<Relation> = [],
): string {
  const index = new CodePointIndex(canonicalText(article.blocks));
  const out: string[] = [];
  const tIds = new Map<string, string>();
  let t = 0;
  let note = 0;
  for (const a of [...annotations].filter((x) => !x.orphaned).sort(compareAnnotations)) {
    t++;
    tIds.set(a.id, `T${t}`);
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
  let r = 0;
  for (const rel of relations) {
    if (isEntityEnd(rel.to)) continue;
    const from = tIds.get(rel.from.annotationId);
    const to = tIds.get(rel.to.annotationId);
    if (!from || !to) continue;
    out.push(`R${++r}\t${rel.type} Arg1:${from} Arg2:${to}`);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** The .txt brat reads beside the .ann: the canonical text. */
export function toBratTxt(article: Article): string {
  return canonicalText(article.blocks);
}
