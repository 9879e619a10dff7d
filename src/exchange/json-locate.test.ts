import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-locate';

describe('jsonErrorOffset', () => {
  it('says -1 for every JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonErrorOffset(text)).toBe(-1);
      }),
    );
    expect(
      jsonErrorOffset(' { "a" : [ 1 , -2.5e3 , "\\u00e9\\n" , true , null , {} , [] ] } '),
    ).toBe(-1);
  });

  it.each([
    ['{ "format": "glossa", "articles": [ }', 36],
    ['{"a":1,}', 7],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['', 0],
    ['{"a": "b\nc"}', 8],
    ['{"a": tru}', 6],
    ['[01]', 2],
    ['[1.]', 3],
    ['{"a":1} x', 8],
    ["{'a': 1}", 1],
    ['"\\x"', 2],
  ])('finds the fault in %j at %i', (text, at) => {
    expect(jsonErrorOffset(text)).toBe(at);
  });

  it('finds a fault in every text JSON.parse refuses', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(text) === -1).toBe(valid);
      }),
    );
  });

  it('does not overflow on deep nesting', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBe(200_000);
  });
});
