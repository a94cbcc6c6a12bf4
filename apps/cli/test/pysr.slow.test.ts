import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../src/test-support/temp-dir.js';
import { runCliProcess } from './cli-process.js';

// sr-runner's stand-in `pysr` module (fit/predict/equations_ like PySRRegressor), used through PYTHONPATH
const standin = fileURLToPath(new URL('../../../packages/sr-runner/test/fixtures/pysr-standin', import.meta.url));
const python = '/usr/bin/python3';
const skip = !existsSync(python) ? `no ${python}` : !existsSync(standin) ? `no PySR stand-in at ${standin}` : undefined;

describe.skipIf(skip !== undefined)('a sweep with the pysr backend (stand-in PySR module)', () => {
  it('runs through the PySR bridge with a master and a local worker', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'sweep.yaml'),
      `study: { name: pysr-standin, nTrials: 2, sampler: { type: random, seed: 0 }, pruner: { type: none } }
benchmark: { equations: [I.12.1, I.14.4, I.34.27], runs: 1, rows: 100 }
backend: { name: pysr, python: ${python}, pythonPath: [${JSON.stringify(standin)}], options: { niterations: 5 }, fitTimeLimitSeconds: 60 }
searchSpace:
  parsimony: { type: float, low: 0.0001, high: 0.1, log: true }
execution: { sweepDir: out }
`,
    );
    const run = await runCliProcess(['run', 'sweep.yaml', '--workers', '1', '--progress', 'lines'], { cwd: dir, env: { HYPEROPT_BACKEND_MODULE: '' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Sweep finished: 2 trial(s) finished of 2');
    const rows = JSON.parse((await runCliProcess(['export', 'out', '--format', 'json'], { cwd: dir })).stdout) as { state: string; user_attrs_fits: number; user_attrs_fit_errors: number; user_attrs_equations: string }[];
    expect(rows.map((r) => r.state)).toEqual(['COMPLETE', 'COMPLETE']);
    for (const row of rows) {
      expect(row.user_attrs_fits).toBe(3);
      expect(row.user_attrs_fit_errors).toBe(0);
      const equations = JSON.parse(row.user_attrs_equations) as { id: string; bestExpression: string | null }[];
      expect(equations.map((e) => e.id)).toEqual(['I.12.1', 'I.14.4', 'I.34.27']);
      for (const e of equations) expect(e.bestExpression).not.toBeNull();
    }
  });
});
