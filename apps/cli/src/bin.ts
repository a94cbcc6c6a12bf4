#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { installShutdownSignals } from '@hyperopt/executor';
import { main } from './program.js';

// The one place that touches the real process: signals, streams, argv and the exit code.
const shutdown = installShutdownSignals();
const selfCommand = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url)];
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
