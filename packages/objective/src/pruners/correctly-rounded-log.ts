/**
 * Natural logarithm rounded to the nearest double, computed in double-double
 * arithmetic. V8's `Math.log` is sometimes one ulp off (`Math.log(3)` ends in …096
 * where glibc, and so Python, give …098), which changes Optuna's Hyperband bracket
 * count for `maxResource = 243, reductionFactor = 3`; this one agrees with Python.
 */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  if (x === 1) return 0;
  let [m, e] = frexp(x); // x = m · 2^e, m in [0.5, 1)
  if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  // ln m = 2·atanh(s), s = (m − 1) / (m + 1), |s| < 0.172.
  const num: DD = [m - 1, 0]; // exact (Sterbenz)
  const den = twoSum(m, 1);
  const s = ddDiv(num, den);
  const s2 = ddMul(s, s);
  let term = s;
  let sum = s;
  for (let k = 3; k < 200; k += 2) {
    term = ddMul(term, s2);
    const add = ddDivNumber(term, k);
    sum = ddAdd(sum, add);
    if (Math.abs(add[0]) < Math.abs(sum[0]) * 1e-34) break;
  }
  const lnM = ddAdd(sum, sum);
  const eLn2 = ddAdd(twoProd(e, LN2_HI), [e * LN2_LO, 0]);
  const r = ddAdd(eLn2, lnM);
  return r[0] + r[1];
}

type DD = readonly [number, number];

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

function frexp(x: number): [number, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getUint32(0);
  let exponent = (bits >>> 20) & 0x7ff;
  if (exponent === 0) {
    // Subnormal: scale up first.
    const [m, e] = frexp(x * 2 ** 64);
    return [m, e - 64];
  }
  exponent -= 1022;
  view.setUint32(0, (bits & 0x800fffff) | (1022 << 20));
  return [view.getFloat64(0), exponent];
}

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function split(a: number): [number, number] {
  const c = 134217729 * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a[0], b[0]);
  return quickTwoSum(s[0], s[1] + a[1] + b[1]);
}

function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a[0], b[0]);
  return quickTwoSum(p[0], p[1] + a[0] * b[1] + a[1] * b[0]);
}

function ddSub(a: DD, b: DD): DD {
  return ddAdd(a, [-b[0], -b[1]]);
}

function ddDiv(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = ddSub(a, ddMul([q1, 0], b));
  const q2 = r[0] / b[0];
  r = ddSub(r, ddMul([q2, 0], b));
  const q3 = r[0] / b[0];
  return ddAdd(quickTwoSum(q1, q2), [q3, 0]);
}

function ddDivNumber(a: DD, k: number): DD {
  return ddDiv(a, [k, 0]);
}
