import { describe, expect, it } from 'vitest';
import { toPySRParams, toSnakeCase } from './hyperparameters.js';

describe('PySR hyperparameter names', () => {
  it('maps camelCase names to PySR keywords', () => {
    expect(toSnakeCase('populationSize')).toBe('population_size');
    expect(toSnakeCase('tournamentSelectionN')).toBe('tournament_selection_n');
    expect(toSnakeCase('ncyclesPerIteration')).toBe('ncycles_per_iteration');
    expect(toSnakeCase('fractionReplacedHof')).toBe('fraction_replaced_hof');
    expect(
      toPySRParams({ populations: 8, populationSize: 30, niterations: 5, parsimony: 0.001, maxsize: 20, binaryOperators: ['+', '*'], unaryOperators: ['cos'], weightMutateConstant: 0.1 }),
    ).toEqual({ populations: 8, population_size: 30, niterations: 5, parsimony: 0.001, maxsize: 20, binary_operators: ['+', '*'], unary_operators: ['cos'], weight_mutate_constant: 0.1 });
  });

  it('rejects unknown names, naming them, unless passed through', () => {
    expect(() => toPySRParams({ populationSise: 3 })).toThrow(/`populationSise` \(PySR keyword `population_sise`\).*got value 3/);
    expect(toPySRParams({ brand_new_option: true }, ['brand_new_option'])).toEqual({ brand_new_option: true });
  });

  it('leaves seeding and time limits to the driver', () => {
    expect(toPySRParams({ randomState: 3, timeoutInSeconds: 9, niterations: 2 })).toEqual({ niterations: 2 });
  });
});
