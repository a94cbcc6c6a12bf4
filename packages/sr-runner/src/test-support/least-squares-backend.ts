import type { FitOutcome, FitRequest, SrBackend } from '../backends/backend.js';
import { SrRunnerError } from '../errors.js';

/**
 * A small, deterministic, real backend for tests: fits `c * form` by least squares
 * over forms made of up to two variables (x, x*y, x/y), optionally taking `delayMs`
 * per fit (cancellable). Not a search engine; just enough to recover easy equations.
 */
export class LeastSquaresBackend implements SrBackend {
  readonly name: string;
  readonly version: string;
  fits = 0;
  readonly #delayMs: number;
  #closed = false;

  constructor(options: { delayMs?: number; name?: string; version?: string } = {}) {
    this.#delayMs = options.delayMs ?? 0;
    this.name = options.name ?? 'least-squares';
    this.version = options.version ?? '1';
  }

  async fit(request: FitRequest): Promise<FitOutcome> {
    if (this.#closed) throw new SrRunnerError('SR_RUNNER_CLOSED', 'closed');
    if (request.signal.aborted) throw new SrRunnerError('SR_RUNNER_ABORTED', 'cancelled before start', { cause: request.signal.reason });
    this.fits += 1;
    if (this.#delayMs > 0) await sleep(Math.min(this.#delayMs, request.timeLimitMs), request.signal);
    if (this.#delayMs > request.timeLimitMs) throw new SrRunnerError('SR_RUNNER_FIT_TIMEOUT', `fit of \`${request.equationId}\` exceeded ${request.timeLimitMs} ms`);
    const names = request.variableNames;
    const forms: Array<{ text: string; size: number; basis: (X: readonly Float64Array[]) => Float64Array }> = [];
    names.forEach((a, i) => {
      forms.push({ text: a, size: 3, basis: (X) => Float64Array.from(X[i] ?? []) });
      names.forEach((b, j) => {
        if (j >= i) forms.push({ text: `${a}*${b}`, size: 5, basis: (X) => (X[i] ?? new Float64Array()).map((v, r) => v * ((X[j] ?? [])[r] ?? NaN)) });
        if (j !== i) forms.push({ text: `${a}/${b}`, size: 5, basis: (X) => (X[i] ?? new Float64Array()).map((v, r) => v / ((X[j] ?? [])[r] ?? NaN)) });
      });
    });
    let best: { text: string; size: number; c: number; loss: number; basis: (X: readonly Float64Array[]) => Float64Array } | undefined;
    const front: Array<{ expression: string; complexity: number; loss: number }> = [];
    for (const form of forms) {
      const basis = form.basis(request.train.X);
      let dot = 0;
      let norm = 0;
      basis.forEach((v, r) => {
        dot += v * (request.train.y[r] ?? 0);
        norm += v * v;
      });
      const c = Number((norm > 0 ? dot / norm : 0).toPrecision(6));
      let loss = 0;
      basis.forEach((v, r) => {
        loss += ((request.train.y[r] ?? 0) - c * v) ** 2;
      });
      loss /= basis.length;
      if (!best || loss < best.loss - 1e-12) {
        best = { ...form, c, loss };
        front.push({ expression: `${c}*${form.text}`, complexity: form.size, loss });
      }
    }
    if (!best) throw new SrRunnerError('SR_RUNNER_FIT_FAILED', 'no variables');
    const chosen = best;
    return {
      expression: `${chosen.c}*${chosen.text}`,
      complexity: chosen.size,
      paretoFront: front,
      trainPred: chosen.basis(request.train.X).map((v) => chosen.c * v),
      testPred: chosen.basis(request.testX).map((v) => chosen.c * v),
      stopReason: 'completed',
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new SrRunnerError('SR_RUNNER_ABORTED', 'cancelled', { cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SrRunnerError('SR_RUNNER_ABORTED', 'cancelled', { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
