/**
 * pnpm bench:scale — the load a sweep puts on a shared filesystem's metadata server as
 * the number of workers grows, and how fast a trial reaches every worker.
 *
 * For each N in 8, 32, 128: one master and N workers on one folder, in one process
 * (virtual workers: each is a real DistributedTrialExecutor with its own counted fs layer,
 * running the real master/worker loops and doing real I/O; only the runner is a sleep):
 * 1. warm-up: a trial of N no-op items, so every worker has joined and gone idle;
 * 2. idle: workers back off to the longest poll interval; every metadata operation the
 *    executor's fs layer does (stat, open, readdir, rename, mkdir, unlink, link, chmod) is
 *    counted over a window;
 * 3. running: the master publishes a trial of 4·N items of 200 ms to the idle workers;
 *    time from its publication to each worker's acknowledgement (`trial-joined`), and
 *    operations per second until it completes;
 * 4. shutdown: time from the notice to the last worker's exit.
 *
 * Options (environment): SCALE_N="8,32,128", SCALE_IDLE_MS=12000, SCALE_DIR=<folder on the
 * filesystem to test> (default: a temp folder on local disk), SCALE_POLL_MAX_MS and
 * SCALE_HEARTBEAT_MS (default: the executor's defaults).
 * Prints one JSON object as its last line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The measurement lives in the executor package so that it can import `@hyperopt/executor`
// by name (the workspace root has no dependency on it).
const run = fileURLToPath(new URL('../packages/executor/test/two-host/scale-run.ts', import.meta.url));
const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', run], { stdio: ['ignore', 'pipe', 'inherit'] });
let stdout = '';
child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
const last = stdout.trim().split('\n').at(-1) ?? '';
if (code !== 0 || !last.startsWith('{')) {
  process.stderr.write(`scale-run failed (exit ${String(code)}):\n${stdout}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`${last}\n`);
}
