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

  it('keep every id appended in batches, pushes between them, through growth and widening', () => {
    const list = new IdList();
    const expected: number[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const size = (batch * 97) % 700;
      const values = new Uint32Array(size + 5).fill(123_456); // past `size`: not appended
      for (let i = 0; i < size; i++)
        values[i] = batch < 10 ? i % 250 : batch < 25 ? (i * 37) % 70_000 : i * 7919;
      list.append(values, size);
      expected.push(...values.subarray(0, size));
      list.push(batch);
      expected.push(batch);
    }
    expect(list.length).toBe(expected.length);
    expect(Array.from(list.view())).toEqual(expected);
  });

  it('keep numbers exactly, fractions and negatives included', () => {
    const list = new NumberList();
    const pushed = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? -i / 7 : i * 0.1));
    for (const value of pushed) list.push(value);
    expect(Array.from({ length: pushed.length }, (_, i) => list.get(i))).toEqual(pushed);
  });
});
