import { describe, expect, it } from 'vitest';
import { findFrontier } from './frontier.js';

function claimedUpTo(frontier: number) {
  const probes: number[] = [];
  return { probes, exists: async (n: number) => (probes.push(n), n < frontier) };
}

describe('findFrontier', () => {
  it('finds the first unclaimed chunk from any guess', async () => {
    for (const frontier of [0, 1, 2, 7, 31, 32, 99, 100]) {
      for (const known of [0, Math.floor(frontier / 2), frontier]) {
        for (const guess of [0, known, frontier - 3, frontier, frontier + 5, 200]) {
          const { exists } = claimedUpTo(frontier);
          expect(await findFrontier(exists, known, 100, guess), `frontier ${frontier} known ${known} guess ${guess}`).toBe(Math.min(frontier, 100));
        }
      }
    }
  });

  it('costs two probes when the guess is right, whatever the distance', async () => {
    for (const distance of [4, 16, 128, 1024]) {
      const { probes, exists } = claimedUpTo(5_000 + distance);
      expect(await findFrontier(exists, 5_000, 100_000, 5_000 + distance)).toBe(5_000 + distance);
      expect(probes.length).toBeLessThanOrEqual(2);
    }
  });

  it('costs O(log distance) probes with a bad guess', async () => {
    const { probes, exists } = claimedUpTo(5_000);
    expect(await findFrontier(exists, 0, 100_000, 0)).toBe(5_000);
    expect(probes.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(5_000)) + 2);
  });

  it('returns the end when everything is claimed, without probing past it', async () => {
    const { probes, exists } = claimedUpTo(1_000);
    expect(await findFrontier(exists, 3, 10, 4)).toBe(10);
    expect(probes.every((n) => n < 10)).toBe(true);
  });
});
