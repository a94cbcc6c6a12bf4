import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SrRunnerError } from '../../errors.js';
import { realTimers, type FitOutcome, type FitRequest, type SrBackend, type Timers } from '../backend.js';
import { toPySRParams } from './hyperparameters.js';
import { PythonProcess } from './python-process.js';

/** Options of the PySR backend. */
export interface PySRBackendOptions {
  /**
   * The Python interpreter that has PySR installed.
   * @default process.env.HYPEROPT_PYTHON ?? '/usr/bin/python3'
   */
  readonly python?: string;
  /** Folders prepended to `PYTHONPATH` for the driver. @default [] */
  readonly pythonPath?: readonly string[];
  /** Extra environment variables for the driver (on top of this process's). @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** The driver's stderr (PySR and Julia output) is appended to this file. @default `<tmpdir>/hyperopt-pysr-<pid>.log` */
  readonly logFile?: string;
  /** Time allowed for Python to import PySR (Julia start-up) and answer. @default 600_000 */
  readonly startupTimeoutMs?: number;
  /**
   * PySR stops a fit itself at the time limit (`timeout_in_seconds`); if it has not
   * answered this long after that, the process is killed and the fit is a timeout.
   * @default 60_000
   */
  readonly timeoutGraceMs?: number;
  /** Hyperparameter names sent to PySR as given, without checking. @default [] */
  readonly passThrough?: readonly string[];
  /** Timer functions. @default the global ones */
  readonly timers?: Timers;
  /** Called when the backend (re)starts Python. */
  readonly onStart?: (info: { pid: number; restart: boolean; pysrVersion: string }) => void;
}

/** Path of the driver script shipped with the package (works from `src/` and `dist/`). */
export const PYSR_DRIVER_PATH = fileURLToPath(new URL('../../../python/driver.py', import.meta.url));

/**
 * Runs fits in a long-lived Python process with one `PySRRegressor`, created once
 * per trial and reused for every fit (Julia's start-up is paid once). A crashed,
 * timed-out or cancelled process is killed with its whole process group and started
 * again (with a fresh regressor) on the next fit.
 */
export class PySRBackend implements SrBackend {
  readonly name = 'pysr';
  readonly version: string;
  readonly #params: Record<string, unknown>;
  readonly #options: PySRBackendOptions;
  readonly #python: string;
  #process: PythonProcess | undefined;
  #closed = false;

  private constructor(process: PythonProcess, params: Record<string, unknown>, options: PySRBackendOptions, python: string) {
    this.#process = process;
    this.#params = params;
    this.#options = options;
    this.#python = python;
    this.version = process.hello.pysrVersion;
  }

  /** Starts Python, imports PySR and creates the regressor for these hyperparameters. */
  static async create(hyperparameters: Readonly<Record<string, unknown>>, options: PySRBackendOptions = {}, signal?: AbortSignal): Promise<PySRBackend> {
    const params = toPySRParams(hyperparameters, options.passThrough);
    const python = options.python ?? process.env['HYPEROPT_PYTHON'] ?? '/usr/bin/python3';
    const child = await startProcess(python, params, options, false, signal);
    return new PySRBackend(child, params, options, python);
  }

  /** Process id of the running driver (undefined between a crash and the next fit). */
  get pid(): number | undefined {
    return this.#process?.alive ? this.#process.pid : undefined;
  }

  async fit(request: FitRequest): Promise<FitOutcome> {
    if (this.#closed) throw new SrRunnerError('SR_RUNNER_CLOSED', 'the PySR backend was closed');
    if (!this.#process?.alive) {
      this.#process = undefined;
      this.#process = await startProcess(this.#python, this.#params, this.#options, true, request.signal);
    }
    const grace = this.#options.timeoutGraceMs ?? 60_000;
    const child = this.#process;
    const reply = await child.request(
      {
        type: 'fit',
        X: request.train.X.map((column) => Array.from(column)),
        y: Array.from(request.train.y),
        Xtest: request.testX.map((column) => Array.from(column)),
        variableNames: request.variableNames,
        seed: request.seed,
        timeoutSeconds: request.timeLimitMs / 1000,
      },
      { timeoutMs: request.timeLimitMs + grace, signal: request.signal, what: `PySR fit of \`${request.equationId}\`` },
    ).catch(async (error: unknown) => {
      // Timeouts, cancellations, crashes and protocol errors leave the process unusable:
      // make sure it is gone (whole group) before reporting, and start afresh next time.
      await child.kill();
      if (this.#process === child) this.#process = undefined;
      throw error;
    });
    if (reply.type === 'error') {
      throw new SrRunnerError('SR_RUNNER_FIT_FAILED', `PySR failed on \`${request.equationId}\`: ${reply.message}`);
    }
    if (reply.type !== 'fit-result') {
      throw new SrRunnerError('SR_RUNNER_PROTOCOL_ERROR', `expected a fit result from the PySR driver, got \`${reply.type}\``);
    }
    return {
      expression: reply.best.expression,
      complexity: reply.best.complexity,
      paretoFront: reply.paretoFront,
      trainPred: reply.trainPred,
      testPred: reply.testPred,
      stopReason: reply.elapsedS * 1000 >= request.timeLimitMs ? 'time-limit' : 'completed',
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#process?.shutdown();
    this.#process = undefined;
  }
}

async function startProcess(python: string, params: Record<string, unknown>, options: PySRBackendOptions, restart: boolean, signal?: AbortSignal): Promise<PythonProcess> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  const extra = options.pythonPath ?? [];
  if (extra.length > 0) env['PYTHONPATH'] = [...extra, ...(env['PYTHONPATH'] ? [env['PYTHONPATH']] : [])].join(':');
  env['PYTHONUNBUFFERED'] = '1';
  const child = await PythonProcess.start(
    {
      python,
      driverPath: PYSR_DRIVER_PATH,
      env,
      logFile: options.logFile ?? join(tmpdir(), `hyperopt-pysr-${process.pid}.log`),
      startupTimeoutMs: options.startupTimeoutMs ?? 600_000,
      timers: options.timers ?? realTimers,
    },
    signal,
  );
  try {
    const reply = await child.request({ type: 'init', params }, { what: 'PySRRegressor creation', timeoutMs: options.startupTimeoutMs ?? 600_000, ...(signal ? { signal } : {}) });
    if (reply.type === 'error') {
      throw new SrRunnerError('SR_RUNNER_INVALID_OPTIONS', `PySRRegressor rejected the hyperparameters ${JSON.stringify(params)}: ${reply.message}`);
    }
  } catch (error) {
    await child.kill();
    throw error;
  }
  options.onStart?.({ pid: child.pid, restart, pysrVersion: child.hello.pysrVersion });
  return child;
}
