import type { WorkerCluster } from './cluster';
import { loadClusterMeta, saveClusterMeta } from './cluster-meta';
import { CANCELLED_BY_TAKEOVER } from './requests';
import { TakeOverCancelled, type TabLock } from './tab-lock';

/**
 * Couples a page's cluster with the tab lock (tab-lock.ts): when another tab asks for the cluster,
 * this one parks it (every worker stopped with no write in flight) before the lock goes; when
 * this tab takes it over, it runs it again with the shape the other tab left.
 */
export class TabOwner {
  constructor(private readonly cluster: WorkerCluster, private readonly lock: TabLock) {
    lock.onReleaseAsked = () => cluster.park({ kind: 'taken-over' }, CANCELLED_BY_TAKEOVER);
  }

  /** Whether this tab runs the cluster (or may reset it). */
  get owns(): boolean {
    return this.lock.held;
  }

  private waiting: AbortController | null = null;

  /**
   * Run the cluster in this tab; the tab that runs it now stops its workers first. Resolves false
   * if the wait was cancelled (cancelTakeOver): the other tab keeps the cluster.
   */
  async takeOver(): Promise<boolean> {
    if (this.lock.held) return true;
    this.waiting?.abort();
    const waiting = new AbortController();
    this.waiting = waiting;
    this.cluster.setStandby({ kind: 'taking-over', since: Date.now() });
    try {
      await this.lock.takeOver(waiting.signal);
    } catch (error) {
      if (!(error instanceof TakeOverCancelled)) throw error;
      if (this.waiting === waiting) this.cluster.setStandby({ kind: 'elsewhere' });
      return false;
    } finally {
      if (this.waiting === waiting) this.waiting = null;
    }
    // The other tab may have resized the cluster, or left a shape record this build cannot run.
    const found = await loadClusterMeta(this.cluster.namespace);
    if ('unusable' in found) {
      this.cluster.setStandby({ kind: 'unusable-shape', reason: found.unusable });
      return true;
    }
    const shape = found.meta ?? { size: this.cluster.size, machine: this.cluster.machine };
    if (!found.meta) await saveClusterMeta(this.cluster.namespace, shape);
    await this.cluster.unpark(shape);
    return true;
  }

  /** Stop waiting for an owner that does not let go; the cluster stays with it. */
  cancelTakeOver(): void {
    this.waiting?.abort();
  }
}
