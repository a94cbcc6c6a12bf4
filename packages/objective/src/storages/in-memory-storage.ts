import { ModelStorage, type StorageOptions } from './model-storage.js';
import type { StorageOperation } from './operations.js';
import type { ApplyResult } from './storage-model.js';

/** Options of {@link InMemoryStorage}. */
export type InMemoryStorageOptions = StorageOptions;

/** A storage that lives in this process only (Optuna's `InMemoryStorage`). */
export class InMemoryStorage extends ModelStorage {
  constructor(options: InMemoryStorageOptions = {}) {
    super(options);
  }

  protected override commit(operation: StorageOperation): ApplyResult {
    return this.model.apply(operation);
  }

  protected override refresh(): void {}
}
