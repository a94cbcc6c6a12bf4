import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';

describe('createRng', () => {
  it('replays the same sequence for the same seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 20 }, () => a.random());
    const seqB = Array.from({ length: 20 }, () => b.random());
    const seqC = Array.from({ length: 20 }, () => c.random());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('draws uniform values in [0, 1) with the right mean and integers within bounds', () => {
    const rng = createRng(7);
    let sum = 0;
    const n = 20000;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const u = rng.random();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      const k = rng.integer(-2, 2);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect([...counts.keys()].sort()).toEqual([-1, -2, 0, 1, 2]);
    for (const count of counts.values()) expect(count / n).toBeGreaterThan(0.17);
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const rng = createRng(1);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sq += z * z;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(sq / n).toBeCloseTo(1, 1);
  });
});
