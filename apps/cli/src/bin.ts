#!/usr/bin/env node
import { setMaxListeners } from 'node:events';
import { fileURLToPath } from 'node:url';
import { installShutdownSignals } from '@hyperopt/executor';
import { main } from './program.js';

// The one place that touches the real process: signals, streams, argv and the exit code.
// One long-lived shutdown signal is shared by every trial's listeners (AbortSignal.any in the
// packages keeps them until collected): raise Node's default limit of 10 so long sweeps do not warn.
setMaxListeners(1000);
const shutdown = installShutdownSignals();
/** Node flags of this process, with bare `--import` specifiers (e.g. tsx) made absolute so children can start from any directory. */
function portableExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  const absolute = (spec: string) => (/^(\.|\/|file:|data:|node:)/.test(spec) ? spec : import.meta.resolve(spec));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--import' && i + 1 < argv.length) {
      out.push(arg, absolute(argv[i + 1] as string));
      i++;
    } else if (arg.startsWith('--import=')) out.push(`--import=${absolute(arg.slice('--import='.length))}`);
    else out.push(arg);
  }
  return out;
}

const selfCommand = [process.execPath, ...portableExecArgv(process.execArgv), fileURLToPath(import.meta.url)];
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: shutdown.signal,
  receivedSignal: shutdown.received,
  selfCommand,
});
shutdown.dispose();
process.exitCode = code;
