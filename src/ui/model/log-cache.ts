import type { EntryView, NodeView } from '../../runtime';
import type { NodeId } from '../../raft/types';

/** How the log view reads entries before a view's window (Cluster.readLog). */
export type ReadLog = (node: NodeId, from: number, to: number) => Promise<EntryView[]>;

/** Reads go out in aligned blocks of this many indices, so scrolling asks each block once. */
export const BLOCK = 50;

const NONE: ReadonlyMap<number, EntryView> = new Map();

interface NodeCache {
  /** Bumped whenever the node's cache is dropped: a read sent before then is ignored. */
  epoch: number;
  entries: ReadonlyMap<number, EntryView>;
  /** Blocks read or being read in this epoch. */
  readonly asked: Set<number>;
  /** The last view seen: the next is compared with it. */
  last: NodeView | null;
}

/**
 * Entries older than the views' windows (views carry only the last LOG_WINDOW), read from the
 * nodes as the log view scrolls back, kept per node and index. What was read stays right while
 * the node's log keeps it: by the Log Matching Property (§5.3), if two logs hold an entry with the
 * same index and term, they are identical up to it. So each new view is compared with the last at
 * an index both windows hold; the node's cache is dropped when that entry's term changed, when
 * the windows share no index (the log moved too far to tell), when the log got shorter
 * (truncated, wiped) or when the node restarted (a new incarnation reloads its storage).
 */
export class LogCache {
  private readonly nodes = new Map<NodeId, NodeCache>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  /** The last read that failed, said in the log view (no silent failure); cleared by the next that succeeds. */
  error: string | null = null;

  constructor(private readonly read: ReadLog) {}

  /** The entries read from node `node` (a new Map whenever they change). */
  entries(node: NodeId): ReadonlyMap<number, EntryView> {
    return this.nodes.get(node)?.entries ?? NONE;
  }

  /** Changes with every change of any node's entries (useSyncExternalStore). */
  snapshot = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Compare the new views with the last ones; drop what may no longer be what a node holds. */
  observe(views: readonly NodeView[]): void {
    let changed = false;
    for (const view of views) {
      const cache = this.cacheOf(view.id);
      const before = cache.last;
      cache.last = view;
      if (before && before !== view && !stillHolds(before, view) && (cache.entries.size > 0 || cache.asked.size > 0)) {
        cache.epoch++;
        cache.entries = NONE;
        cache.asked.clear();
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  /** Read what the views' windows lack of from..to for this node (those blocks not read yet). */
  want(view: NodeView, from: number, to: number): void {
    const first = Math.max(from, view.log.snapshotIndex + 1);
    const last = Math.min(to, windowStart(view) - 1);
    if (first > last) return;
    const cache = this.cacheOf(view.id);
    for (let block = Math.floor((first - 1) / BLOCK); block <= Math.floor((last - 1) / BLOCK); block++) {
      if (cache.asked.has(block)) continue;
      cache.asked.add(block);
      const epoch = cache.epoch;
      this.read(view.id, block * BLOCK + 1, (block + 1) * BLOCK).then((entries) => {
        if (this.error !== null) { this.error = null; this.changed(); }
        if (cache.epoch !== epoch) return;
        // An empty answer (a crashed live node has no worker to ask) may be asked again later.
        if (entries.length === 0) { cache.asked.delete(block); return; }
        const next = new Map(cache.entries);
        for (const entry of entries) next.set(entry.index, entry);
        cache.entries = next;
        this.changed();
      }, (error: unknown) => {
        cache.asked.delete(block);
        this.error = `could not read node ${view.id}'s entries ${block * BLOCK + 1}–${(block + 1) * BLOCK}: ${(error as Error)?.message ?? String(error)}`;
        this.changed();
      });
    }
  }

  private cacheOf(node: NodeId): NodeCache {
    let cache = this.nodes.get(node);
    if (!cache) this.nodes.set(node, cache = { epoch: 0, entries: NONE, asked: new Set(), last: null });
    return cache;
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

/** The first index a view's window holds (lastIndex + 1 when it holds none). */
export function windowStart(view: NodeView): number {
  return view.log.window[0]?.index ?? view.log.lastIndex + 1;
}

/** The new view's log still holds everything the old one did up to its last entry (see LogCache). */
function stillHolds(before: NodeView, after: NodeView): boolean {
  if (after.incarnation !== before.incarnation || after.log.lastIndex < before.log.lastIndex) return false;
  const common = before.log.lastIndex;
  if (common === 0) return true;
  const was = before.log.window.at(-1);
  const now = after.log.window[common - windowStart(after)];
  return was?.index === common && now?.index === common && was.term === now.term;
}

const caches = new WeakMap<object, LogCache>();

/** The page's one cache per cluster: the log view fills it, the entry card reads it too. */
export function logCacheOf(cluster: { readLog: ReadLog }): LogCache {
  let cache = caches.get(cluster);
  if (!cache) caches.set(cluster, cache = new LogCache((node, from, to) => cluster.readLog(node, from, to)));
  return cache;
}
