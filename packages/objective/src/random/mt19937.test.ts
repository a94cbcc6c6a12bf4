import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MT19937 } from './mt19937.js';

interface Case {
  seed: number;
  key: number[];
  randomSample: number[];
  afterTwist: number[];
  uniform: number[];
  uniformArray: number[];
  choiceP: number[];
  choice: number[];
  rand: number[];
  randint: number[];
  randintWide: number[];
  normal: number[];
  afterNormal: number[];
  uint32: number[];
}

// Written by test/python/mt19937_reference.py with numpy 1.24 (Debian's python3-numpy).
const reference = JSON.parse(readFileSync(new URL('../../test/fixtures/mt19937-reference.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('MT19937 (numpy legacy RandomState)', () => {
  for (const c of reference.cases) {
    it(`reproduces RandomState(${c.seed}) draw for draw`, () => {
      const rng = new MT19937(c.seed);
      const state = (rng as unknown as { state: Uint32Array }).state;
      expect([state[0], state[1], state[2], state[623]]).toEqual(c.key);
      // Doubles are compared exactly: the same bits, not merely close.
      expect(Array.from({ length: 7 }, () => rng.random())).toEqual(c.randomSample);
      for (let i = 0; i < 300; i++) rng.random();
      expect(Array.from({ length: 4 }, () => rng.random())).toEqual(c.afterTwist);
      expect(Array.from({ length: 5 }, () => rng.uniform(-3.5, 7.25))).toEqual(c.uniform);
      expect([rng.uniform(0, 1), rng.uniform(-1, 3), rng.uniform(2, 2.5)]).toEqual(c.uniformArray);
      expect(Array.from(rng.choice(c.choiceP, 25))).toEqual(c.choice);
      expect(Array.from(rng.rand(3))).toEqual(c.rand);
      expect(Array.from({ length: 12 }, () => rng.integer(3, 17))).toEqual(c.randint);
      expect(Array.from({ length: 6 }, () => rng.integer(0, 999))).toEqual(c.randintWide);
      const normals = Array.from({ length: 5 }, () => rng.normal());
      // The polar method goes through log and sqrt: equal to an ulp or two of libm's.
      normals.forEach((v, i) => expect(Math.abs(v - (c.normal[i] as number))).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(v))));
      // An odd count of normals leaves a spare cached, as numpy does; uniforms are unaffected.
      expect([rng.random(), rng.random()]).toEqual(c.afterNormal);
      expect(Array.from({ length: 4 }, () => rng.nextUint32())).toEqual(c.uint32);
    });
  }

  it('never draws an index of zero probability and follows p', () => {
    const rng = new MT19937(7);
    const p = [0.2, 0, 0.5, 0.3];
    const counts = [0, 0, 0, 0];
    for (const i of rng.choice(p, 40_000)) counts[i] = (counts[i] as number) + 1;
    expect(counts[1]).toBe(0);
    counts.forEach((n, i) => expect(n / 40_000).toBeCloseTo(p[i] as number, 1.7));
  });

  it('restarts the stream on seed() and rejects seeds numpy rejects', () => {
    const rng = new MT19937(3);
    const first = [rng.random(), rng.normal()];
    rng.seed(3);
    expect([rng.random(), rng.normal()]).toEqual(first);
    expect(() => new MT19937(-1)).toThrow(/seed/);
    expect(() => new MT19937(2 ** 32)).toThrow(/seed/);
    expect(() => new MT19937(1.5)).toThrow(/seed/);
    // Without a seed: entropy, so two generators differ.
    expect(new MT19937().random()).not.toBe(new MT19937().random());
  });
});
