import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { onTestFinished } from 'vitest';

const fixture = fileURLToPath(new URL('../fixtures/participant.ts', import.meta.url));

/** A running fixture process and the JSON lines it printed so far. */
export interface Participant {
  readonly process: ResultPromise<{ env: Record<string, string>; reject: false; buffer: true; lines: true }>;
  readonly lines: () => Array<Record<string, unknown>>;
  readonly final: () => Promise<{ exitCode: number | undefined; signal: string | undefined; final: Record<string, unknown> }>;
}

/** Starts the participant fixture with the given config; killed (SIGKILL) when the test ends if still alive. */
export function startParticipant(config: Record<string, unknown>): Participant {
  const child = execa('node', ['--conditions=source', '--import', 'tsx', fixture], {
    env: { HX_CONFIG: JSON.stringify(config) },
    reject: false,
    buffer: true,
    lines: true,
  } as const);
  const parsed: Array<Record<string, unknown>> = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    let nl;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      try {
        parsed.push({ ...(JSON.parse(line) as Record<string, unknown>), receivedAt: Date.now() });
      } catch {
        // not one of ours
      }
    }
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    process: child as Participant['process'],
    lines: () => parsed,
    final: async () => {
      const result = await child;
      const final = parsed.find((l) => 'final' in l)?.final as Record<string, unknown> | undefined;
      if (final === undefined) throw new Error(`participant ended without a final line (exit ${String(result.exitCode)}, signal ${String(result.signal)}): ${String(result.stderr)}`);
      return { exitCode: result.exitCode, signal: result.signal, final };
    },
  };
}

/** Waits until `condition` holds, checking every 20 ms, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Execution log lines (`done`/`aborted`, trial, id, pid). */
export async function readLog(path: string): Promise<Array<{ kind: string; trial: number; id: string; pid: number }>> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, trial, id, pid] = line.split(' ');
      return { kind: kind ?? '', trial: Number(trial), id: id ?? '', pid: Number(pid) };
    });
}

/** How many times each id was executed to completion in a trial. */
export function executions(log: Awaited<ReturnType<typeof readLog>>, trial: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of log) if (entry.kind === 'done' && entry.trial === trial) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
  return counts;
}
