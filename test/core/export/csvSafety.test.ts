import { describe, expect, it } from 'vitest';
import { neutraliseCell, startsLikeFormula } from '../../../src/core/export/csvSafety';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['@SUM(1)', `'@SUM(1)`],
    ['+1+cmd', `'+1+cmd`],
    ['-2+3', `'-2+3`],
    ['\tx', `'\tx`],
    ['\rx', `'\rx`],
    ['-1,2000', `'-1,2000`],
    ['-1,200+A1', `'-1,200+A1`],
    ['-45%+1', `'-45%+1`],
    ['-1 200', `'-1 200`],
  ])('neutralises %j', (input, output) => {
    expect(neutraliseCell(input)).toBe(output);
    expect(startsLikeFormula(input)).toBe(true);
  });

  it.each([
    '-5',
    '-0.25',
    '+3',
    '-1e3',
    'Acme',
    '',
    "'=already text",
    '42',
    '-1,200',
    '-45%',
    '-1,234,567.5',
    '-0.5%',
  ])('keeps %j', (input) => {
    expect(neutraliseCell(input)).toBe(input);
    expect(startsLikeFormula(input)).toBe(false);
  });
});
