import { spawn, type ChildProcess } from 'node:child_process';

/** Worker processes started by `hyperopt run --workers N` on this machine. */
export class LocalWorkers {
  private readonly children: ChildProcess[] = [];
  private readonly exits: Promise<number | null>[] = [];
  private muted = false;

  /** Starts `count` processes running `hyperopt worker <sweepDir>`. */
  constructor(options: { count: number; selfCommand: readonly string[]; sweepDir: string; env: Readonly<Record<string, string | undefined>>; cwd: string; stderr: NodeJS.WritableStream; idPrefix: string }) {
    const [command, ...prefix] = options.selfCommand;
    if (command === undefined) return;
    for (let i = 0; i < options.count; i++) {
      const child = spawn(command, [...prefix, 'worker', options.sweepDir, '--worker-id', `${options.idPrefix}${i + 1}`, '--progress', 'none'], {
        cwd: options.cwd,
        env: options.env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        if (!this.muted) options.stderr.write(chunk);
      });
      this.children.push(child);
      this.exits.push(new Promise((resolve) => child.once('exit', (code) => resolve(code))));
    }
  }

  /**
   * After the sweep finished: workers that saw the master's shutdown notice exit on their
   * own; one that started too late to see the master running waits for a master, so it is
   * terminated after `graceMs`, quietly.
   */
  async finish(graceMs: number): Promise<void> {
    this.muted = true;
    await this.wait(graceMs);
  }

  /** Sends a signal to every worker still running. */
  signal(name: NodeJS.Signals): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill(name);
  }

  /** Waits for every worker to exit; after `timeoutMs`, terminates those left. Returns their exit codes. */
  async wait(timeoutMs: number): Promise<(number | null)[]> {
    let timer: NodeJS.Timeout | undefined;
    const all = Promise.all(this.exits);
    const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
    clearTimeout(timer);
    if (timedOut) {
      this.signal('SIGTERM');
      const killTimer = setTimeout(() => this.signal('SIGKILL'), 10_000);
      await all;
      clearTimeout(killTimer);
    }
    return all;
  }
}
