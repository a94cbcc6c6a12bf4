import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SweepConfig } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import type { SweepBackend } from './sweep-backend.js';
import { createSrRunnerBackend } from './sr-runner-backend.js';

/**
 * The SR backend of a sweep: `@hyperopt/sr-runner` with the config's backend (native or
 * pysr). `HYPEROPT_BACKEND_MODULE` may name a module exporting
 * `createSweepBackend(config)` instead (a custom engine, or the tests' fast synthetic one).
 */
export async function loadBackend(config: SweepConfig, env: Readonly<Record<string, string | undefined>>, cwd: string, baseDir: string = cwd): Promise<SweepBackend> {
  const modulePath = env.HYPEROPT_BACKEND_MODULE;
  if (modulePath === undefined || modulePath === '') return createSrRunnerBackend(config, baseDir);
  const url = pathToFileURL(isAbsolute(modulePath) ? modulePath : resolve(cwd, modulePath)).href;
  let mod: { createSweepBackend?: (config: SweepConfig) => SweepBackend | Promise<SweepBackend> };
  try {
    mod = (await import(url)) as typeof mod;
  } catch (error) {
    throw new CliError('CLI_USAGE', `cannot load HYPEROPT_BACKEND_MODULE ${JSON.stringify(modulePath)}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof mod.createSweepBackend !== 'function') throw new CliError('CLI_USAGE', `HYPEROPT_BACKEND_MODULE ${JSON.stringify(modulePath)} does not export a createSweepBackend function`);
  return mod.createSweepBackend(config);
}
