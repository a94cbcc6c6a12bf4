/**
 * Entry of a search worker thread: receives a dataset per fit, then evolves populations
 * on request. Runs from the built `.js` or, in development, from the `.ts` sources.
 */
import { parentPort } from 'node:worker_threads';
import { FitContext } from './fit-context.js';
import { evolveIsland } from './island.js';
import { resolveOptions } from './options.js';
import { toWorkerSchema, type FromWorker } from './worker-protocol.js';

const port = parentPort;
let current: { fitId: number; ctx: FitContext } | undefined;

function send(message: FromWorker): void {
  port?.postMessage(message);
}

port?.on('message', (raw: unknown) => {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    send({ type: 'error', taskId: null, message: `malformed message to worker: ${parsed.error.message}` });
    return;
  }
  const message = parsed.data;
  try {
    if (message.type === 'fit') {
      const options = resolveOptions(message.options);
      current = { fitId: message.fitId, ctx: new FitContext(message.columns, message.y, message.variableNames, options) };
      send({ type: 'ready', fitId: message.fitId });
      return;
    }
    if (current === undefined || current.fitId !== message.fitId) {
      send({ type: 'error', taskId: message.taskId, message: `no dataset for fit ${message.fitId}` });
      return;
    }
    const result = evolveIsland(current.ctx, message.task);
    send({ type: 'result', taskId: message.taskId, result });
  } catch (error) {
    send({ type: 'error', taskId: message.type === 'evolve' ? message.taskId : null, message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
