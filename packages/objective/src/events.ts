/**
 * What the library reports instead of logging: the caller decides what to print.
 */
export type ObjectiveEvent =
  | { readonly type: 'journal-unknown-op'; readonly path: string; readonly opCode: number; readonly line: number }
  | { readonly type: 'journal-invalid-record'; readonly path: string; readonly line: number; readonly reason: string }
  | { readonly type: 'journal-lock-forced'; readonly path: string; readonly heldForMs: number }
  | { readonly type: 'journal-lock-waiting'; readonly path: string; readonly waitedMs: number }
  | { readonly type: 'journal-lock-lost'; readonly path: string }
  | { readonly type: 'fixed-param-out-of-range'; readonly trialNumber: number; readonly name: string; readonly value: unknown }
  | { readonly type: 'trial-complete'; readonly trialNumber: number; readonly values: readonly number[] }
  | { readonly type: 'trial-pruned'; readonly trialNumber: number }
  | { readonly type: 'trial-failed'; readonly trialNumber: number; readonly reason: string; readonly error?: unknown }
  | { readonly type: 'trial-stale-failed'; readonly trialNumber: number }
  | { readonly type: 'tell-ignored'; readonly trialNumber: number; readonly reason: string }
  | { readonly type: 'report-ignored'; readonly trialNumber: number; readonly step: number }
  | { readonly type: 'enqueue-skipped'; readonly params: Readonly<Record<string, unknown>> };

/** Receives {@link ObjectiveEvent}s. */
export type ObjectiveEventListener = (event: ObjectiveEvent) => void;
