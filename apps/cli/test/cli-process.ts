import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI's entry point, run from TypeScript sources. */
export const binPath = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
/** The synthetic backend fixture. */
export const syntheticBackend = fileURLToPath(new URL('./fixtures/synthetic-backend.ts', import.meta.url));
/** node flags that run TypeScript sources through the `source` condition, resolvable from any cwd. */
export const nodeArgs = ['--conditions=source', '--import', import.meta.resolve('tsx')];
/** argv words that start the CLI. */
export const cliCommand = [process.execPath, ...nodeArgs, binPath];

/** A running CLI process with its output so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI as a real process. */
export function startCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): CliProcess {
  const child = spawn(process.execPath, [...nodeArgs, binPath, ...args], {
    cwd: options.cwd,
    env: { ...process.env, HYPEROPT_BACKEND_MODULE: syntheticBackend, HYPEROPT_SYNTH_FIT_MS: '40', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: CliProcess = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout?.on('data', (chunk: Buffer) => (proc.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (proc.stderr += chunk.toString()));
  return proc;
}

/** Runs the CLI to completion. */
export async function runCliProcess(args: readonly string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = startCli(args, options);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), options.timeoutMs ?? 100_000);
  const { code } = await proc.exit;
  clearTimeout(timer);
  return { code, stdout: proc.stdout, stderr: proc.stderr };
}

/** Waits (polling, bounded) until `condition` holds. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 20;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(250, delay * 2);
  }
}
