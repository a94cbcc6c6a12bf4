import * as objective from '@hyperopt/objective';
import type { BaseStorage } from '@hyperopt/objective';
import { CliError } from '../errors.js';

/** Opens the study journal (Optuna's JournalFileStorage format). */
export function openJournalStorage(path: string): BaseStorage {
  const Journal = (objective as unknown as Record<string, unknown>).JournalFileStorage as (new (path: string) => BaseStorage) | undefined;
  if (typeof Journal !== 'function') throw new CliError('CLI_INTERNAL', 'JournalFileStorage is not available in this build of @hyperopt/objective');
  return new Journal(path);
}
