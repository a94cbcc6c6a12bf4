/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted by SIGINT/SIGTERM/SIGUSR1/SIGUSR2 when running as the real process. */
  readonly signal?: AbortSignal | undefined;
  /** argv words that start this same CLI (for generated scripts and local worker processes). */
  readonly selfCommand: readonly string[];
  /** The signal that aborted `signal`, if any. */
  readonly receivedSignal?: () => string | undefined;
}

/** Writes a line to a stream. */
export function writeLine(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
