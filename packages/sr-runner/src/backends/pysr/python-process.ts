import { readFile } from 'node:fs/promises';
import { execa, type ResultPromise } from 'execa';
import { z } from 'zod';
import { SrRunnerError } from '../../errors.js';
import type { Timers } from '../backend.js';
import { driverMessageSchema, PYSR_PROTOCOL_VERSION, type HelloMessage, type ReplyMessage } from './protocol.js';

/** How to start the driver. */
export interface PythonProcessOptions {
  readonly python: string;
  readonly driverPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The driver's stderr (PySR/Julia output, tracebacks) is appended here. */
  readonly logFile: string;
  readonly startupTimeoutMs: number;
  readonly timers: Timers;
}

interface Pending {
  readonly id: number;
  resolve(reply: ReplyMessage): void;
  reject(error: SrRunnerError): void;
}

/**
 * One running `python driver.py`: started detached as its own process group so that
 * killing it takes down everything it started (Julia workers included). Requests are
 * answered one at a time; a timeout or an abort kills the group.
 */
export class PythonProcess {
  readonly hello: HelloMessage;
  readonly #subprocess: ResultPromise;
  readonly #options: PythonProcessOptions;
  readonly #exited: Promise<void>;
  #exit: { exitCode?: number | undefined; signal?: string | undefined } | undefined;
  #pending: Pending | undefined;
  #nextId = 1;

  private constructor(subprocess: ResultPromise, hello: HelloMessage, exited: Promise<void>, options: PythonProcessOptions) {
    this.#subprocess = subprocess;
    this.hello = hello;
    this.#exited = exited;
    this.#options = options;
  }

  /** Process id of the Python driver (as it reports it: the interpreter, even behind a wrapper). */
  get pid(): number {
    return this.hello.pid;
  }

  /** Process-group id: the process we started (a wrapper script, or Python itself). */
  get groupId(): number | undefined {
    return this.#subprocess.pid;
  }

  /** Whether the driver is still running. */
  get alive(): boolean {
    return this.#exit === undefined;
  }

  /** Starts the driver and waits for its hello (or its report of what is missing). */
  static async start(options: PythonProcessOptions, signal?: AbortSignal): Promise<PythonProcess> {
    const subprocess = execa(options.python, [options.driverPath], {
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: { file: options.logFile, append: true },
      env: options.env,
      extendEnv: false,
      detached: true,
      cleanup: false,
      buffer: false,
      reject: false,
    });
    if (subprocess.pid !== undefined) trackGroup(subprocess.pid);
    // Writing to a driver that just died raises EPIPE on stdin; the exit is reported instead.
    subprocess.stdin?.on('error', () => undefined);
    let instance: PythonProcess | undefined;
    let helloResolve!: (hello: HelloMessage) => void;
    let helloReject!: (error: SrRunnerError) => void;
    const helloPromise = new Promise<HelloMessage>((resolve, reject) => {
      helloResolve = resolve;
      helloReject = reject;
    });
    let buffer = '';
    subprocess.stdout?.setEncoding('utf8');
    subprocess.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line === '') continue;
        const message = parseMessage(line);
        if (message instanceof SrRunnerError) {
          if (instance) instance.#fail(message);
          else helloReject(message);
          killGroup(subprocess.pid);
          continue;
        }
        if (message.type === 'hello') helloResolve(message);
        else if (message.type === 'fatal') helloReject(missingError(options.python, message.missing, message.message));
        else if (instance) instance.#deliver(message);
      }
    });
    const exited = subprocess.then((result) => {
      // Take down anything the driver left behind in its group (e.g. Julia workers).
      killGroup(subprocess.pid);
      if (subprocess.pid !== undefined) untrackGroup(subprocess.pid);
      const exit = { exitCode: result.exitCode, signal: result.signal };
      if (instance) instance.#onExit(exit);
      if ((result as { code?: string }).code === 'ENOENT' || (result.failed && subprocess.pid === undefined)) {
        helloReject(
          new SrRunnerError(
            'SR_RUNNER_PYTHON_MISSING',
            `cannot start the Python interpreter \`${options.python}\` (${(result as { code?: string }).code ?? result.message}): install Python 3 with NumPy (Debian: \`apt-get install python3 python3-numpy\`) or set the PySR backend's \`python\` option to an interpreter that has PySR`,
            { cause: result },
          ),
        );
      } else {
        helloReject(crashError('while starting', exit, options.logFile, result));
      }
    });
    const timer = options.timers.setTimeout(() => {
      helloReject(new SrRunnerError('SR_RUNNER_FIT_TIMEOUT', `the PySR driver (\`${options.python}\`) did not start within ${options.startupTimeoutMs} ms; see ${options.logFile}`));
    }, options.startupTimeoutMs);
    const onAbort = () => helloReject(new SrRunnerError('SR_RUNNER_ABORTED', 'start of the PySR driver was cancelled', { cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const hello = await helloPromise;
      if (hello.protocolVersion !== PYSR_PROTOCOL_VERSION) {
        throw new SrRunnerError('SR_RUNNER_PROTOCOL_ERROR', `driver speaks protocol version ${hello.protocolVersion}, expected ${PYSR_PROTOCOL_VERSION}`);
      }
      instance = new PythonProcess(subprocess, hello, exited, options);
      return instance;
    } catch (error) {
      killGroup(subprocess.pid);
      await exited;
      throw error;
    } finally {
      options.timers.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Sends one request and waits for its reply. On timeout or abort the whole process
   * group is killed (a stuck PySR cannot be interrupted otherwise) and the error says so.
   */
  async request(body: Record<string, unknown>, options: { timeoutMs?: number; signal?: AbortSignal; what: string }): Promise<ReplyMessage> {
    if (!this.alive) throw crashError(options.what, this.#exit ?? {}, this.#options.logFile);
    if (this.#pending) throw new SrRunnerError('SR_RUNNER_PROTOCOL_ERROR', `request \`${options.what}\` sent while another is in flight`);
    if (options.signal?.aborted) throw abortedError(options.what, options.signal.reason);
    const id = this.#nextId++;
    const reply = new Promise<ReplyMessage>((resolve, reject) => {
      this.#pending = { id, resolve, reject };
    });
    const { timers } = this.#options;
    let timer: unknown;
    const onAbort = () => this.#fail(abortedError(options.what, options.signal?.reason), true);
    if (options.timeoutMs !== undefined) {
      const limit = options.timeoutMs;
      timer = timers.setTimeout(() => {
        const error = new SrRunnerError('SR_RUNNER_FIT_TIMEOUT', `${options.what} did not answer within ${limit} ms; the Python process was killed`);
        this.#fail(error, true);
      }, limit);
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.#subprocess.stdin?.write(`${JSON.stringify({ id, ...body })}\n`);
      return await reply;
    } finally {
      if (timer !== undefined) timers.clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      this.#pending = undefined;
    }
  }

  /** Kills the process group and waits for the driver to be gone. */
  async kill(): Promise<void> {
    killGroup(this.groupId);
    await this.#exited;
  }

  /** Asks the driver to exit; kills it if it does not within `graceMs`. */
  async shutdown(graceMs = 5_000): Promise<void> {
    if (!this.alive) return;
    this.request({ type: 'shutdown' }, { what: 'shutdown', timeoutMs: graceMs }).catch(() => undefined);
    this.#subprocess.stdin?.end();
    let timer: unknown;
    const timeout = new Promise<void>((resolve) => {
      timer = this.#options.timers.setTimeout(resolve, graceMs);
    });
    await Promise.race([this.#exited, timeout]);
    this.#options.timers.clearTimeout(timer);
    if (this.alive) await this.kill();
    else killGroup(this.groupId);
  }

  #deliver(message: ReplyMessage): void {
    const pending = this.#pending;
    if (!pending || pending.id !== message.id) {
      this.#fail(new SrRunnerError('SR_RUNNER_PROTOCOL_ERROR', `driver answered request ${message.id}, but ${pending ? `request ${pending.id}` : 'nothing'} was pending`), true);
      return;
    }
    this.#pending = undefined;
    pending.resolve(message);
  }

  #fail(error: SrRunnerError, kill = false): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (kill) killGroup(this.groupId);
    pending?.reject(error);
  }

  #onExit(exit: { exitCode?: number | undefined; signal?: string | undefined }): void {
    this.#exit = exit;
    if (this.#pending) {
      const pending = this.#pending;
      void describeExit(exit, this.#options.logFile).then((detail) => {
        pending.reject(new SrRunnerError('SR_RUNNER_PYTHON_CRASHED', `the PySR driver died during a request (${detail})`));
      });
      this.#pending = undefined;
    }
  }
}

function parseMessage(line: string) {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (cause) {
    return new SrRunnerError('SR_RUNNER_PROTOCOL_ERROR', `the PySR driver printed a line that is not JSON: ${JSON.stringify(line.slice(0, 200))}`, { cause });
  }
  const parsed = driverMessageSchema.safeParse(json);
  if (!parsed.success) {
    return new SrRunnerError('SR_RUNNER_PROTOCOL_ERROR', `unexpected message from the PySR driver ${JSON.stringify(line.slice(0, 200))}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}

function missingError(python: string, missing: string, detail: string): SrRunnerError {
  const install =
    missing === 'numpy'
      ? `install NumPy and PySR for it: \`${python} -m pip install pysr\``
      : `install PySR for it: \`${python} -m pip install pysr\` (PySR installs Julia and SymbolicRegression.jl on first import; run \`${python} -c "import pysr"\` once to finish)`;
  return new SrRunnerError('SR_RUNNER_PYSR_MISSING', `\`import ${missing}\` failed in \`${python}\` (${detail}): ${install}, or point the PySR backend's \`python\` option at an interpreter that has it`);
}

function abortedError(what: string, reason: unknown): SrRunnerError {
  return new SrRunnerError('SR_RUNNER_ABORTED', `${what} was cancelled; the Python process was killed`, { cause: reason });
}

function crashError(what: string, exit: { exitCode?: number | undefined; signal?: string | undefined }, logFile: string, cause?: unknown): SrRunnerError {
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.exitCode ?? 'unknown'}`;
  return new SrRunnerError('SR_RUNNER_PYTHON_CRASHED', `the PySR driver died ${what} (${how}); see ${logFile}`, { cause });
}

async function describeExit(exit: { exitCode?: number | undefined; signal?: string | undefined }, logFile: string): Promise<string> {
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.exitCode ?? 'unknown'}`;
  const log = await readFile(logFile, 'utf8').catch(() => '');
  const tail = log.trim().split('\n').slice(-3).join(' | ');
  return tail ? `${how}; last log lines: ${tail.slice(-400)}; log: ${logFile}` : `${how}; log: ${logFile}`;
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const group of liveGroups) killGroup(group);
    });
  }
}

function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
