import { DistributedTrialExecutor } from '@hyperopt/executor';
import type { SweepConfig } from '../config/sweep-config-schema.js';
import type { FitItem, FitResult } from './fit-result.js';
import type { TrialParams } from './sweep-backend.js';
import type { SweepLayout } from './sweep-layout.js';

/** The sweep's executor for one process, with the execution settings of the config. */
export function createSweepExecutor(
  config: SweepConfig,
  layout: SweepLayout,
  role: 'master' | 'worker',
  extra: { workerId?: string | undefined; signal?: AbortSignal | undefined } = {},
): DistributedTrialExecutor<TrialParams, FitItem, FitResult> {
  return new DistributedTrialExecutor<TrialParams, FitItem, FitResult>({
    sweepDir: layout.executorDir,
    role,
    subBatchSize: config.execution.subBatchSize,
    heartbeatIntervalMs: config.execution.heartbeatIntervalSeconds * 1000,
    heartbeatTimeoutMs: config.execution.heartbeatTimeoutSeconds * 1000,
    sharing: config.execution.sharing,
    ...(extra.workerId === undefined ? {} : { workerId: extra.workerId }),
    ...(extra.signal === undefined ? {} : { signal: extra.signal }),
  });
}
