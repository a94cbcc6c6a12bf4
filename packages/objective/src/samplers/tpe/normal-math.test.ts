import { describe, expect, it } from 'vitest';
import { erf, erfcx, logGaussMass, logNdtr, normalTail, truncNormPpf } from './normal-math.js';

// Reference values from SciPy 1.10 (scipy.special.erfcx / log_ndtr, Optuna's _truncnorm).
describe('normal math', () => {
  it('erfcx matches SciPy across the series/continued-fraction switch', () => {
    const cases: [number, number][] = [
      [0, 1],
      [0.5, 0.6156903441929258],
      [2.9, 0.1846018259555908],
      [3.1, 0.17371840860540827],
      [10, 0.05614099274382259],
      [30, 0.018795888861416751],
    ];
    for (const [x, ref] of cases) expect(erfcx(x)).toBeCloseTo(ref, 10);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erf(-1.5)).toBeCloseTo(-0.9661051464753108, 14);
  });

  it('erfcx keeps double precision from the series/continued-fraction switch on', () => {
    const deep = (x: number): number => {
      let tail = 0;
      for (let k = 400; k >= 1; k--) tail = k / 2 / (x + tail);
      return 1 / Math.sqrt(Math.PI) / (x + tail);
    };
    for (let x = 1.5; x < 60; x += 0.01 + x / 50) expect(Math.abs(erfcx(x) / deep(x) - 1), `x = ${x}`).toBeLessThan(1e-15);
  });

  it('the tabulated normal tail agrees with erfc from erfcx to 5e-14 relative and 1e-15 absolute over its whole range', () => {
    let worst = 0;
    let worstAbsolute = 0;
    // Odd steps land anywhere between table entries, and on them (t = 0, 8.5).
    for (let t = 0; t <= 8.5; t += 0.000731 + t / 4000) {
      const y = t / Math.SQRT2;
      const ref = 0.5 * Math.exp(-y * y) * erfcx(y);
      worst = Math.max(worst, Math.abs(normalTail(t) / ref - 1));
      worstAbsolute = Math.max(worstAbsolute, Math.abs(normalTail(t) - ref));
    }
    // Measured 2.4e-14 and 6e-16, near t = 2 where the reference's own 1 − erf loses digits.
    expect(worst).toBeLessThan(5e-14);
    expect(worstAbsolute).toBeLessThan(1e-15);
    expect(normalTail(8.5)).toBeCloseTo(0.5 * Math.exp(-8.5 * 8.5 / 2) * erfcx(8.5 / Math.SQRT2), 25);
  });

  it('log Φ stays accurate deep in both tails', () => {
    expect(logNdtr(-40)).toBeCloseTo(-804.6084420137538, 9);
    expect(logNdtr(-10)).toBeCloseTo(-53.23128515051247, 11);
    expect(logNdtr(0)).toBeCloseTo(Math.log(0.5), 14);
    expect(logNdtr(7) / -1.279812543885835e-12).toBeCloseTo(1, 10);
  });

  it('log mass of an interval has no cancellation in the tails', () => {
    expect(logGaussMass(-1, 1)).toBeCloseTo(Math.log(0.6826894921370859), 14);
    expect(logGaussMass(-40, -39)).toBeCloseTo(logGaussMass(39, 40), 9);
    expect(logGaussMass(2, 3)).toBeCloseTo(Math.log(0.021400233916549105), 13);
  });

  it('log mass of an interval around 0 agrees with its definition from erfcx, short series and log1p alike', () => {
    const tail = (t: number): number => 0.5 * Math.exp(-(t * t) / 2) * erfcx(t / Math.SQRT2);
    let worst = 0;
    let series = 0;
    // Both tails from negligible to 0.5; the series covers tails summing under 1/8192.
    for (let a = -9; a < 0; a += 0.0137) {
      for (const width of [0.5, 3, 7.3, 10.75, 14]) {
        const b = a + width;
        if (b <= 0) continue;
        const e = (a < -8.5 ? 0 : tail(-a)) + (b > 8.5 ? 0 : tail(b));
        if (e < 1 / 8192) series++;
        worst = Math.max(worst, Math.abs(logGaussMass(a, b) - Math.log1p(-e)));
      }
    }
    expect(series).toBeGreaterThan(100);
    expect(worst).toBeLessThan(2e-15);
  });

  it('truncated-normal inverse CDF lands in its interval and inverts the CDF', () => {
    for (const [a, b] of [[-1, 1], [-40, -39], [39, 40], [-2, 5], [-Infinity, Infinity]] as const) {
      for (const u of [0.001, 0.3, 0.5, 0.9, 0.999]) {
        const x = truncNormPpf(u, a, b);
        expect(x).toBeGreaterThanOrEqual(a);
        expect(x).toBeLessThanOrEqual(b);
        if (a < 0) {
          // CDF of the truncated normal at x equals u.
          const cdf = Math.exp(logGaussMass(a, x) - logGaussMass(a, b));
          expect(cdf).toBeCloseTo(u, 9);
        }
      }
    }
    expect(truncNormPpf(0.01, -Infinity, Infinity)).toBeCloseTo(-2.3263478740408408, 10);
  });
});

describe('expNonPositive', () => {
  it('matches Math.exp to 1e-15 relative down to the subnormals, then to the last subnormal, and underflows to 0', async () => {
    const { expNonPositive } = await import('./normal-math.js');
    for (let i = 0; i <= 200000; i++) {
      const y = -i * 0.00354;
      if (y >= -708) expect(Math.abs(expNonPositive(y) / Math.exp(y) - 1), `y = ${y}`).toBeLessThan(1e-15);
      else expect(Math.abs(expNonPositive(y) - Math.exp(y)), `y = ${y}`).toBeLessThanOrEqual(1e-323);
    }
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-800)).toBe(0);
  });
});

describe('constants written as literals in hot code', () => {
  it('the untruncated peak height shortcut fires exactly for −log √(2π) and gives 1/√(2π)', async () => {
    const { LOG_SQRT_2PI } = await import('./normal-math.js');
    const { peakHeight } = await import('./parzen-kernels.js');
    expect(peakHeight(-LOG_SQRT_2PI)).toBe(Math.exp(-LOG_SQRT_2PI));
    expect(peakHeight(-LOG_SQRT_2PI - 1e-3)).toBe(Math.exp(-LOG_SQRT_2PI - 1e-3));
  });

  it('the normal tail and log inner mass agree with erfcx at the table ends and inside', async () => {
    const { logInnerMass } = await import('./normal-math.js');
    const q = (t: number) => 0.5 * Math.exp(-t * t / 2) * erfcx(t / Math.SQRT2);
    for (const [s, t] of [[0.3, 5], [2, 2], [8.5, 1], [9, 0.01], [1 / 512, 8.49]] as const) {
      const e = q(s) * (s > 8.5 ? 0 : 1) + q(t) * (t > 8.5 ? 0 : 1);
      expect(Math.abs(logInnerMass(s, t) - Math.log1p(-e)), `${s}, ${t}`).toBeLessThan(1e-15 + 3e-14 * e);
    }
  });
});
