import { describe, expect, it } from 'vitest';
import { SymregError } from '../errors.js';
import { isExactRecovery } from '../expression/exact-recovery.js';
import { createRandom } from '../random.js';
import { SymbolicRegressor } from './regressor.js';

function data(seed = 4, n = 200) {
  const rng = createRandom(seed);
  const a = Float64Array.from({ length: n }, () => 1 + 4 * rng.next());
  const b = Float64Array.from({ length: n }, () => 1 + 4 * rng.next());
  const y = a.map((av, i) => 2.5 * av * b[i]!);
  return { X: [a, b], y };
}

const small = { populations: 3, populationSize: 20, ncyclesPerIteration: 30, niterations: 4 } as const;

describe('SymbolicRegressor', () => {
  it('recovers 2.5*a*b on a small search and predicts with it', async () => {
    const { X, y } = data();
    const model = new SymbolicRegressor({ ...small, procs: 0, niterations: 20, earlyStopCondition: 1e-20 });
    const result = await model.fit(X, y, { variableNames: ['a', 'b'], seed: 1 });
    expect(isExactRecovery(result.best.expression, '2.5*a*b', { ranges: { a: [1, 5], b: [1, 5] } })).toBe(true);
    expect(result.best.complexity).toBeLessThanOrEqual(11);
    expect(result.paretoFront.length).toBeGreaterThan(1);
    expect(result.paretoFront.some((e) => e === result.best || e.expression === result.best.expression)).toBe(true);
    const pred = result.predict([Float64Array.of(2), Float64Array.of(3)]);
    expect(pred[0]).toBeCloseTo(15, 8);
    await model.close();
  });

  it('is deterministic for a seed, and the same with worker threads', async () => {
    const { X, y } = data(7);
    const inline = new SymbolicRegressor({ ...small, procs: 0 });
    const r1 = await inline.fit(X, y, { seed: 42 });
    const r2 = await inline.fit(X, y, { seed: 42 });
    expect(r2.paretoFront).toEqual(r1.paretoFront);
    const threaded = new SymbolicRegressor({ ...small, procs: 2 });
    const r3 = await threaded.fit(X, y, { seed: 42 });
    expect(r3.paretoFront).toEqual(r1.paretoFront);
    // Reusable: a second dataset through the same workers.
    const other = data(8);
    const r4 = await threaded.fit(other.X, other.y, { seed: 42 });
    expect(r4.iterations).toBe(small.niterations);
    await threaded.close();
    await expect(threaded.fit(X, y)).rejects.toMatchObject({ code: 'SYMREG_CLOSED' });
  });

  it('stops on abort, timeout and maxEvals with the best found so far', async () => {
    const { X, y } = data(9);
    const model = new SymbolicRegressor({ ...small, procs: 0, niterations: 1000 });
    const controller = new AbortController();
    const aborted = await model.fit(X, y, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.iteration === 2) controller.abort();
      },
    });
    expect(aborted.stopReason).toBe('aborted');
    expect(aborted.iterations).toBe(2);
    expect(aborted.best.expression.length).toBeGreaterThan(0);

    let now = 0;
    const withTimeout = new SymbolicRegressor({ ...small, procs: 0, niterations: 1000, timeoutInSeconds: 5 });
    now = 0;
    const t2 = await withTimeout.fit(X, y, { seed: 1, clock: () => (now += 1000) });
    expect(t2.stopReason).toBe('timeout');
    expect(t2.iterations).toBeLessThan(5);

    const capped = new SymbolicRegressor({ ...small, procs: 0, niterations: 1000, maxEvals: 1000 });
    const r = await capped.fit(X, y, { seed: 1 });
    expect(r.stopReason).toBe('maxEvals');
    expect(r.evaluations).toBeGreaterThanOrEqual(1000);
  });

  it('aborts a threaded fit promptly', async () => {
    const { X, y } = data(10);
    const model = new SymbolicRegressor({ ...small, procs: 2, niterations: 100_000 });
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await model.fit(X, y, {
      seed: 3,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.iteration);
        if (p.iteration === 3) controller.abort();
      },
    });
    expect(result.stopReason).toBe('aborted');
    expect(progress).toEqual([1, 2, 3]);
    await model.close();
  });

  it('runs concurrent fits on one threaded regressor one after another', async () => {
    const a = data(11);
    const b = data(12);
    const model = new SymbolicRegressor({ ...small, procs: 2 });
    const [ra, rb] = await Promise.all([model.fit(a.X, a.y, { seed: 1 }), model.fit(b.X, b.y, { seed: 1 })]);
    const alone = await new SymbolicRegressor({ ...small, procs: 0 }).fit(b.X, b.y, { seed: 1 });
    expect(ra.iterations).toBe(small.niterations);
    expect(rb.paretoFront).toEqual(alone.paretoFront);
    await model.close();
  });

  it('rejects bad data clearly', async () => {
    const model = new SymbolicRegressor({ ...small, procs: 0 });
    const { X, y } = data();
    await expect(model.fit([X[0]!, new Float64Array(3)], y)).rejects.toThrow(/column 1 of X to have 200 rows, got 3/);
    await expect(model.fit(X, y, { variableNames: ['a'] })).rejects.toThrow(/2 variableNames/);
    await expect(model.fit(X, y, { variableNames: ['a', 'pi'] })).rejects.toThrow(/"pi"/);
    const bad = y.slice();
    bad[5] = NaN;
    await expect(model.fit(X, bad)).rejects.toBeInstanceOf(SymregError);
  });
});
