import { describe, expect, it } from 'vitest';
import { formattedSortFinding, mergeFindings, parseFormattedNumber, type JoinFacts } from '../../src/lint/checks.js';

describe('parseFormattedNumber', () => {
  it.each([
    ['$1,234.50', 1234.5],
    ['12.5%', 12.5],
    ['3.2 ms', 3.2],
    ['30,810.2/s', 30810.2],
    ['-$2.000', -2],
    ['€ 10', 10],
    ['1e6', 1e6],
    ['.5x', 0.5],
    ['42', 42],
  ])('reads %s as %d', (text, value) => {
    expect(parseFormattedNumber(text)).toBe(value);
  });

  it.each(['inf2.xlarge', 'BERT base', '2023-01-05', '1,23', '--5', '', '$', 'v2.1'])('does not read %j as a number', (text) => {
    expect(parseFormattedNumber(text)).toBeUndefined();
  });
});

describe('formattedSortFinding', () => {
  it('warns when text order differs from numeric order, naming a pair', () => {
    const f = formattedSortFinding('Cost', ['$2.000', '$10.000', '$3.500']);
    expect(f?.code).toBe('DT601');
    expect(f?.message).toContain("'$10.000' sorts before '$2.000'");
  });

  it('is silent when the texts sort like the numbers', () => {
    expect(formattedSortFinding('Cost', ['$1.50', '$2.25', '$3.00'])).toBeUndefined();
  });

  it('is silent for a key with text that is not a number', () => {
    expect(formattedSortFinding('Model', ['10 items', 'BERT', '2 items'])).toBeUndefined();
  });

  it('is silent for numbers that are numbers, not text', () => {
    expect(formattedSortFinding('n', [10n, 2n, 3.5])).toBeUndefined();
  });

  it('ignores missing values', () => {
    expect(formattedSortFinding('p', ['9%', null, Number.NaN, '10%'])?.code).toBe('DT601');
  });

  it('needs two different values to compare', () => {
    expect(formattedSortFinding('p', ['$10', '$10', null])).toBeUndefined();
  });
});

function join(over: Partial<JoinFacts> & Pick<JoinFacts, 'leftIndexer' | 'rightIndexer'>, left: string[], right: string[]): JoinFacts {
  return { how: 'inner', keys: ['Inst. Type'], leftRows: left.length, leftKey: (i) => left[i], rightKey: (i) => right[i], ...over };
}

describe('mergeFindings', () => {
  it('names the left keys an inner merge drops (DT602)', () => {
    const left = ['inf2', 'trn1', 'inf2', 'trn2'];
    const right = ['inf2'];
    const fs = mergeFindings(join({ leftIndexer: [0, 2], rightIndexer: [0, 0] }, left, right));
    expect(fs).toHaveLength(1);
    expect(fs[0].code).toBe('DT602');
    expect(fs[0].message).toBe("inner merge on 'Inst. Type' drops 2 of 4 rows: no match on the right for 'trn1', 'trn2'");
  });

  it('says how many rows share a missing key', () => {
    const fs = mergeFindings(join({ leftIndexer: [], rightIndexer: [] }, ['a', 'a'], []));
    expect(fs[0].message).toContain("'a' (2 rows)");
  });

  it('does not report dropped rows for a left merge', () => {
    const fs = mergeFindings(join({ how: 'left', leftIndexer: [0, 1], rightIndexer: [0, -1] }, ['a', 'b'], ['a']));
    expect(fs).toEqual([]);
  });

  it('names the right keys that multiply rows (DT603)', () => {
    const left = ['a', 'b'];
    const right = ['a', 'b', 'a'];
    const fs = mergeFindings(join({ how: 'left', leftIndexer: [0, 0, 1], rightIndexer: [0, 2, 1] }, left, right));
    expect(fs.map((f) => f.code)).toEqual(['DT603']);
    expect(fs[0].message).toBe("merge on 'Inst. Type' multiplies rows: the right table has 'a' 2 times, so 1 left row comes out more than once");
  });

  it('names several keys as a tuple', () => {
    const fs = mergeFindings(join({ keys: ['Model', 'Batch'], leftIndexer: [], rightIndexer: [] }, ['m/1'], []));
    expect(fs[0].message).toMatch(/^inner merge on \('Model', 'Batch'\)/);
  });

  it('is silent for a one-to-one merge', () => {
    expect(mergeFindings(join({ leftIndexer: [0, 1], rightIndexer: [1, 0] }, ['a', 'b'], ['b', 'a']))).toEqual([]);
  });
});
