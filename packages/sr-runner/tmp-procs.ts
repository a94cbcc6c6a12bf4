import { SymbolicRegressor } from '@hyperopt/symreg';
import { productData } from './src/test-support/columns.js';
const d = productData(300, 11);
const r = new SymbolicRegressor({ niterations: 3, populations: 2, populationSize: 20, ncyclesPerIteration: 20, maxsize: 10, procs: 1 } as never);
const t = performance.now();
try {
  const res = await r.fit(d.X, d.y, { variableNames: d.variableNames, seed: 5 });
  console.log('ok', res.best.expression, res.stopReason, (performance.now() - t).toFixed(0));
} catch (e) { console.log('ERR', (e as Error).message.slice(0, 600)); }
await r.close();
console.log('closed');
