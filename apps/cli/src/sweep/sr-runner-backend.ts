import type { SweepConfig } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import type { SweepBackend } from './sweep-backend.js';

/** The sweep backend over @hyperopt/sr-runner (native or PySR). */
export function createSrRunnerBackend(config: SweepConfig): SweepBackend {
  throw new CliError('CLI_INTERNAL', `the ${config.backend.name} backend needs @hyperopt/sr-runner, which this build does not provide yet`);
}
