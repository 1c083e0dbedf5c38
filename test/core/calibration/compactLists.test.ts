// The typed lists a streamed calibration keeps per lead read back exactly what was pushed, across growth and
// widening from one byte to two and four.
import { describe, expect, it } from 'vitest';
import { IdList, NumberList } from '../../../src/core/calibration/compactLists';

describe('compact lists', () => {
  it('keep every id through growth and widening', () => {
    const list = new IdList();
    const pushed: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const value = i < 2000 ? i % 200 : i < 4000 ? (i * 37) % 70_000 : (i * 7919) % 5_000_000;
      list.push(value);
      pushed.push(value);
    }
    expect(list.length).toBe(5000);
    expect(Array.from({ length: 5000 }, (_, i) => list.get(i))).toEqual(pushed);
  });

  it('keep numbers exactly, fractions and negatives included', () => {
    const list = new NumberList();
    const pushed = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? -i / 7 : i * 0.1));
    for (const value of pushed) list.push(value);
    expect(Array.from({ length: pushed.length }, (_, i) => list.get(i))).toEqual(pushed);
  });
});
