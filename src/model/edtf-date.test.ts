import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysInMonth, edtfBounds, formatEdtf, isEdtf, parseEdtf, readDate } from './edtf-date';

const words = {
  approximate: (d: string) => `circa ${d}`,
  uncertain: (d: string) => `${d} (uncertain)`,
  open: '…',
};

describe('readDate', () => {
  it.each([
    ['9 janvier 2021', '2021-01-09'],
    ['1er mars 2021', '2021-03-01'],
    ['le 14 juillet 1789', '1789-07-14'],
    ['29 février 2020', '2020-02-29'],
    ['31 décembre 2021', '2021-12-31'],
    ['9 Janv. 2021', '2021-01-09'],
    ['janvier 2021', '2021-01'],
    ['en août 2021', '2021-08'],
    ['2021', '2021'],
    ['2021-01-09', '2021-01-09'],
    ['2021-01', '2021-01'],
    ['Jan 9, 2021', '2021-01-09'],
    ['January 9th, 2021', '2021-01-09'],
    ['9 January 2021', '2021-01-09'],
    ['September 2021', '2021-09'],
    ['Sept. 3, 2021', '2021-09-03'],
  ])('reads the date %j as %j', (text, edtf) => {
    expect(readDate(text)).toBe(edtf);
  });

  it.each([
    ['du 9 au 11 janvier 2021', '2021-01-09/2021-01-11'],
    ['9-11 janvier 2021', '2021-01-09/2021-01-11'],
    ['9–11 janvier 2021', '2021-01-09/2021-01-11'],
    ['January 9–11, 2021', '2021-01-09/2021-01-11'],
    ['from 9 to 11 January 2021', '2021-01-09/2021-01-11'],
    ['du 9 janvier au 3 février 2021', '2021-01-09/2021-02-03'],
    ['de janvier à mars 2021', '2021-01/2021-03'],
    ['du 30 décembre 2020 au 2 janvier 2021', '2020-12-30/2021-01-02'],
    ['entre 2020 et 2021', '2020/2021'],
    ['2019-2021', '2019/2021'],
    ['between 2019 and 2021', '2019/2021'],
  ])('reads the range %j as %j', (text, edtf) => {
    expect(readDate(text)).toBe(edtf);
  });

  it.each([
    ['2021?', '2021?'],
    ['2021 ?', '2021?'],
    ['janvier 2021 ?', '2021-01?'],
    ['vers 2021', '2021~'],
    ['environ mars 2021', '2021-03~'],
    ['circa 1990', '1990~'],
    ['around Jan 9, 2021', '2021-01-09~'],
    ['vers 2021 ?', '2021%'],
    ['du 9 au 11 janvier 2021 ?', '2021-01-09?/2021-01-11?'],
  ])('reads the uncertain or approximate date %j as %j', (text, edtf) => {
    expect(readDate(text)).toBe(edtf);
  });

  it.each([
    ['2021~', '2021~'],
    ['2021-01-09/2021-01-11', '2021-01-09/2021-01-11'],
    ['2021-01/..', '2021-01/..'],
    ['../2021', '../2021'],
    ['202X', '202X'],
    ['2021-XX', '2021-XX'],
  ])('takes EDTF as it is: %j', (text, edtf) => {
    expect(readDate(text)).toBe(edtf);
  });

  it.each([
    '',
    '   ',
    'janvier 2021 (plainte) — mars 2021 ?',
    'hier',
    'début 2021',
    'printemps 2021',
    '09/01/2021',
    '9 janvier 21',
    '31 février 2021',
    '29 février 2021',
    '32 janvier 2021',
    '2021-13',
    '2021-02-30',
    '9 brumaire 2021',
    'du 11 au 9 janvier 2021',
    '2021/2019',
    '<img src=x onerror=alert(1)>',
    '12345',
  ])('refuses %j', (text) => {
    expect(readDate(text)).toBeNull();
  });

  it('reads every real calendar day written in French, in English and in ISO', () => {
    const frMonths = [
      'janvier',
      'février',
      'mars',
      'avril',
      'mai',
      'juin',
      'juillet',
      'août',
      'septembre',
      'octobre',
      'novembre',
      'décembre',
    ];
    const enMonths = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, rawDay) => {
          const day = ((rawDay - 1) % daysInMonth(year, month)) + 1;
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(readDate(`${day} ${frMonths[month - 1]} ${year}`)).toBe(iso);
          expect(readDate(`${enMonths[month - 1]} ${day}, ${year}`)).toBe(iso);
          expect(readDate(iso)).toBe(iso);
          expect(parseEdtf(iso)).not.toBeNull();
        },
      ),
    );
  });

  it('never throws, and whatever it returns is EDTF', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const value = readDate(text);
        if (value !== null) expect(isEdtf(value)).toBe(true);
      }),
    );
  });
});

describe('parseEdtf and edtfBounds', () => {
  it('refuses what is not EDTF level 0–1', () => {
    for (const v of [
      '',
      '2021-1-9',
      '21',
      '2021-02-29',
      '../..',
      '2021/2020',
      '20X1',
      'X021',
      '2021-XX-09',
    ])
      expect(parseEdtf(v)).toBeNull();
  });

  it('gives the first and last day a value can mean', () => {
    expect(edtfBounds('2021')).toEqual({ first: '2021-01-01', last: '2021-12-31' });
    expect(edtfBounds('2020-02')).toEqual({ first: '2020-02-01', last: '2020-02-29' });
    expect(edtfBounds('2021-01-09/2021-01-11')).toEqual({
      first: '2021-01-09',
      last: '2021-01-11',
    });
    expect(edtfBounds('2021-01/..')).toEqual({ first: '2021-01-01', last: null });
    expect(edtfBounds('202X')).toEqual({ first: '2020-01-01', last: '2029-12-31' });
    expect(edtfBounds('nope')).toBeNull();
  });
});

describe('formatEdtf', () => {
  it('writes a day, a month, a year in the interface language', () => {
    expect(formatEdtf('2021-01-09', 'fr', words)).toBe('9 janvier 2021');
    expect(formatEdtf('2021-01-09', 'en', words)).toBe('January 9, 2021');
    expect(formatEdtf('2021-01', 'fr', words)).toBe('janvier 2021');
    expect(formatEdtf('2021', 'en', words)).toBe('2021');
  });

  it('writes ranges and qualifiers', () => {
    expect(formatEdtf('2021-01-09/2021-01-11', 'fr', words)).toMatch(
      /^9\s*[–-]\s*11 janvier 2021$/,
    );
    expect(formatEdtf('2021~', 'en', words)).toBe('circa 2021');
    expect(formatEdtf('2021?', 'en', words)).toBe('2021 (uncertain)');
    expect(formatEdtf('2021-01/..', 'en', words)).toBe('January 2021 – …');
    expect(formatEdtf('garbage', 'en', words)).toBeNull();
  });
});
