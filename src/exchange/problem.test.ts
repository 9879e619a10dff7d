import { describe, expect, it } from 'vitest';
import { RecordProblems, refusesFile, type Problem } from './problem';

describe('RecordProblems, the one collector', () => {
  it('tags problems with where the record is, and fails on an error only', () => {
    const sink: Problem[] = [];
    const issues = new RecordProblems({ index: 3 }, sink);
    issues.warning('ignored-value', 'body[1]', 'a second note; ignored');
    expect(issues.failed).toBe(false);
    issues.setId('a1');
    issues.error('wrong-shape', 'target', 'expected an object');
    expect(issues.failed).toBe(true);
    expect(sink).toEqual([
      {
        code: 'ignored-value',
        severity: 'warning',
        index: 3,
        path: 'body[1]',
        detail: 'a second note; ignored',
      },
      {
        code: 'wrong-shape',
        severity: 'error',
        index: 3,
        id: 'a1',
        path: 'target',
        detail: 'expected an object',
      },
    ]);
    expect(issues.list).toBe(sink);
    expect(sink.some(refusesFile)).toBe(false);
  });

  it('collects on the side when given no sink', () => {
    const own = new RecordProblems();
    own.add('missing-selector', 'error', '', 'no selector');
    expect(own.list).toHaveLength(1);
    expect(refusesFile(own.list[0]!)).toBe(true);
  });
});
