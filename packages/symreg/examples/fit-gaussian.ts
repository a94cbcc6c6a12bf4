/**
 * The README example: fit the standard normal density and check exact recovery.
 * Run from the repository root: `node --conditions=source --import tsx packages/symreg/examples/fit-gaussian.ts`.
 */
import { SymbolicRegressor, evaluateExpression, isExactRecovery, parseExpression } from '@hyperopt/symreg';

export async function fitGaussian(seed = 1) {
  const theta = Float64Array.from({ length: 500 }, (_, i) => 1 + (2 * i) / 499);
  const y = evaluateExpression(parseExpression('exp(-theta^2/2)/sqrt(2*pi)'), { theta });

  const model = new SymbolicRegressor({ unaryOperators: ['exp'], procs: 0, batching: true, timeoutInSeconds: 60, earlyStopCondition: 1e-20 });
  const result = await model.fit([theta], y, { variableNames: ['theta'], seed });
  await model.close();
  const exact = isExactRecovery(result.best.expression, 'exp(-theta^2/2)/sqrt(2*pi)', { ranges: { theta: [1, 3] } });
  return { expression: result.best.expression, loss: result.best.loss, stopReason: result.stopReason, exact };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { expression, exact } = await fitGaussian();
  process.stdout.write(`${expression} (exact: ${exact})\n`);
}
