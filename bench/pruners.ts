/**
 * pnpm bench:pruners — cost of `trial.shouldPrune()` in a large study, ours vs Python
 * Optuna 3.1 on the same study, in the same run (run one after the other, not at once).
 *
 * The study: N_TRIALS (2000) complete trials whose intermediate values are
 * i + 1/(s + 1) at steps 0..N_STEPS-1 (100), in memory; then one running trial reports
 * 1000 + sin(s) at every step and asks shouldPrune after each report. Best of REPEATS
 * (3), milliseconds per call. Our side: packages/objective/src/pruners/test-support/
 * bench-runner.ts; Python's: packages/objective/test/python/pruner-bench.py (left out
 * when /usr/bin/python3 has no optuna). WilcoxonPruner is ours only (Optuna 3.1 lacks it).
 * `optuna_over_ours` > 1 means we are faster. Prints one JSON object as its last line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const N_TRIALS = Number(process.env.N_TRIALS ?? 2000);
const N_STEPS = Number(process.env.N_STEPS ?? 100);
const REPEATS = Number(process.env.REPEATS ?? 3);
const PYTHON = '/usr/bin/python3';
const runner = fileURLToPath(new URL('../packages/objective/src/pruners/test-support/bench-runner.ts', import.meta.url));
const pyScript = fileURLToPath(new URL('../packages/objective/test/python/pruner-bench.py', import.meta.url));
const args = [String(N_TRIALS), String(N_STEPS), String(REPEATS)];

function lastJsonLine(out: string): Record<string, number> {
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, number>;
}

const ours = lastJsonLine(
  execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', runner, ...args], { encoding: 'utf8' }),
);
let optuna: Record<string, number> | null = null;
if (existsSync(PYTHON)) {
  try {
    optuna = lastJsonLine(execFileSync(PYTHON, [pyScript, ...args], { encoding: 'utf8' }));
  } catch {
    optuna = null;
  }
}
const ratio: Record<string, number> = {};
for (const [name, ms] of Object.entries(optuna ?? {})) {
  const mine = ours[name];
  if (mine !== undefined && mine > 0) ratio[name] = Number((ms / mine).toFixed(2));
}
console.log(
  JSON.stringify({ n_trials: N_TRIALS, n_steps: N_STEPS, should_prune_ms: ours, optuna_should_prune_ms: optuna, optuna_over_ours: ratio }),
);
