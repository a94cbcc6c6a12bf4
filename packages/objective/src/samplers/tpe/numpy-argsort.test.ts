import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numpyArgsort } from './numpy-argsort.js';

// Written by test/python/numpy_argsort_reference.py with numpy 1.24 (null stands for NaN).
const reference = JSON.parse(readFileSync(new URL('../../../test/fixtures/numpy-argsort-reference.json', import.meta.url), 'utf8')) as {
  cases: { values: (number | null)[]; order: number[] }[];
};

describe('numpyArgsort', () => {
  it("orders ties exactly as numpy 1.24's default argsort, at every size around the insertion-sort cut-off", () => {
    let unstable = 0;
    for (const c of reference.cases) {
      const values = c.values.map((v) => v ?? Number.NaN);
      const order = Array.from(numpyArgsort(values));
      expect(order, `values ${JSON.stringify(c.values)}`).toEqual(c.order);
      const stable = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number) || i - j);
      if (!values.some(Number.isNaN) && stable.join() !== order.join()) unstable++;
    }
    // The reference is only worth something if numpy's order departs from a stable sort in many cases.
    expect(unstable).toBeGreaterThan(10);
  });
});
