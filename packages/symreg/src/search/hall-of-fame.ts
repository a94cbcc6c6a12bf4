import { formatExpression } from '../expression/format.js';
import type { Member } from './fit-context.js';

/** One expression of the Pareto front of loss against complexity. */
export interface ParetoEntry {
  /** Plain infix text, re-parsed by `parseExpression`. */
  readonly expression: string;
  /** Text for `sympy.sympify`. */
  readonly sympy: string;
  readonly latex: string;
  readonly complexity: number;
  /** Mean squared error on the training data. */
  readonly loss: number;
  /** PySR's score: −Δlog(loss)/Δcomplexity against the previous entry of the front (0 for the first). */
  readonly score: number;
}

/** The best member seen at each complexity. */
export class HallOfFame {
  private readonly best = new Map<number, Member>();

  update(member: Member): boolean {
    if (!Number.isFinite(member.loss)) return false;
    const current = this.best.get(member.complexity);
    if (current !== undefined && current.loss <= member.loss) return false;
    this.best.set(member.complexity, member);
    return true;
  }

  /** Members that no simpler member beats: the Pareto front, by increasing complexity. */
  dominating(): Member[] {
    const sorted = [...this.best.values()].sort((a, b) => a.complexity - b.complexity);
    const front: Member[] = [];
    for (const member of sorted) {
      const last = front[front.length - 1];
      if (last === undefined || member.loss < last.loss) front.push(member);
    }
    return front;
  }

  get size(): number {
    return this.best.size;
  }

  bestLoss(): number {
    let loss = Infinity;
    for (const m of this.best.values()) loss = Math.min(loss, m.loss);
    return loss;
  }
}

/**
 * Pareto entries with PySR's scores. Losses below `lossFloor` (float64 round-off of an
 * exact fit) count as equal to it, so equivalent exact expressions do not outscore the
 * simplest one by noise.
 */
export function paretoEntries(front: readonly Member[], lossFloor: number): ParetoEntry[] {
  let previous: Member | undefined;
  return front.map((member) => {
    let score = 0;
    if (previous !== undefined) {
      const dl = Math.log(Math.max(member.loss, lossFloor)) - Math.log(Math.max(previous.loss, lossFloor));
      score = Math.max(0, -dl / (member.complexity - previous.complexity));
    }
    previous = member;
    return {
      expression: formatExpression(member.tree, 'plain'),
      sympy: formatExpression(member.tree, 'sympy'),
      latex: formatExpression(member.tree, 'latex'),
      complexity: member.complexity,
      loss: member.loss,
      score,
    };
  });
}

/**
 * PySR's model selection: `accuracy` = lowest loss; `score` = highest score; `best` =
 * highest score among entries with loss at most 1.5× the lowest.
 */
export function selectIndex(entries: readonly ParetoEntry[], mode: 'best' | 'accuracy' | 'score', lossFloor: number): number {
  let chosen = 0;
  if (mode === 'accuracy') {
    entries.forEach((e, i) => {
      if (e.loss < entries[chosen]!.loss) chosen = i;
    });
    return chosen;
  }
  const minLoss = Math.max(Math.min(...entries.map((e) => e.loss)), lossFloor);
  let bestScore = -Infinity;
  entries.forEach((e, i) => {
    if (mode === 'best' && Math.max(e.loss, lossFloor) > 1.5 * minLoss) return;
    if (e.score > bestScore) {
      bestScore = e.score;
      chosen = i;
    }
  });
  return chosen;
}
