import { PassThrough } from 'node:stream';
import { main } from '../program.js';

/** What an in-process CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process with captured output (no TTY). */
export async function runCli(argv: readonly string[], options: { cwd: string; env?: Record<string, string | undefined>; signal?: AbortSignal }): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await main(argv, { stdout, stderr, cwd: options.cwd, env: options.env ?? {}, signal: options.signal, selfCommand: ['/usr/bin/node', '/opt/hyperopt/bin.js'] });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
