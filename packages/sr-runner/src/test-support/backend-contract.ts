import { parseExpression, variablesOf } from '@hyperopt/symreg';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FitRequest, SrBackend } from '../backends/backend.js';
import { isSrRunnerError } from '../errors.js';
import { r2Score } from '../metrics/regression.js';
import { productData } from './columns.js';

/** How a backend under test is made: `slow` asks for fits that take many seconds unless stopped. */
export type BackendFactory = (options: { slow: boolean }) => Promise<SrBackend>;

/** Extra allowance for backends that stop through a separate process. */
export interface ContractOptions {
  /** Time allowed past the fit's limit before the fit must have ended. @default 3000 */
  readonly stopSlackMs?: number;
}

function request(overrides: Partial<FitRequest> = {}): FitRequest {
  const train = productData(120, 11);
  const test = productData(40, 12);
  return {
    equationId: 'contract-a*b',
    variableNames: train.variableNames,
    train: { X: train.X, y: train.y },
    testX: test.X,
    seed: 5,
    timeLimitMs: 60_000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );
}

/**
 * The contract every SR backend meets: the runner relies on exactly these behaviours.
 * Call inside a test file: `testBackendContract('pysr', factory)`.
 */
export function testBackendContract(name: string, factory: BackendFactory, options: ContractOptions = {}): void {
  const slack = options.stopSlackMs ?? 3_000;

  async function make(slow: boolean): Promise<SrBackend> {
    const backend = await factory({ slow });
    onTestFinished(() => backend.close());
    return backend;
  }

  describe(`backend contract: ${name}`, () => {
    it('names itself and its version', async () => {
      const backend = await make(false);
      expect(backend.name).toMatch(/\S/);
      expect(backend.version).toMatch(/\S/);
    });

    it('fits an easy product and returns a parseable expression, a Pareto front and predictions', async () => {
      const backend = await make(false);
      const req = request();
      const outcome = await backend.fit(req);
      const expression = parseExpression(outcome.expression);
      expect(variablesOf(expression).every((v) => req.variableNames.includes(v))).toBe(true);
      expect(Number.isFinite(outcome.complexity)).toBe(true);
      expect(outcome.paretoFront.length).toBeGreaterThan(0);
      expect(outcome.trainPred).toHaveLength(req.train.y.length);
      expect(outcome.testPred).toHaveLength(req.testX[0]?.length ?? 0);
      const test = productData(40, 12);
      expect(r2Score(test.y, Array.from(outcome.testPred, (v) => v ?? NaN))).toBeGreaterThan(0.99);
      expect(outcome.stopReason).toMatch(/\S/);
    });

    it('stops promptly when the signal aborts, with SR_RUNNER_ABORTED', async () => {
      const backend = await make(true);
      const controller = new AbortController();
      const fit = rejection(backend.fit(request({ signal: controller.signal })));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const aborted = performance.now();
      controller.abort(new Error('pruned'));
      const error = await fit;
      expect(performance.now() - aborted).toBeLessThan(slack);
      expect(isSrRunnerError(error, 'SR_RUNNER_ABORTED'), String(error)).toBe(true);
    });

    it('refuses to start with an already aborted signal', async () => {
      const backend = await make(false);
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(backend.fit(request({ signal: controller.signal })));
      expect(isSrRunnerError(error, 'SR_RUNNER_ABORTED'), String(error)).toBe(true);
    });

    it('ends a fit at its time limit (best so far, or SR_RUNNER_FIT_TIMEOUT)', async () => {
      const backend = await make(true);
      const started = performance.now();
      const outcome = await rejection(backend.fit(request({ timeLimitMs: 500 })));
      expect(performance.now() - started).toBeLessThan(500 + slack);
      if (outcome instanceof Error) expect(isSrRunnerError(outcome, 'SR_RUNNER_FIT_TIMEOUT'), String(outcome)).toBe(true);
      else expect((outcome as { resolved: { stopReason: string } }).resolved.stopReason).toBe('time-limit');
    });

    it('can be used again after a cancelled fit', async () => {
      const backend = await make(false);
      const controller = new AbortController();
      controller.abort();
      await rejection(backend.fit(request({ signal: controller.signal })));
      const outcome = await backend.fit(request());
      expect(outcome.testPred).toHaveLength(40);
    });

    it('rejects fits after close, and close is idempotent', async () => {
      const backend = await factory({ slow: false });
      await backend.close();
      await backend.close();
      const error = await rejection(backend.fit(request()));
      expect(isSrRunnerError(error, 'SR_RUNNER_CLOSED'), String(error)).toBe(true);
    });
  });
}
