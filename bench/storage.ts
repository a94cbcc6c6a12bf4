/**
 * `pnpm bench:storage` — the journal storage of @hyperopt/objective against Python
 * Optuna 3.1 on the same disk, in the same run.
 *
 * - replay_10k_trials_ms: open a 10,000-trial journal (100,001 records) from byte 0 and
 *   list its trials (best of 5). Target: < 1000 ms. Python's figure alongside; CPU
 *   times too, which the load of a shared machine distorts less than wall time.
 * - append_records_per_s_4_procs: 4 Node processes append trial-user-attr records to one
 *   journal at once (each a locked, fsynced append followed by a replay, as
 *   JournalStorage.set_trial_user_attr does), records / wall time from a common start.
 * - optuna_append_records_per_s_4_procs: the same with 4 Python Optuna processes.
 *   Rounds alternate Node / Python; the median of the rounds is reported.
 *
 * Env: BENCH_STORAGE_TRIALS (10000), BENCH_STORAGE_APPENDS (per process, 200),
 * BENCH_STORAGE_ROUNDS (5), BENCH_STORAGE_DIR (a temp dir in os.tmpdir()).
 * The last line printed is one JSON object.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('../packages/objective/test/fixtures/bench-storage.ts', import.meta.url));
const pyWorker = fileURLToPath(new URL('../packages/objective/test/python/bench_storage.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const nTrials = Number(process.env.BENCH_STORAGE_TRIALS ?? 10_000);
const appends = Number(process.env.BENCH_STORAGE_APPENDS ?? 200);
const rounds = Number(process.env.BENCH_STORAGE_ROUNDS ?? 5);
const PROCS = 4;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr}`, { cause: error })) : resolve(stdout),
    );
  });
}

const node = (args: string[]) => run(process.execPath, ['--conditions=source', '--import', 'tsx', worker, ...args]);
const python = (args: string[]) => run(PYTHON, [pyWorker, ...args]);
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function appendRound(dir: string, label: string, spawnOne: (args: string[]) => Promise<string>): Promise<number> {
  const path = join(dir, `${label}.log`);
  await node(['init', path, 'bench']);
  const startAt = Date.now() + 4000; // every process has loaded by then
  const outs = await Promise.all(Array.from({ length: PROCS }, () => spawnOne(['append', path, 'bench', String(appends), String(startAt)])));
  const results = outs.map(lastJson);
  const start = Math.min(...results.map((r) => r.start as number));
  const end = Math.max(...results.map((r) => r.end as number));
  const records = results.reduce((sum, r) => sum + (r.records as number), 0);
  return records / ((end - start) / 1000);
}

const dir = process.env.BENCH_STORAGE_DIR ?? mkdtempSync(join(tmpdir(), 'bench-storage-'));
try {
  const journal = join(dir, 'replay.log');
  await node(['generate', journal, String(nTrials)]);
  const replay = lastJson(await node(['replay', journal, '5']));
  const pyReplay = lastJson(await python(['replay', journal, '1']));
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(await appendRound(dir, `node-${round}`, node));
    theirs.push(await appendRound(dir, `python-${round}`, python));
    process.stderr.write(`round ${round}: node ${ours.at(-1)?.toFixed(0)} rec/s, python ${theirs.at(-1)?.toFixed(0)} rec/s\n`);
  }
  const result = {
    replay_10k_trials_ms: Math.round(replay.best_ms as number),
    replay_trials: replay.trials,
    replay_journal_bytes: statSync(journal).size,
    replay_10k_trials_cpu_ms: Math.round(replay.best_cpu_ms as number),
    optuna_replay_10k_trials_ms: Math.round(pyReplay.best_ms as number),
    optuna_replay_10k_trials_cpu_ms: Math.round(pyReplay.best_cpu_ms as number),
    load_average_1m: Number(loadavg()[0]?.toFixed(1)),
    append_records_per_s_4_procs: Math.round(median(ours)),
    optuna_append_records_per_s_4_procs: Math.round(median(theirs)),
    append_ratio: Number((median(ours) / median(theirs)).toFixed(2)),
    append_rounds: { node: ours.map(Math.round), python: theirs.map(Math.round) },
    records_per_process: appends,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  if (!process.env.BENCH_STORAGE_DIR) rmSync(dir, { recursive: true, force: true });
}
