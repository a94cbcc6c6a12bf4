/**
 * Finds the claiming frontier: the first chunk number `f` ≥ `known` whose claim file does
 * not exist. Claim files are only ever created at the frontier (a process creates chunk
 * `f` only after seeing `f − 1` exist), so the existing numbers always form a prefix and
 * the frontier can be searched instead of walked: start from `guess` (where the caller
 * expects it, from how far it moved last time), gallop up or down, then bisect. With a
 * good guess this costs two or three `stat`s, however many processes claim; at worst
 * O(log distance).
 *
 * @param exists   whether chunk `n` is claimed (one `stat`)
 * @param known    every chunk below it is known to be claimed
 * @param end      number of chunks (treated as "not claimed": the search never passes it)
 * @param guess    where the frontier probably is
 */
export async function findFrontier(exists: (n: number) => Promise<boolean>, known: number, end: number, guess: number): Promise<number> {
  if (known >= end) return end;
  const at = async (n: number) => n < end && (await exists(n));
  let low = known - 1; // highest number known claimed (known - 1 may be -1: "none")
  let high = end; // lowest number known not claimed
  let probe = Math.min(Math.max(guess, known), end - 1);
  if (await at(probe)) {
    low = probe;
    for (let step = 1; low + step < high; step *= 2) {
      if (await at(low + step)) low += step;
      else {
        high = low + step;
        break;
      }
    }
  } else {
    high = probe;
    for (let step = 1; high - step > low; step *= 2) {
      probe = high - step;
      if (await at(probe)) {
        low = probe;
        break;
      }
      high = probe;
    }
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await at(mid)) low = mid;
    else high = mid;
  }
  return high;
}
