import type { TypedEmitter } from '../events.js';
import type { SharedFs } from '../fs/shared-fs.js';
import type { ResolvedOptions } from '../options.js';
import type { SweepLayout } from '../protocol/layout.js';
import type { FileStore } from '../protocol/store.js';

/** What every role's code shares: options, the one fs layer, the typed store, events. */
export interface RoleContext {
  readonly options: ResolvedOptions;
  readonly fs: SharedFs;
  readonly store: FileStore;
  readonly layout: SweepLayout;
  readonly events: TypedEmitter;
  /** Unique per process start: tells a restarted process's files from its predecessor's. */
  readonly incarnation: string;
}
