import { describe, expect, it } from 'vitest';
import { compileOutcome } from '../../src/core/outcome';

describe('compileOutcome', () => {
  it('without a negative list, every row that is not positive has not converted', () => {
    const outcomeOf = compileOutcome({ column: 'Won', positive: ['Yes', 'won'] });
    expect(outcomeOf(' YES ')).toBe('converted');
    expect(outcomeOf('Won')).toBe('converted');
    expect(outcomeOf('no')).toBe('not converted');
    expect(outcomeOf('')).toBe('not converted');
    expect(outcomeOf(null)).toBe('not converted');
  });

  it('with a negative list, a row in neither list is still open', () => {
    const outcomeOf = compileOutcome({ column: 'Won', positive: ['1', 'yes'], negative: ['0', 'lost'] });
    expect(outcomeOf(1)).toBe('converted');
    expect(outcomeOf('Yes')).toBe('converted');
    expect(outcomeOf(0)).toBe('not converted');
    expect(outcomeOf(' LOST')).toBe('not converted');
    expect(outcomeOf('')).toBe('open');
    expect(outcomeOf('negotiating')).toBe('open');
  });

  it('reads the cell as text: booleans as true/false, numbers as JS prints them', () => {
    const outcomeOf = compileOutcome({ column: 'Won', positive: ['true'], negative: ['false'] });
    expect(outcomeOf(true)).toBe('converted');
    expect(outcomeOf(false)).toBe('not converted');
    const byNumber = compileOutcome({ column: 'Won', positive: ['1'] });
    expect(byNumber(1.0)).toBe('converted');
    expect(byNumber('1.0')).toBe('not converted'); // text, not a number comparison
  });
});
