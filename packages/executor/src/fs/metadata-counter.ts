/** The metadata operations the shared-filesystem layer counts. */
export const metadataOperations = ['stat', 'open', 'readdir', 'rename', 'mkdir', 'unlink', 'link', 'chmod'] as const;

/** One kind of metadata operation. */
export type MetadataOperation = (typeof metadataOperations)[number];

/** Counts of metadata operations, by kind, plus their total. */
export type MetadataCounts = Record<MetadataOperation, number> & { total: number };

/** Mutable tally of metadata operations done through one {@link SharedFs}. */
export class MetadataCounter {
  private readonly counts = new Map<MetadataOperation, number>();

  add(operation: MetadataOperation): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  snapshot(): MetadataCounts {
    const result = { total: 0 } as MetadataCounts;
    for (const operation of metadataOperations) {
      const n = this.counts.get(operation) ?? 0;
      result[operation] = n;
      result.total += n;
    }
    return result;
  }

  reset(): void {
    this.counts.clear();
  }
}
