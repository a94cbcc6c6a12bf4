export { DistributedTrialExecutor } from './distributed-trial-executor.js';
export { ExecutorError, executorErrorCodes, isExecutorError } from './errors.js';
export { metadataOperations } from './fs/metadata-counter.js';
export { PROTOCOL_VERSION } from './protocol/version.js';
export { roleFromSlurmEnv } from './slurm.js';
export { installShutdownSignals, shutdownSignals } from './signals.js';
export { systemClock } from './util/clock.js';

export type { RunWorkerOptions, WorkerResult } from './distributed-trial-executor.js';
export type { ExecutorErrorCode } from './errors.js';
export type { ExecutorEventName, ExecutorEvents, ExecutorListener } from './events.js';
export type { MetadataCounts, MetadataOperation } from './fs/metadata-counter.js';
export type { ExecutorOptions } from './options.js';
export type { RunTrialOptions, TrialOutcome, TrialProgress } from './roles/master.js';
export type { WorkerOutcome } from './roles/worker.js';
export type { ItemOutcome, ItemResult, RunContext, RunnerFactory, TrialRunner, WorkItem } from './runner.js';
export type { ShutdownSignalHandle, ShutdownSignalName } from './signals.js';
export type { SlurmRole } from './slurm.js';
export type { Clock, Rng } from './util/clock.js';
