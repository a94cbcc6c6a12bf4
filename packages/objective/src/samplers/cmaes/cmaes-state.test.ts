import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../frozen-trial.js';
import { createRng } from '../../random/rng.js';
import { Cma } from './cma.js';
import { CMAES_STATE_ATTR, CMAES_STATE_CHUNK_LENGTH, CMAES_STATE_CHUNKS_ATTR, decodeCmaEsState, encodeCmaEsState, type CmaEsState } from './cmaes-state.js';

function stateOf(cma: Cma, names: string[]): CmaEsState {
  return { format: 'hyperopt-cmaes', version: 1, paramNames: names, restartStrategy: 'ipop', nRestarts: 2, runSeed: 4294967295, optimizer: cma.snapshot() };
}

describe('CMA-ES state attributes', () => {
  it('round-trips a 30-d optimizer exactly through several chunks, non-finite values included', () => {
    const n = 30;
    const cma = new Cma({ mean: new Float64Array(n).fill(0.5), sigma: 0.2, bounds: Array.from({ length: n }, () => [0, 1] as const), rng: createRng(1) });
    for (let g = 0; g < 3; g++) {
      const sols = Array.from({ length: cma.populationSize }, (_, k) => {
        const x = cma.ask();
        return { x, value: k === 0 && g === 2 ? -Infinity : x.reduce((s, v) => s + (v - 0.3) ** 2, 0) };
      });
      cma.tell(sols);
    }
    const state = stateOf(cma, Array.from({ length: n }, (_, i) => `p${i}`));
    expect(state.optimizer.lastValues[0]).toBe(-Infinity);
    const attrs = encodeCmaEsState(state);
    const chunks = attrs[CMAES_STATE_CHUNKS_ATTR] as number;
    expect(chunks).toBeGreaterThan(5);
    for (let i = 0; i < chunks; i++) expect((attrs[`${CMAES_STATE_ATTR}:${i}`] as string).length).toBeLessThanOrEqual(CMAES_STATE_CHUNK_LENGTH);
    const decoded = decodeCmaEsState(attrs);
    expect(decoded).toEqual({ kind: 'ok', state });
    // The rebuilt optimizer draws and updates exactly as the original.
    const copy = Cma.fromSnapshot(state.optimizer, createRng(0));
    expect(copy.snapshot()).toEqual(cma.snapshot());
    const xs = [cma.ask(createRng(7)), copy.ask(createRng(7))];
    expect(xs[0]).toEqual(xs[1]);
  });

  it('reports, never throws, on every kind of damage', () => {
    const cma = new Cma({ mean: Float64Array.of(0.5, 0.5), sigma: 0.3, rng: createRng(2) });
    const good = encodeCmaEsState(stateOf(cma, ['a', 'b']));
    const cases: Record<string, JsonValue>[] = [
      { ...good, [CMAES_STATE_CHUNKS_ATTR]: 'x' },
      { ...good, [CMAES_STATE_CHUNKS_ATTR]: 2 },
      { ...good, [`${CMAES_STATE_ATTR}:0`]: 42 },
      { ...good, [`${CMAES_STATE_ATTR}:0`]: '[1,2' },
      { [`${CMAES_STATE_ATTR}:0`]: JSON.stringify({ format: 'hyperopt-cmaes', version: 2 }), [CMAES_STATE_CHUNKS_ATTR]: 1 },
      { [`${CMAES_STATE_ATTR}:0`]: JSON.stringify({ ...stateOf(cma, ['a']) }), [CMAES_STATE_CHUNKS_ATTR]: 1 },
      { [`${CMAES_STATE_ATTR}:0`]: JSON.stringify({ ...stateOf(cma, ['a', 'b']), optimizer: { ...cma.snapshot(), C: [1, 0, 0] } }), [CMAES_STATE_CHUNKS_ATTR]: 1 },
    ];
    const reasons = cases.map((attrs) => {
      const d = decodeCmaEsState(attrs);
      expect(d.kind).toBe('invalid');
      return d.kind === 'invalid' ? d.reason : '';
    });
    expect(reasons[0]).toMatch(/chunks.*"x"/);
    expect(reasons[1]).toMatch(/:1`.*chunk 2 of 2.*undefined/);
    expect(reasons[3]).toMatch(/not JSON/);
    expect(reasons[4]).toMatch(/version/);
    expect(reasons[5]).toMatch(/paramNames/);
    expect(reasons[6]).toMatch(/optimizer\.C: expected 4 entries/);
    expect(decodeCmaEsState({ 'cma:optimizer:0': 'abcd' })).toEqual({ kind: 'absent' });
  });
});
