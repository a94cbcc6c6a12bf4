import { ObjectiveError, echo } from '../errors.js';
import { distributionsEqual } from './equality.js';
import type { Distribution } from './index.js';

/**
 * Optuna's rule: within a study a parameter name keeps its distribution kind and its
 * log setting; a categorical keeps exactly its choices. Ranges and steps may change.
 * Throws `OBJECTIVE_INCOMPATIBLE_DISTRIBUTION` naming the parameter otherwise.
 */
export function checkDistributionCompatibility(paramName: string, previous: Distribution, next: Distribution): void {
  if (previous === next) return;
  const fail = (why: string): never => {
    throw new ObjectiveError(
      'OBJECTIVE_INCOMPATIBLE_DISTRIBUTION',
      `parameter ${echo(paramName)}: ${why} (was ${echo(previous)}, got ${echo(next)})`,
    );
  };
  if (previous.kind !== next.kind) fail('cannot change the distribution kind of a parameter within a study');
  if (previous.kind !== 'categorical' && next.kind !== 'categorical' && previous.log !== next.log) {
    fail('cannot change the log setting of a parameter within a study');
  }
  if (previous.kind === 'categorical' && !distributionsEqual(previous, next)) {
    fail('a categorical parameter cannot change its choices within a study');
  }
}

/** Non-throwing form of {@link checkDistributionCompatibility}. */
export function areDistributionsCompatible(previous: Distribution, next: Distribution): boolean {
  try {
    checkDistributionCompatibility('', previous, next);
    return true;
  } catch {
    return false;
  }
}
