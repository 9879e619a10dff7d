/**
 * Dates as fact-checkers write them, read into EDTF (the Library of
 * Congress's Extended Date/Time Format, ISO 8601-2) levels 0 and 1:
 * a day `2021-01-09`, a month `2021-01`, a year `2021`, an interval
 * `2021-01-09/2021-01-11` (open ends `..`), qualified uncertain `?`,
 * approximate `~` or both `%`, and unspecified digits `202X`, `2021-XX`.
 *
 * `readDate` takes what a person types in French or English ("9 janvier
 * 2021", "1er mars 2021", "janvier 2021", "Jan 9, 2021", "du 9 au 11 janvier
 * 2021", "vers 2021", "2021 ?") and returns its EDTF form, or null when it
 * cannot read it with certainty — the text then stays as typed, a note.
 * Refused on purpose: numeric day/month forms such as "09/01/2021" (a French
 * reader means 9 January, an American 1 September), two-digit years, and
 * vague spans ("début 2021", "printemps 2021") that EDTF level 1 would need
 * season codes or guesses for.
 *
 * Pure: no DOM, no i18n. Formatting for display takes the locale and the
 * words of the interface from the caller.
 */

const MONTHS: Record<string, number> = {};
function months(names: string[], n: number): void {
  for (const name of names) MONTHS[name] = n;
}
months(['janvier', 'janv', 'january', 'jan'], 1);
months(['fevrier', 'fevr', 'fev', 'february', 'feb'], 2);
months(['mars', 'march', 'mar'], 3);
months(['avril', 'avr', 'april', 'apr'], 4);
months(['mai', 'may'], 5);
months(['juin', 'june', 'jun'], 6);
months(['juillet', 'juil', 'july', 'jul'], 7);
months(['aout', 'august', 'aug'], 8);
months(['septembre', 'sept', 'sep', 'september'], 9);
months(['octobre', 'oct', 'october'], 10);
months(['novembre', 'nov', 'november'], 11);
months(['decembre', 'dec', 'december'], 12);

/** Words that make a date approximate (EDTF `~`). */
const APPROXIMATE =
  /^(?:vers|environ|autour de|aux alentours de|circa|ca\.?|c\.|around|about|approximately|approx\.?)\s+/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

interface Point {
  year: number;
  month?: number;
  day?: number;
}

function pointValue(p: Point): string {
  let s = pad(p.year, 4);
  if (p.month !== undefined) s += `-${pad(p.month)}`;
  if (p.day !== undefined) s += `-${pad(p.day)}`;
  return s;
}

function validPoint(p: Point): boolean {
  if (!Number.isInteger(p.year) || p.year < 0 || p.year > 9999) return false;
  if (p.month === undefined) return p.day === undefined;
  if (p.month < 1 || p.month > 12) return false;
  if (p.day === undefined) return true;
  return p.day >= 1 && p.day <= daysInMonth(p.year, p.month);
}

function compareEarliest(a: Point, b: Point): number {
  return a.year - b.year || (a.month ?? 1) - (b.month ?? 1) || (a.day ?? 1) - (b.day ?? 1);
}

// ---- EDTF itself

const EDTF_POINT = /^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?([?~%])?$/;

/** Whether `value` is an EDTF level 0–1 date or interval this module writes and reads. */
export function isEdtf(value: string): boolean {
  return parseEdtf(value) !== null;
}

export interface EdtfPoint extends Point {
  /** Unspecified digits (`202X`, `2021-XX`): the point is only as precise as its known digits. */
  unspecified: boolean;
  qualifier?: '?' | '~' | '%';
}
export type EdtfValue =
  | { kind: 'point'; point: EdtfPoint }
  | { kind: 'interval'; start: EdtfPoint | 'open'; end: EdtfPoint | 'open' };

function parsePoint(text: string): EdtfPoint | null {
  const m = EDTF_POINT.exec(text);
  if (!m) return null;
  const [, y, mo, d, q] = m;
  const unspecified = /X/.test(text);
  if (unspecified) {
    // Level 1 allows X only as the last digits of the year, or as a whole month or day.
    if (/X/.test(y!) && mo !== undefined) return null;
    if (mo === 'XX' && d !== undefined && d !== 'XX') return null;
    return {
      year: Number(y!.replace(/X/g, '0')),
      ...(mo && mo !== 'XX' ? { month: Number(mo) } : {}),
      ...(d && d !== 'XX' ? { day: Number(d) } : {}),
      unspecified,
      ...(q ? { qualifier: q as '?' | '~' | '%' } : {}),
    };
  }
  const p: EdtfPoint = {
    year: Number(y),
    ...(mo !== undefined ? { month: Number(mo) } : {}),
    ...(d !== undefined ? { day: Number(d) } : {}),
    unspecified,
    ...(q ? { qualifier: q as '?' | '~' | '%' } : {}),
  };
  return validPoint(p) ? p : null;
}

/** Reads an EDTF level 0–1 value, or null when it is not one. */
export function parseEdtf(value: string): EdtfValue | null {
  if (typeof value !== 'string') return null;
  const parts = value.split('/');
  if (parts.length === 1) {
    const point = parsePoint(parts[0]!);
    return point ? { kind: 'point', point } : null;
  }
  if (parts.length !== 2) return null;
  const read = (s: string): EdtfPoint | 'open' | null =>
    s === '..' || s === '' ? 'open' : parsePoint(s);
  const start = read(parts[0]!);
  const end = read(parts[1]!);
  if (!start || !end || (start === 'open' && end === 'open')) return null;
  if (start !== 'open' && end !== 'open' && compareEarliest(start, end) > 0) return null;
  return { kind: 'interval', start, end };
}

/**
 * The first and last calendar day a value can mean (`YYYY-MM-DD`), for
 * ordering a timeline and searching by date range; open ends are null.
 */
export function edtfBounds(value: string): { first: string | null; last: string | null } | null {
  const v = parseEdtf(value);
  if (!v) return null;
  const first = (p: EdtfPoint) =>
    pointValue({ year: p.year, month: p.month ?? 1, day: p.day ?? 1 });
  const last = (p: EdtfPoint) => {
    const year = p.unspecified && p.month === undefined ? p.year + lastDigits(value) : p.year;
    const month = p.month ?? 12;
    return pointValue({ year, month, day: p.day ?? daysInMonth(year, month) });
  };
  if (v.kind === 'point') return { first: first(v.point), last: last(v.point) };
  return {
    first: v.start === 'open' ? null : first(v.start),
    last: v.end === 'open' ? null : last(v.end),
  };
}

/** 9 for `202X`, 99 for `20XX`: how far an unspecified year reaches. */
function lastDigits(value: string): number {
  const m = /^\d{2}(\d|X)(X)/.exec(value);
  if (!m) return 0;
  return m[1] === 'X' ? 99 : 9;
}

// ---- what people type

/** Lower case, accents off, typographic dashes and spaces made plain. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const MONTH = '([a-z]+)\\.?';
const DAY = '(\\d{1,2})(?:er|st|nd|rd|th)?';
const YEAR = '(\\d{4})';

function month(word: string | undefined): number | undefined {
  return word === undefined ? undefined : MONTHS[word];
}

/** One point as written: "9 janvier 2021", "Jan 9, 2021", "janvier 2021", "2021", "2021-01-09". */
function readPoint(text: string): Point | null {
  let m = new RegExp(`^${YEAR}(?:-(\\d{2})(?:-(\\d{2}))?)?$`).exec(text);
  if (m) {
    const p: Point = {
      year: Number(m[1]),
      ...(m[2] ? { month: Number(m[2]) } : {}),
      ...(m[3] ? { day: Number(m[3]) } : {}),
    };
    return validPoint(p) ? p : null;
  }
  m = new RegExp(`^${DAY} ${MONTH},? ${YEAR}$`).exec(text);
  if (m) return checked({ year: Number(m[3]), month: month(m[2]), day: Number(m[1]) });
  m = new RegExp(`^${MONTH} ${DAY},? ${YEAR}$`).exec(text);
  if (m) return checked({ year: Number(m[3]), month: month(m[1]), day: Number(m[2]) });
  m = new RegExp(`^${MONTH},? ${YEAR}$`).exec(text);
  if (m) return checked({ year: Number(m[2]), month: month(m[1]) });
  return null;
}

function checked(p: Point): Point | null {
  if (p.month === undefined) return null; // a word that is not a month
  return validPoint(p) ? p : null;
}

/** A range as written: "du 9 au 11 janvier 2021", "9-11 janvier 2021", "January 9-11, 2021", "from … to …". */
function readRange(text: string): [Point, Point] | null {
  // The same month and year, days apart: "9-11 janvier 2021", "du 9 au 11 janvier 2021".
  let m = new RegExp(
    `^(?:du |from |between )?${DAY}(?: ?- ?| au | to | and | et )${DAY} ${MONTH},? ${YEAR}$`,
  ).exec(text);
  if (m) {
    const mo = month(m[3]);
    return pair(
      { year: Number(m[4]), month: mo, day: Number(m[1]) },
      { year: Number(m[4]), month: mo, day: Number(m[2]) },
    );
  }
  // "January 9-11, 2021", "from January 9 to 11, 2021".
  m = new RegExp(`^(?:from |between )?${MONTH} ${DAY}(?: ?- ?| to | and )${DAY},? ${YEAR}$`).exec(
    text,
  );
  if (m) {
    const mo = month(m[1]);
    return pair(
      { year: Number(m[4]), month: mo, day: Number(m[2]) },
      { year: Number(m[4]), month: mo, day: Number(m[3]) },
    );
  }
  // "du 9 janvier au 3 février 2021", "de janvier à mars 2021": the first end borrows the year.
  m = new RegExp(
    `^(?:du |de |d'|from |between |entre )?(?:${DAY} )?${MONTH}(?: | ?- ?| au | a | to | and | et )(?:${DAY} )?${MONTH},? ${YEAR}$`,
  ).exec(text);
  if (
    m &&
    month(m[2]) !== undefined &&
    month(m[4]) !== undefined &&
    (m[1] === undefined) === (m[3] === undefined)
  ) {
    const year = Number(m[5]);
    return pair(
      { year, month: month(m[2]), ...(m[1] ? { day: Number(m[1]) } : {}) },
      { year, month: month(m[4]), ...(m[3] ? { day: Number(m[3]) } : {}) },
    );
  }
  // Two whole points: "du 9 janvier 2021 au 3 mars 2022", "2020-2021", "entre 2020 et 2021".
  m =
    /^(?:du |de |d'|from |between |entre )?(.+?)(?: ?- ?| ?\/ ?| au | a | to | and | et | jusqu'au | until )(.+)$/.exec(
      text,
    );
  if (m) {
    const a = readPoint(m[1]!);
    const b = readPoint(m[2]!);
    if (a && b) return pair(a, b);
  }
  return null;
}

function pair(a: Point, b: Point): [Point, Point] | null {
  const ca = checked(a.month === undefined && a.day === undefined ? { ...a, month: 1 } : a);
  const cb = checked(b.month === undefined && b.day === undefined ? { ...b, month: 1 } : b);
  if (!ca || !cb) return null;
  // Back to year precision where it was written so.
  const fa = a.month === undefined ? { year: a.year } : ca;
  const fb = b.month === undefined ? { year: b.year } : cb;
  if (compareEarliest(fa, fb) >= 0) return null;
  return [fa, fb];
}

/**
 * Reads a date as people write it, in French or English, into EDTF level
 * 0–1; null when it cannot (the caller keeps the text as typed).
 */
export function readDate(input: string): string | null {
  if (typeof input !== 'string' || input.length > 200) return null;
  let text = normalise(input).replace(/^(?:le |the |on |en |in )/, '');
  let approximate = false;
  let uncertain = false;
  const approx = APPROXIMATE.exec(text);
  if (approx) {
    approximate = true;
    text = text.slice(approx[0].length);
  }
  if (/ ?\?$/.test(text)) {
    uncertain = true;
    text = text.replace(/ ?\?$/, '');
  }
  text = text.replace(/^(?:le |the |on |en |in )/, '').trim();
  if (!text) return null;
  // Already EDTF (what an export or a careful person writes).
  if (
    !approximate &&
    !uncertain &&
    parseEdtf(text.toUpperCase().replace(/x/g, 'X')) &&
    /^[\d.x]/.test(text)
  )
    return text.toUpperCase().replace(/x/g, 'X');
  const qualifier = approximate && uncertain ? '%' : approximate ? '~' : uncertain ? '?' : '';
  const point = readPoint(text);
  if (point) return pointValue(point) + qualifier;
  const range = readRange(text);
  if (range) return `${pointValue(range[0])}${qualifier}/${pointValue(range[1])}${qualifier}`;
  return null;
}

// ---- display

export interface DateWords {
  /** "vers {{date}}" / "circa {{date}}". */
  approximate(date: string): string;
  /** "{{date}} (incertain)" / "{{date}} (uncertain)". */
  uncertain(date: string): string;
  /** The word for an open end ("…"). */
  open: string;
}

/** An EDTF value in the interface language: "9 janvier 2021", "9–11 January 2021", "vers 2021". */
export function formatEdtf(value: string, locale: string, words: DateWords): string | null {
  const v = parseEdtf(value);
  if (!v) return null;
  const options = (p: EdtfPoint): Intl.DateTimeFormatOptions => ({
    timeZone: 'UTC',
    year: 'numeric',
    ...(p.month !== undefined ? { month: 'long' } : {}),
    ...(p.day !== undefined ? { day: 'numeric' } : {}),
  });
  const date = (p: EdtfPoint) => new Date(Date.UTC(p.year, (p.month ?? 1) - 1, p.day ?? 1));
  const qualify = (text: string, q: EdtfPoint['qualifier']) =>
    q === '~'
      ? words.approximate(text)
      : q === '?'
        ? words.uncertain(text)
        : q === '%'
          ? words.uncertain(words.approximate(text))
          : text;
  const one = (p: EdtfPoint) => {
    if (p.unspecified) return value.split('/').find((s) => s.includes('X')) ?? value;
    return new Intl.DateTimeFormat(locale, options(p)).format(date(p));
  };
  if (v.kind === 'point') return qualify(one(v.point), v.point.qualifier);
  const { start, end } = v;
  if (
    start !== 'open' &&
    end !== 'open' &&
    !start.unspecified &&
    !end.unspecified &&
    (start.month === undefined) === (end.month === undefined) &&
    (start.day === undefined) === (end.day === undefined)
  ) {
    const text = new Intl.DateTimeFormat(locale, options(start)).formatRange(
      date(start),
      date(end),
    );
    return qualify(text, start.qualifier ?? end.qualifier);
  }
  const side = (p: EdtfPoint | 'open') =>
    p === 'open' ? words.open : qualify(one(p), p.qualifier);
  return `${side(start)} – ${side(end)}`;
}
