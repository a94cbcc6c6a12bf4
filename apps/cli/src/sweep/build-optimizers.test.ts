import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load-config.js';
import { buildPruner, buildSampler, gridOf } from './build-optimizers.js';

const space = `searchSpace:
  a: { type: float, low: 0, high: 1, step: 0.25 }
  b: { type: int, low: 1, high: 3 }
  c: { type: categorical, choices: [x, y] }
`;

describe('samplers and pruners from the config', () => {
  it('builds every sampler and pruner type', () => {
    for (const type of ['tpe', 'random', 'cmaes', 'qmc', 'grid', 'nsga2', 'bruteforce']) {
      const sampler = buildSampler(parseConfigText(`study: { sampler: { type: ${type}, seed: 1 } }\n${space}`, type));
      expect(typeof sampler.sampleIndependent).toBe('function');
    }
    for (const type of ['none', 'median', 'successive-halving', 'hyperband', 'wilcoxon']) {
      const pruner = buildPruner(parseConfigText(`study: { pruner: { type: ${type} } }\n${space}`, type));
      expect(typeof pruner.prune).toBe('function');
    }
    expect(typeof buildPruner(parseConfigText(`study: { pruner: { type: percentile, percentile: 25 } }\n${space}`, 'p')).prune).toBe('function');
    expect(typeof buildPruner(parseConfigText(`study: { pruner: { type: patient, patience: 2, wrapped: { nStartupTrials: 3 } } }\n${space}`, 'pp')).prune).toBe('function');
    expect(() => buildPruner(parseConfigText(`study: { pruner: { type: patient } }\n${space}`, 'pp'))).toThrow(/`study.pruner`: .*patience/);
    expect(typeof buildPruner(parseConfigText(`study: { pruner: { type: threshold, lower: 0.5 } }\n${space}`, 't')).prune).toBe('function');
  });

  it('passes options through and reports bad ones as config errors', () => {
    expect(() => buildSampler(parseConfigText(`study: { sampler: { type: tpe, nStartupTrials: -4 } }\n${space}`, 'x'))).toThrow(/study.sampler/);
  });

  it('derives the grid from the search space', () => {
    expect(gridOf(parseConfigText(space, 'g').searchSpace)).toEqual({ a: [0, 0.25, 0.5, 0.75, 1], b: [1, 2, 3], c: ['x', 'y'] });
    expect(() => gridOf(parseConfigText('searchSpace:\n  a: { type: float, low: 0, high: 1 }\n', 'g').searchSpace)).toThrow(/`searchSpace.a`/);
  });
});
