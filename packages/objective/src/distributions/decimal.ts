/**
 * Exact decimal arithmetic on the shortest decimal form of doubles, as Optuna does with
 * `decimal.Decimal(str(x))` when it adjusts a stepped range's upper bound.
 */
interface Scaled {
  readonly units: bigint;
  /** Value = units × 10^-scale. */
  readonly scale: number;
}

function toScaled(x: number): Scaled {
  const [mantissa = '0', exponentText] = String(x).toLowerCase().split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.');
  let digits = BigInt(whole + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: negative ? -digits : digits, scale };
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

function fromScaled(units: bigint, scale: number): number {
  return Number(`${units}e-${scale}`);
}

/**
 * The largest `low + k·step` (k ≥ 0 an integer) not above `high`, computed exactly on
 * the decimal forms of the inputs.
 */
export function adjustSteppedHigh(low: number, high: number, step: number): number {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !Number.isFinite(step)) return high;
  const l = toScaled(low);
  const h = toScaled(high);
  const s = toScaled(step);
  const [hu, lu, scale1] = align(h, l);
  const range = { units: hu - lu, scale: scale1 };
  const [ru, su, scale] = align(range, s);
  if (su <= 0n || ru % su === 0n) return high;
  const k = ru / su;
  const [lowUnits] = align(l, { units: 0n, scale });
  return fromScaled(k * su + lowUnits, scale);
}

/** `high − low < step`, exactly on the decimal forms (Optuna's `single()` for stepped floats). */
export function rangeBelowStep(low: number, high: number, step: number): boolean {
  const [hu, lu, scale1] = align(toScaled(high), toScaled(low));
  const [ru, su] = align({ units: hu - lu, scale: scale1 }, toScaled(step));
  return ru < su;
}
