import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePython } from '../../src/json/python-json.js';

/** Debian's interpreter, which has python3-optuna (3.1). */
export const PYTHON = '/usr/bin/python3';
export const PYTHON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'python');

/** Whether Python Optuna can be imported here. */
export function hasOptuna(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    return spawnSync(PYTHON, ['-c', 'import optuna'], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
}

/** Runs a script of test/python with Debian's Python; resolves with its stdout. */
export function runPython(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [join(PYTHON_DIR, script), ...args], { env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} failed: ${stderr}`, { cause: error }));
      else resolve(stdout);
    });
  });
}

/** Python's journal dump (see dump_journal.py), parsed with NaN/Infinity support. */
export async function pythonDump(journal: string): Promise<unknown> {
  return parsePython(await runPython('dump_journal.py', [journal]));
}
