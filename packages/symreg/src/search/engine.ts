import { createRandom, type Random } from '../random.js';
import type { FitContext, Member } from './fit-context.js';
import { HallOfFame } from './hall-of-fame.js';
import { evolveIsland, initialIsland, type EvolveResult, type EvolveTask, type Island } from './island.js';
import type { IslandRunner } from './runner.js';

/** Progress of a search, sent after every iteration. */
export interface SearchProgress {
  readonly iteration: number;
  readonly niterations: number;
  /** Lowest loss in the hall of fame. */
  readonly bestLoss: number;
  /** Plain text of the lowest-loss expression. */
  readonly bestExpression: string;
  readonly evaluations: number;
  readonly evaluationsPerSecond: number;
  readonly elapsedMs: number;
  /** Size of the current Pareto front. */
  readonly paretoSize: number;
}

export type StopReason = 'niterations' | 'timeout' | 'maxEvals' | 'earlyStop' | 'aborted';

export interface SearchParams {
  readonly seed: number;
  readonly signal?: AbortSignal | undefined;
  readonly clock: () => number;
  readonly onIteration?: ((hof: HallOfFame, iteration: number, evaluations: number, elapsedMs: number) => void) | undefined;
}

export interface SearchOutcome {
  readonly hallOfFame: HallOfFame;
  readonly iterations: number;
  readonly evaluations: number;
  readonly stopReason: StopReason;
}

/** Knuth's Poisson sampler (small means). */
function poisson(rng: Random, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

const FREQUENCY_WINDOW = 100_000;

/**
 * The outer loop of SymbolicRegression.jl: populations evolve one iteration each (in
 * parallel when the runner has threads), their best members enter the hall of fame,
 * complexity frequencies are updated (adaptive parsimony), then migration between
 * populations and from the hall of fame. Deterministic for a seed whatever the runner:
 * every population's iteration gets its own seed, results are merged in population order.
 */
export async function runSearch(ctx: FitContext, runner: IslandRunner, params: SearchParams): Promise<SearchOutcome> {
  const o = ctx.options;
  const rng = createRandom(params.seed);
  const start = params.clock();
  const hof = new HallOfFame();
  const frequencies = new Float64Array(o.maxsize + 2).fill(1);
  const warmupSize = (iteration: number) =>
    o.warmupMaxsizeBy > 0 && o.niterations > 0
      ? Math.min(o.maxsize, 3 + Math.floor(((o.maxsize - 3) * iteration) / (o.warmupMaxsizeBy * o.niterations)))
      : o.maxsize;

  const islands: Island[] = [];
  for (let p = 0; p < o.populations; p++) islands.push(initialIsland(ctx, rng, o.populationSize, warmupSize(0)));
  const admit = (member: Member) => hof.update(o.batching ? ctx.member(member.tree, ctx.loss(member.tree), 0) : member);
  for (const island of islands) for (const m of island.members) admit(m);

  let evaluations = ctx.evaluations;
  let stopReason: StopReason | undefined;
  const check = (): StopReason | undefined => {
    if (params.signal?.aborted) return 'aborted';
    if (o.timeoutInSeconds !== null && params.clock() - start >= o.timeoutInSeconds * 1000) return 'timeout';
    if (o.maxEvals !== null && evaluations >= o.maxEvals) return 'maxEvals';
    if (o.earlyStopCondition !== null && hof.bestLoss() <= o.earlyStopCondition) return 'earlyStop';
    return undefined;
  };
  let iteration = 0;
  for (; iteration < o.niterations; iteration++) {
    stopReason = check();
    if (stopReason) break;
    const curmaxsize = warmupSize(iteration);
    let total = 0;
    for (const f of frequencies) total += f;
    const normalized = frequencies.map((f) => f / total);
    const tasks: EvolveTask[] = islands.map((island) => ({ island, seed: rng.fork(), curmaxsize, frequencies: normalized }));
    // Results are applied in population order (as soon as all earlier ones are in), not in
    // arrival order, so threads never change the outcome of a seeded search.
    const results = new Array<EvolveResult | undefined>(tasks.length);
    let applied = 0;
    const applyReady = () => {
      for (; applied < results.length && results[applied] !== undefined; applied++) {
        const result = results[applied] as EvolveResult;
        islands[applied] = result.island;
        for (const member of result.bestSeen) hof.update(member);
        for (const member of result.island.members) {
          if (member.complexity < frequencies.length) frequencies[member.complexity]! += 1;
        }
      }
    };
    await runner.evolve(
      tasks,
      (index, result) => {
        results[index] = result;
        evaluations += result.evaluations;
        applyReady();
      },
      () => check() !== undefined,
    );
    // After a stop, populations that did finish beyond a gap are applied too.
    results.forEach((result, index) => {
      if (result === undefined || index < applied) return;
      islands[index] = result.island;
      for (const member of result.bestSeen) hof.update(member);
    });
    const arrived = results.map((r) => r !== undefined);
    let sum = 0;
    for (const f of frequencies) sum += f;
    if (sum > FREQUENCY_WINDOW) for (let i = 0; i < frequencies.length; i++) frequencies[i] = frequencies[i]! * (FREQUENCY_WINDOW / sum);
    if (arrived.some((a) => !a)) {
      stopReason = check() ?? 'aborted';
      iteration++;
      break;
    }
    migrate(ctx, rng, islands, hof);
    params.onIteration?.(hof, iteration + 1, evaluations, params.clock() - start);
  }
  return { hallOfFame: hof, iterations: iteration, evaluations, stopReason: stopReason ?? check() ?? 'niterations' };
}

function migrate(ctx: FitContext, rng: Random, islands: Island[], hof: HallOfFame): void {
  const o = ctx.options;
  const place = (island: Island, migrant: Member) => {
    const at = rng.int(island.members.length);
    island.members[at] = { ...migrant, birth: island.nextBirth++ };
  };
  if (o.migration) {
    const pool = islands.flatMap((island) => island.members.slice().sort((a, b) => a.cost - b.cost).slice(0, o.topn));
    for (const island of islands) {
      const k = poisson(rng, island.members.length * o.fractionReplaced);
      for (let i = 0; i < k; i++) place(island, pool[rng.int(pool.length)] as Member);
    }
  }
  const front = hof.dominating();
  if (o.hofMigration && front.length > 0) {
    for (const island of islands) {
      const k = poisson(rng, island.members.length * o.fractionReplacedHof);
      for (let i = 0; i < k; i++) place(island, front[rng.int(front.length)] as Member);
    }
  }
}

/** Runs populations one after another in the calling thread, yielding to the event loop between them. */
export class InlineRunner implements IslandRunner {
  constructor(private readonly ctx: FitContext) {}

  async evolve(
    tasks: readonly EvolveTask[],
    onResult: (index: number, result: EvolveResult) => void,
    shouldStop: () => boolean,
  ): Promise<void> {
    for (let i = 0; i < tasks.length; i++) {
      if (shouldStop()) return;
      onResult(i, evolveIsland(this.ctx, tasks[i]!));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
