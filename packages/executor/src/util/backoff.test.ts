import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles up to the maximum while idle and starts over after activity', () => {
    const backoff = new Backoff(10, 100, () => 0.5);
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([10, 20, 40, 80, 100, 100]);
    backoff.reset();
    expect(backoff.next()).toBe(10);
  });

  it('jitters by at most ±10%', () => {
    expect(new Backoff(100, 100, () => 0).next()).toBe(90);
    expect(new Backoff(100, 100, () => 0.999999).next()).toBe(110);
  });
});
