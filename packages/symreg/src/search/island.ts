import { simplifyExpression } from '../expression/simplify.js';
import { createRandom, type Random } from '../random.js';
import type { FitContext, Member } from './fit-context.js';
import {
  addNode, countKinds, crossoverTrees, deleteNode, insertNode, mutateConstant, mutateFeature, mutateOperator,
  rotateTree, swapOperands,
} from './mutations.js';
import { randomTreeOfSize } from './random-tree.js';
import type { Expression } from '../expression/expression.js';

/** One population and its birth counter. */
export interface Island {
  members: Member[];
  nextBirth: number;
}

/** Work for one population for one iteration. */
export interface EvolveTask {
  readonly island: Island;
  readonly seed: number;
  readonly curmaxsize: number;
  /** Normalised frequency of each complexity (index = complexity) at the start of the iteration. */
  readonly frequencies: Float64Array;
}

export interface EvolveResult {
  readonly island: Island;
  /** Best member seen at each complexity during the iteration, with its loss on the full data. */
  readonly bestSeen: Member[];
  readonly evaluations: number;
}

const MUTATIONS = [
  'mutateConstant', 'mutateOperator', 'mutateFeature', 'swapOperands', 'rotateTree', 'addNode',
  'insertNode', 'deleteNode', 'simplify', 'randomize', 'doNothing', 'optimize',
] as const;
type Mutation = (typeof MUTATIONS)[number];

function frequencyOf(frequencies: Float64Array, complexity: number): number {
  return frequencies[complexity] ?? 1e-6;
}

const sampleIndex = new Int32Array(1024);
const sampleScore = new Float64Array(1024);
const order: number[] = [];

/** Tournament selection with adaptive parsimony: the k-th best of a random sample wins with probability p(1-p)^k. */
function tournament(ctx: FitContext, rng: Random, members: readonly Member[], frequencies: Float64Array): Member {
  const { tournamentSelectionN, tournamentSelectionP, useFrequencyInTournament, adaptiveParsimonyScaling } = ctx.options;
  const total = Math.min(members.length, sampleIndex.length);
  const n = Math.min(tournamentSelectionN, total);
  for (let i = 0; i < total; i++) sampleIndex[i] = i;
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(total - i);
    const t = sampleIndex[i]!;
    sampleIndex[i] = sampleIndex[j]!;
    sampleIndex[j] = t;
    const m = members[sampleIndex[i]!] as Member;
    const cost = Number.isFinite(m.cost) ? m.cost : Infinity;
    sampleScore[i] = useFrequencyInTournament ? cost * Math.exp(adaptiveParsimonyScaling * frequencyOf(frequencies, m.complexity)) : cost;
  }
  // Rank k wins with probability p(1-p)^k: draw k first, then find the k-th best.
  let k = 0;
  while (k < n - 1 && !(rng.next() < tournamentSelectionP)) k++;
  order.length = 0;
  for (let i = 0; i < n; i++) order.push(i);
  if (k === 0) {
    let best = 0;
    for (let i = 1; i < n; i++) if (sampleScore[i]! < sampleScore[best]!) best = i;
    return members[sampleIndex[best]!] as Member;
  }
  order.sort((a, b) => sampleScore[a]! - sampleScore[b]!);
  return members[sampleIndex[order[k]!]!] as Member;
}

function chooseMutation(ctx: FitContext, rng: Random, tree: Expression, curmaxsize: number): Mutation {
  const o = ctx.options;
  const c = countKinds(tree);
  const size = c.constants + c.variables + c.unary + c.binary;
  const operators = c.unary + c.binary > 0;
  const w: Record<Mutation, number> = {
    mutateConstant: c.constants > 0 ? o.weightMutateConstant : 0,
    mutateOperator: operators ? o.weightMutateOperator : 0,
    mutateFeature: c.variables > 0 && ctx.alphabet.variables.length > 1 ? o.weightMutateFeature : 0,
    swapOperands: c.binary > 0 ? o.weightSwapOperands : 0,
    rotateTree: operators ? o.weightRotateTree : 0,
    addNode: size < curmaxsize ? o.weightAddNode : 0,
    insertNode: size < curmaxsize ? o.weightInsertNode : 0,
    deleteNode: o.weightDeleteNode,
    simplify: o.shouldSimplify ? o.weightSimplify : 0,
    randomize: o.weightRandomize,
    doNothing: o.weightDoNothing,
    optimize: o.shouldOptimizeConstants && c.constants > 0 ? o.weightOptimize : 0,
  };
  let total = 0;
  for (const m of MUTATIONS) total += w[m];
  if (total <= 0) return 'doNothing';
  let r = rng.next() * total;
  for (const m of MUTATIONS) {
    r -= w[m];
    if (r < 0) return m;
  }
  return 'doNothing';
}

function applyMutation(ctx: FitContext, rng: Random, kind: Mutation, tree: Expression, temperature: number, curmaxsize: number): Expression {
  const a = ctx.alphabet;
  switch (kind) {
    case 'mutateConstant':
      return mutateConstant(rng, tree, temperature, ctx.options.perturbationFactor, ctx.options.probabilityNegateConstant);
    case 'mutateOperator':
      return mutateOperator(rng, tree, a);
    case 'mutateFeature':
      return mutateFeature(rng, tree, a);
    case 'swapOperands':
      return swapOperands(rng, tree);
    case 'rotateTree':
      return rotateTree(rng, tree);
    case 'addNode':
      return addNode(rng, tree, a);
    case 'insertNode':
      return insertNode(rng, tree, a);
    case 'deleteNode':
      return deleteNode(rng, tree, a);
    case 'randomize':
      return randomTreeOfSize(rng, 1 + rng.int(curmaxsize), a);
    default:
      return tree;
  }
}

/** Mutates a parent into a child, with PySR's acceptance rule. Returns undefined when rejected. */
function nextGeneration(ctx: FitContext, rng: Random, parent: Member, temperature: number, task: EvolveTask): Member | undefined {
  const kind = chooseMutation(ctx, rng, parent.tree, task.curmaxsize);
  if (kind === 'doNothing') return ctx.member(parent.tree, parent.loss, 0);
  if (kind === 'simplify') {
    const tree = simplifyExpression(parent.tree);
    return ctx.member(tree, parent.loss, 0);
  }
  if (kind === 'optimize') {
    const { tree, loss } = ctx.optimizeConstants(parent.tree, rng);
    return ctx.member(tree, loss, 0);
  }
  let tree: Expression | undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    const candidate = applyMutation(ctx, rng, kind, parent.tree, temperature, task.curmaxsize);
    if (ctx.withinLimits(candidate, task.curmaxsize)) {
      tree = candidate;
      break;
    }
  }
  if (tree === undefined) return undefined;
  const loss = ctx.searchLoss(tree, rng);
  if (!Number.isFinite(loss)) return undefined;
  const child = ctx.member(tree, loss, 0);
  let probability = 1;
  if (ctx.options.annealing) {
    const delta = child.cost - parent.cost;
    probability = Math.exp(-delta / (temperature * ctx.options.alpha));
  }
  if (ctx.options.useFrequency) {
    probability *= frequencyOf(task.frequencies, parent.complexity) / frequencyOf(task.frequencies, child.complexity);
  }
  if (probability < rng.next()) return undefined;
  return child;
}

function replaceOldest(island: Island, child: Member, exclude?: number): number {
  let oldest = -1;
  for (let i = 0; i < island.members.length; i++) {
    if (i === exclude) continue;
    if (oldest < 0 || island.members[i]!.birth < island.members[oldest]!.birth) oldest = i;
  }
  child.birth = island.nextBirth++;
  island.members[oldest] = child;
  return oldest;
}

function recordBest(best: Map<number, Member>, member: Member): void {
  if (!Number.isFinite(member.loss)) return;
  const current = best.get(member.complexity);
  if (current === undefined || member.loss < current.loss) best.set(member.complexity, member);
}

/**
 * One iteration of one population, as SymbolicRegression.jl's `s_r_cycle`: `ncyclesPerIteration`
 * rounds of regularised evolution (tournament → mutate or cross over → replace the oldest),
 * at falling temperature when annealing; then simplify every member and optimise the
 * constants of each with probability `optimizeProbability`.
 */
export function evolveIsland(ctx: FitContext, task: EvolveTask): EvolveResult {
  const rng = createRandom(task.seed);
  const before = ctx.evaluations;
  const island: Island = { members: task.island.members.slice(), nextBirth: task.island.nextBirth };
  const o = ctx.options;
  const best = new Map<number, Member>();
  const ncycles = o.ncyclesPerIteration;
  const rounds = Math.ceil(island.members.length / o.tournamentSelectionN);
  for (let cycle = 0; cycle < ncycles; cycle++) {
    const temperature = o.annealing && ncycles > 1 ? 1 - cycle / (ncycles - 1) : 1;
    for (let round = 0; round < rounds; round++) {
      if (rng.next() > o.crossoverProbability) {
        const parent = tournament(ctx, rng, island.members, task.frequencies);
        const child = nextGeneration(ctx, rng, parent, Math.max(temperature, 1e-6), task);
        if (child === undefined) {
          if (o.skipMutationFailures) continue;
          replaceOldest(island, ctx.member(parent.tree, parent.loss, 0));
          continue;
        }
        replaceOldest(island, child);
        recordBest(best, child);
      } else {
        const p1 = tournament(ctx, rng, island.members, task.frequencies);
        const p2 = tournament(ctx, rng, island.members, task.frequencies);
        let pair: [Expression, Expression] | undefined;
        for (let attempt = 0; attempt < 10; attempt++) {
          const [c1, c2] = crossoverTrees(rng, p1.tree, p2.tree);
          if (ctx.withinLimits(c1, task.curmaxsize) && ctx.withinLimits(c2, task.curmaxsize)) {
            pair = [c1, c2];
            break;
          }
        }
        if (pair === undefined) continue;
        const m1 = ctx.member(pair[0], ctx.searchLoss(pair[0], rng), 0);
        const m2 = ctx.member(pair[1], ctx.searchLoss(pair[1], rng), 0);
        const first = replaceOldest(island, m1);
        replaceOldest(island, m2, first);
        recordBest(best, m1);
        recordBest(best, m2);
      }
    }
  }
  // Simplify and optimise constants, then re-measure every member on the full data.
  island.members = island.members.map((m) => {
    let tree = o.shouldSimplify ? simplifyExpression(m.tree) : m.tree;
    let loss: number;
    if (o.shouldOptimizeConstants && rng.next() < o.optimizeProbability) {
      const optimized = ctx.optimizeConstants(tree, rng);
      tree = optimized.tree;
      loss = o.batching ? ctx.loss(tree) : optimized.loss;
    } else loss = tree === m.tree && !o.batching ? m.loss : ctx.loss(tree);
    const member = ctx.member(tree, loss, m.birth);
    return member;
  });
  const bestSeen = new Map<number, Member>();
  for (const member of best.values()) {
    // Children are recorded as born; simplify them before they can enter the hall of fame.
    const tree = o.shouldSimplify ? simplifyExpression(member.tree) : member.tree;
    recordBest(bestSeen, o.batching || tree !== member.tree ? ctx.member(tree, ctx.loss(tree), 0) : member);
  }
  for (const member of island.members) recordBest(bestSeen, member);
  return { island, bestSeen: [...bestSeen.values()], evaluations: ctx.evaluations - before };
}

/** A fresh population of random trees (PySR grows each from a leaf with 3 appends). */
export function initialIsland(ctx: FitContext, rng: Random, size: number, curmaxsize: number): Island {
  const members: Member[] = [];
  for (let i = 0; i < size; i++) {
    let tree = randomTreeOfSize(rng, Math.min(curmaxsize, 7), ctx.alphabet);
    for (let attempt = 0; attempt < 10 && !ctx.withinLimits(tree, curmaxsize); attempt++) {
      tree = randomTreeOfSize(rng, Math.min(curmaxsize, 7), ctx.alphabet);
    }
    members.push(ctx.member(tree, ctx.searchLoss(tree, rng), i));
  }
  return { members, nextBirth: size };
}
