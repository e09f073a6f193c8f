import type { Command } from './types';

/**
 * What a cluster offers to change automatic log compaction while it runs (RaftConfig's
 * autoCompactEntries, passed to every node the way setTiming passes timing). WorkerCluster does
 * not offer it yet; until it does the timing editor does not show the control, rather than show
 * one that changes nothing.
 */
export interface AutoCompaction {
  setAutoCompact(entries: number | null): void;
  getConfig(): { readonly autoCompactEntries?: number | null };
}

export function autoCompaction(cluster: object): AutoCompaction | null {
  return typeof (cluster as Partial<AutoCompaction>).setAutoCompact === 'function' ? (cluster as AutoCompaction) : null;
}

/** Automatic compaction after this many applied entries; null: only when asked (Save snapshot). */
export const setAutoCompact: Command<number | null> = {
  name: 'setAutoCompact',
  label: (entries) => (entries === null ? 'Compaction off' : `Compact after ${entries} entries`),
  perform(ctx, entries) {
    const control = autoCompaction(ctx.cluster);
    if (!control) throw new Error('this cluster cannot change log compaction while it runs');
    control.setAutoCompact(entries);
    ctx.note(entries === null ? 'You turned automatic log compaction off' : `You set automatic log compaction to every ${entries} applied entries`, [],
      'A node replaces the applied prefix of its log with a snapshot of its store (§7); a follower that falls behind it gets the snapshot (InstallSnapshot).');
  },
};

/** The threshold a cluster's config reports (undefined: the cluster does not say). */
export function autoCompactOf(config: object | null | undefined): number | null | undefined {
  return (config as { autoCompactEntries?: number | null } | null | undefined)?.autoCompactEntries;
}
