import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ndtriExp, optunaTruncNormPpf } from './truncnorm-ppf.js';
import { logNdtr } from './normal-math.js';

// Written by test/python/truncnorm_ppf_reference.py from Optuna 3.1's `_truncnorm.ppf`.
const reference = JSON.parse(readFileSync(new URL('../../../test/fixtures/truncnorm-ppf-reference.json', import.meta.url), 'utf8')) as {
  cases: { a: number; b: number; q: number[]; x: number[] }[];
};

describe('optunaTruncNormPpf', () => {
  it("equals Optuna 3.1's ppf on both branches, the ends, far tails and tiny intervals", () => {
    let worst = 0;
    for (const { a, b, q, x } of reference.cases) {
      q.forEach((qi, i) => {
        const expected = x[i] as number;
        const got = optunaTruncNormPpf(qi, a, b);
        // Optuna's bisection stops within an ulp or two of the root; so do our Newton steps.
        const error = Math.abs(got - expected) / Math.max(1, Math.abs(expected));
        worst = Math.max(worst, error);
        expect(error, `ppf(${qi}, ${a}, ${b}) = ${got}, Optuna ${expected}`).toBeLessThan(1e-13);
      });
    }
    expect(worst).toBeGreaterThanOrEqual(0);
  });

  it('is increasing in q and stays inside [a, b]; a = b gives NaN as in Optuna', () => {
    for (const [a, b] of [[-2, 3], [1.5, 2], [-40, -39.5], [-0.5, 0.5]] as const) {
      let prev = -Infinity;
      for (let k = 0; k <= 1000; k++) {
        const x = optunaTruncNormPpf(k / 1000, a, b);
        expect(x).toBeGreaterThanOrEqual(a);
        expect(x).toBeLessThanOrEqual(b);
        expect(x).toBeGreaterThanOrEqual(prev);
        prev = x;
      }
    }
    expect(optunaTruncNormPpf(0.3, 1, 1)).toBeNaN();
  });

  it('inverts log Φ across the range Optuna searches: exactly outside [1, 6], to the edge of its rounding step inside', () => {
    for (let x = -99; x <= 8; x += 0.37) {
      const y = logNdtr(x);
      // Inside [1, 6] Optuna's log Φ moves in steps of 2⁻⁵³ in Φ: its root is off by up to 2⁻⁵³/φ(x).
      const step = x >= 1 && x <= 6 ? 2 ** -53 / Math.exp(-0.5 * x * x - 0.5 * Math.log(2 * Math.PI)) : 0;
      expect(Math.abs(ndtriExp(y) - x)).toBeLessThan(1e-13 * Math.max(1, Math.abs(x)) + 1.01 * step);
    }
    // Optuna's bisection never leaves [−100, 100].
    expect(ndtriExp(-1e6)).toBe(-100);
    expect(ndtriExp(0)).toBe(100);
  });
});
