import type { ClaimOwner } from '../cache/result-cache.js';
import type { EquationRunItem } from './items.js';
import type { ResultError } from './result.js';

/** What a runner reports while it works. */
export type SrRunnerEvent =
  | { readonly type: 'cache-hit'; readonly item: EquationRunItem; readonly key: string }
  | { readonly type: 'cache-corrupt'; readonly item: EquationRunItem; readonly key: string; readonly reason: string }
  | { readonly type: 'cache-write-failed'; readonly item: EquationRunItem; readonly key: string; readonly message: string }
  | { readonly type: 'claim-taken'; readonly item: EquationRunItem; readonly key: string; readonly owner: ClaimOwner | null }
  | { readonly type: 'fit-start'; readonly item: EquationRunItem; readonly key: string; readonly lane: number }
  | { readonly type: 'fit-end'; readonly item: EquationRunItem; readonly key: string; readonly wallMs: number; readonly error: ResultError | null; readonly cached: boolean }
  | { readonly type: 'backend-start'; readonly lane: number; readonly pid: number; readonly restart: boolean };
