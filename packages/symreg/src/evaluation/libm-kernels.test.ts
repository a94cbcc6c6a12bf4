import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { expColumn } from './libm-kernels.js';

/** Positions where `expColumn` and Math.exp differ in any bit (NaN payloads aside). */
function mismatches(x: Float64Array): string[] {
  const out = new Float64Array(x.length);
  expColumn(x, out, x.length);
  const bad: string[] = [];
  for (let i = 0; i < x.length && bad.length < 5; i++) {
    if (!Object.is(out[i], Math.exp(x[i]!))) bad.push(`exp(${x[i]}) gave ${out[i]}, Math.exp gives ${Math.exp(x[i]!)}`);
  }
  return bad;
}

describe('expColumn', () => {
  it('equals Math.exp on edge cases', () => {
    const edge = [
      0, -0, NaN, Infinity, -Infinity, 1, -1, 5e-324, -5e-324, 1e-300, 2 ** -28, -(2 ** -28), 2 ** -29, 3e-9, -3e-9,
      0.34657359027997264, 0.3465735912322998, -0.3465735912322998, 1.0397207708399179, 1.0397205352783203, 707.9, 708, -708,
      709.78, 709.79, 710, -745.13, -745.14, -746, 1e308, -1e308,
    ];
    expect(mismatches(Float64Array.from(edge))).toEqual([]);
    // Every integer in range and every multiple of 1/64 in [-50, 50] (round inputs a search produces).
    expect(mismatches(Float64Array.from({ length: 1460 }, (_, i) => i - 750))).toEqual([]);
    expect(mismatches(Float64Array.from({ length: 6401 }, (_, i) => (i - 3200) / 64))).toEqual([]);
  });

  it('equals Math.exp on a million random values over every range it distinguishes', () => {
    const rng = createRandom(5);
    const ranges: [number, number][] = [
      [-1e-6, 1e-6], [-1e-9, 1e-9], [0.3465, 0.3466], [-0.3466, -0.3465], [1.0397, 1.0398], [-3, 3], [-40, 40], [-710, 710], [-800, 800],
    ];
    for (const [lo, hi] of ranges) {
      const x = Float64Array.from({ length: 100_000 }, () => lo + (hi - lo) * rng.next());
      expect(mismatches(x)).toEqual([]);
    }
    // Raw bit patterns: every exponent, NaNs and infinities included.
    const raw = new Float64Array(100_000);
    const bits = new Uint32Array(raw.buffer);
    for (let i = 0; i < bits.length; i++) bits[i] = rng.fork();
    expect(mismatches(raw)).toEqual([]);
  });

  it('works in place', () => {
    const x = Float64Array.from([0.5, -2, 10, NaN]);
    expColumn(x, x, x.length);
    expect([...x]).toEqual([Math.exp(0.5), Math.exp(-2), Math.exp(10), NaN]);
  });
});
