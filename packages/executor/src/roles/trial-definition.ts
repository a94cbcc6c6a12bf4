import { createHash } from 'node:crypto';
import { ExecutorError } from '../errors.js';
import type { WorkItem } from '../runner.js';

/** Gives each item its id: the caller's function, or its position. */
export function identifyItems<I>(items: readonly I[], itemId: ((item: I, index: number) => string) | undefined): WorkItem<I>[] {
  if (!Array.isArray(items)) {
    throw new ExecutorError('EXECUTOR_INVALID_ITEMS', `expected \`items\` to be an array, got ${JSON.stringify(typeof items)}`);
  }
  const seen = new Set<string>();
  return items.map((item, index) => {
    const id = itemId ? itemId(item, index) : String(index);
    if (typeof id !== 'string' || id.length === 0) {
      throw new ExecutorError('EXECUTOR_INVALID_ITEMS', `expected item ${index}'s id to be a non-empty string, got ${JSON.stringify(id)}`);
    }
    if (seen.has(id)) throw new ExecutorError('EXECUTOR_INVALID_ITEMS', `item ids must be unique; ${JSON.stringify(id)} appears twice`);
    seen.add(id);
    return { id, item };
  });
}

/** Identifies a trial's content: re-running a trial id with other params or items is refused. */
export function fingerprint(params: unknown, items: readonly WorkItem<unknown>[]): string {
  const ids = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha256').update(JSON.stringify({ params, items: ids })).digest('hex');
}

/** Longest known first; items never measured go first of all, in their given order. */
export function orderByCost<I>(items: readonly WorkItem<I>[], costs: Readonly<Record<string, number>>): WorkItem<I>[] {
  return items
    .map((item, index) => ({ item, index, cost: costs[item.id] ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => (b.cost === a.cost ? a.index - b.index : b.cost > a.cost ? 1 : -1))
    .map((entry) => entry.item);
}
