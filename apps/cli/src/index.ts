// The hyperopt command as a library: run it, or use its sweep machinery directly.
export { main, buildProgram, cliVersion } from './program.js';
export { CliError, cliErrorCodes, exitCodes, exitCodeFor, isCliError } from './errors.js';

// The sweep config
export { sweepConfigSchema, studyDirections, objectiveList, metricDirections } from './config/sweep-config-schema.js';
export { sweepConfigJsonSchema } from './config/json-schema.js';
export { loadConfig, parseConfigText, validateConfig } from './config/load-config.js';
export { starterConfig } from './config/starter-config.js';

// Layers 3 and 4
export { runMaster, enqueueBaselines, recoverStaleTrials, countFinished } from './sweep/study-manager.js';
export { runWorker } from './sweep/run-worker.js';
export { buildTrialObjective } from './sweep/trial-objective.js';
export { createSrRunnerBackend } from './sweep/sr-runner-backend.js';
export { fitResultSchema, fitItemSchema } from './sweep/fit-result.js';
export { aggregate, objectiveValues, summarizeEquations } from './sweep/metrics.js';
export { SweepLayout } from './sweep/sweep-layout.js';

// Progress and reports
export { sweepEventSchema, SweepEventBus } from './progress/sweep-events.js';
export { LineRenderer, formatEventLine } from './progress/line-renderer.js';
export { TtyRenderer } from './progress/tty-renderer.js';
export { EventLog, readEventLog } from './progress/event-log.js';
export { renderReportHtml } from './report/render-report.js';
export { buildReportData } from './report/build-report-data.js';
export { paramImportances } from './report/importance/param-importances.js';
export { renderSbatch } from './slurm/render-sbatch.js';

export type { CliIo } from './cli-io.js';
export type { CliErrorCode } from './errors.js';
export type { SweepConfig, SweepConfigInput, ObjectiveSpec, Metric, Aggregation, Direction } from './config/sweep-config-schema.js';
export type { LoadedConfig } from './config/load-config.js';
export type { RunMasterOptions, SweepOutcome } from './sweep/study-manager.js';
export type { RunWorkerOptions } from './sweep/run-worker.js';
export type { TrialObjectiveDeps } from './sweep/trial-objective.js';
export type { SweepBackend, SweepBackendFactory, SweepTrialRunner, BenchmarkEquation, TrialParams } from './sweep/sweep-backend.js';
export type { FitItem, FitResult } from './sweep/fit-result.js';
export type { SweepEvent, SweepEventType, SweepEventSink } from './progress/sweep-events.js';
export type { ReportData, ReportTrial, EquationSummary } from './report/report-data.js';
export type { ParamScale, Observation } from './report/importance/param-importances.js';
export type { SbatchOptions } from './slurm/render-sbatch.js';
