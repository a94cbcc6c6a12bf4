/**
 * BFGS with a backtracking (Armijo) line search, for the few constants of one expression.
 * `f(x, grad)` returns the objective and writes its gradient.
 */
export interface MinimizeResult {
  readonly x: Float64Array;
  readonly fx: number;
  /** Number of calls of `f`. */
  readonly calls: number;
}

export function minimizeBfgs(
  f: (x: Float64Array, grad: Float64Array) => number,
  x0: Float64Array,
  maxIterations: number,
  maxCalls = 10_000,
): MinimizeResult {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let calls = 1;
  if (!Number.isFinite(fx)) return { x, fx: Infinity, calls };
  const H = new Float64Array(n * n);
  const resetH = (scale: number) => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  let gnorm = Math.sqrt(dot(g, g));
  resetH(gnorm > 1 ? 1 / gnorm : 1);
  const p = new Float64Array(n);
  let xn = new Float64Array(n);
  let gn = new Float64Array(n);
  const s = new Float64Array(n);
  const yv = new Float64Array(n);
  const Hy = new Float64Array(n);
  for (let iter = 0; iter < maxIterations && calls < maxCalls; iter++) {
    if (gnorm === 0 || fx === 0) break;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum -= H[i * n + j]! * g[j]!;
      p[i] = sum;
    }
    let slope = dot(p, g);
    if (!(slope < 0)) {
      resetH(gnorm > 1 ? 1 / gnorm : 1);
      for (let i = 0; i < n; i++) p[i] = -H[i * n + i]! * g[i]!;
      slope = dot(p, g);
    }
    let t = 1;
    let fn = Infinity;
    let found = false;
    for (let ls = 0; ls < 30 && calls < maxCalls; ls++) {
      for (let i = 0; i < n; i++) xn[i] = x[i]! + t * p[i]!;
      fn = f(xn, gn);
      calls++;
      if (Number.isFinite(fn) && fn <= fx + 1e-4 * t * slope) {
        found = true;
        break;
      }
      // Minimiser of the quadratic through f(0), f'(0) and f(t), kept within [t/10, t/2].
      const tq = Number.isFinite(fn) ? (-slope * t * t) / (2 * (fn - fx - slope * t)) : t / 10;
      t = Math.min(Math.max(tq, t / 10), t / 2);
    }
    if (!found) break;
    // One secant step on the directional derivative (exact for a quadratic), kept if better.
    const d1 = dot(gn, p);
    if (calls < maxCalls && Math.abs(d1) > 0.1 * Math.abs(slope) && d1 > slope) {
      const t2 = Math.min((t * slope) / (slope - d1), 64 * t);
      for (let i = 0; i < n; i++) s[i] = x[i]! + t2 * p[i]!;
      const f2 = f(s, yv);
      calls++;
      if (Number.isFinite(f2) && f2 < fn) {
        fn = f2;
        xn.set(s);
        gn.set(yv);
      }
    }
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xn[i]! - x[i]!;
      yv[i] = gn[i]! - g[i]!;
      sy += s[i]! * yv[i]!;
      yy += yv[i]! * yv[i]!;
    }
    if (sy > 1e-300) {
      if (iter === 0) resetH(sy / yy);
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += H[i * n + j]! * yv[j]!;
        Hy[i] = sum;
      }
      const yHy = dot(yv, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] = H[i * n + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }
    [x, xn] = [xn, x];
    [g, gn] = [gn, g];
    fx = fn;
    gnorm = Math.sqrt(dot(g, g));
  }
  return { x, fx, calls };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
