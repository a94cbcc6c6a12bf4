import { describe, expect, it } from 'vitest';
import { SymregError } from '../errors.js';
import { resolveOptions, symbolicRegressorOptionsSchema } from './options.js';

describe('symbolic regressor options', () => {
  it("defaults to PySR's hyperparameters", () => {
    const o = resolveOptions({});
    expect(o).toMatchObject({
      binaryOperators: ['+', '-', '*', '/'],
      unaryOperators: [],
      niterations: 100,
      populations: 31,
      populationSize: 27,
      ncyclesPerIteration: 380,
      maxsize: 30,
      parsimony: 0,
      adaptiveParsimonyScaling: 1040,
      alpha: 3.17,
      tournamentSelectionN: 15,
      tournamentSelectionP: 0.982,
      weightAddNode: 2.47,
      weightInsertNode: 0.0112,
      weightDeleteNode: 0.87,
      weightDoNothing: 0.273,
      weightMutateConstant: 0.0346,
      weightMutateOperator: 0.293,
      weightMutateFeature: 0.1,
      weightSwapOperands: 0.198,
      weightRotateTree: 4.26,
      weightRandomize: 0.000502,
      weightSimplify: 0.00209,
      weightOptimize: 0,
      crossoverProbability: 0.0259,
      optimizerNrestarts: 2,
      optimizerIterations: 8,
      optimizeProbability: 0.14,
      perturbationFactor: 0.129,
      batchSize: 50,
      modelSelection: 'best',
      fractionReplaced: 0.00036,
      fractionReplacedHof: 0.0614,
      topn: 12,
    });
    expect(o.procs).toBeGreaterThanOrEqual(1);
  });

  it('accepts PySR operator spellings', () => {
    const o = resolveOptions({ binaryOperators: ['plus', 'mult', 'pow'], unaryOperators: ['exp', 'safe_sqrt', 'arcsin'] });
    expect(o.binaryOperators).toEqual(['+', '*', '^']);
    expect(o.unaryOperators).toEqual(['exp', 'sqrt', 'asin']);
  });

  it('rejects bad hyperparameters naming the field and the value', () => {
    const fail = (input: Record<string, unknown>) => {
      try {
        resolveOptions(input);
      } catch (error) {
        expect(error).toBeInstanceOf(SymregError);
        expect((error as SymregError).code).toBe('SYMREG_INVALID_OPTIONS');
        return (error as SymregError).message;
      }
      throw new Error('accepted');
    };
    expect(fail({ populations: -3 })).toMatch(/`populations`.*got -3/);
    expect(fail({ tournamentSelectionP: 1.5 })).toMatch(/`tournamentSelectionP`.*got 1.5/);
    expect(fail({ niterations: 'ten' })).toMatch(/`niterations`.*got "ten"/);
    expect(fail({ unaryOperators: ['exp', 'frobnicate'] })).toMatch(/`unaryOperators.1`.*frobnicate/);
    expect(fail({ modelSelection: 'fastest' })).toMatch(/`modelSelection`.*"fastest"/);
    expect(fail({ populaton: 3 })).toMatch(/unknown option.*`populaton`/);
  });

  it('is exported as a zod schema', () => {
    expect(symbolicRegressorOptionsSchema.safeParse({ maxsize: 0 }).success).toBe(false);
  });
});
