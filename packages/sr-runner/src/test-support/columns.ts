import { seededRandom } from '../data/rng.js';

/** A small dataset y = f(a, b) with a, b uniform in [1, 5], column-major. */
export function productData(rows: number, seed: number, f: (a: number, b: number) => number = (a, b) => a * b) {
  const random = seededRandom(seed);
  const a = Float64Array.from({ length: rows }, () => 1 + 4 * random());
  const b = Float64Array.from({ length: rows }, () => 1 + 4 * random());
  const y = a.map((value, i) => f(value, b[i] as number));
  return { X: [a, b], y, variableNames: ['a', 'b'] };
}
