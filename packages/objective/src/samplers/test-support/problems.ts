import type { Trial } from '../../trial/trial.js';

/** Named reference problems (minimise) with their known optima. */
export interface Problem {
  readonly name: string;
  readonly optimum: number;
  readonly fn: (trial: Trial) => number;
}

export const branin: Problem = {
  name: 'branin',
  optimum: 0.397887,
  fn: (t) => {
    const x1 = t.suggestFloat('x1', -5, 10);
    const x2 = t.suggestFloat('x2', 0, 15);
    const b = 5.1 / (4 * Math.PI ** 2);
    const c = 5 / Math.PI;
    const tt = 1 / (8 * Math.PI);
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - tt) * Math.cos(x1) + 10;
  },
};

export const rosenbrock: Problem = {
  name: 'rosenbrock',
  optimum: 0,
  fn: (t) => {
    const x = Array.from({ length: 5 }, (_, i) => t.suggestFloat(`x${i}`, -5, 10));
    let s = 0;
    for (let i = 0; i < 4; i++) s += 100 * ((x[i + 1] as number) - (x[i] as number) ** 2) ** 2 + (1 - (x[i] as number)) ** 2;
    return s;
  },
};

export const styblinskiTang: Problem = {
  name: 'styblinski_tang',
  optimum: -195.830828,
  fn: (t) => {
    let s = 0;
    for (let i = 0; i < 5; i++) {
      const v = t.suggestFloat(`x${i}`, -5, 5);
      s += v ** 4 - 16 * v ** 2 + 5 * v;
    }
    return 0.5 * s;
  },
};

/** Log-scale float, int, stepped float and a categorical; optimum 0 at lr=0.01, n=11, q=0.35, kind="b". */
export const mixed: Problem = {
  name: 'mixed',
  optimum: 0,
  fn: (t) => {
    const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
    const n = t.suggestInt('n', 1, 32);
    const q = t.suggestFloat('q', 0, 1, { step: 0.05 });
    const kind = t.suggestCategorical('kind', ['a', 'b', 'c', 'd']);
    const penalty = ({ a: 0.6, b: 0, c: 0.3, d: 1 } as Record<string, number>)[kind as string] as number;
    return (Math.log10(lr) + 2) ** 2 + ((n - 11) / 4) ** 2 + 4 * (q - 0.35) ** 2 + penalty;
  },
};

/** 5-d sphere on [-5, 5]: the overhead benchmark's instant objective. */
export const sphere5: Problem = {
  name: 'sphere5',
  optimum: 0,
  fn: (t) => {
    let s = 0;
    for (let i = 0; i < 5; i++) s += t.suggestFloat(`x${i}`, -5, 5) ** 2;
    return s;
  },
};

export const PROBLEMS: readonly Problem[] = [branin, rosenbrock, styblinskiTang, mixed];

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
