import type { NodeId, PersistBatch, PersistedState, StateMachine } from '../raft/types';
import type { MachineSpec } from '../runtime/machines';
import type { NodeHost } from '../runtime/node-host';
import { buildView, DurableState, TrafficTally } from '../runtime/node-view';
import type { MachineSummary, NodeStatus, NodeView } from '../runtime/protocol';
import type { Copier } from '../sim/clone';
import type { SimCluster } from '../sim/cluster';

/** What buildView (src/runtime/node-view.ts) reads of a node's driver: the live NodeHost, or this. */
type ViewSource = Pick<NodeHost<unknown, unknown>,
  'id' | 'incarnation' | 'status' | 'error' | 'node' | 'machine' | 'durable' | 'tally' | 'writeInFlight' | 'electionArmedAt' | 'machineSummary'>;

/** Recompute the state machine summary only when something new was applied. */
const SUMMARY_ENTRIES = 64;

/**
 * One simulated node as the page sees it: the same NodeView a live worker reports, built by the
 * same function (buildView) from the SimCluster's node, a mirror of its storage and its counters.
 */
export class SimNodeView implements ViewSource {
  readonly durable = new DurableState();
  readonly tally = new TrafficTally();
  private armed = { deadline: NaN, at: 0 };
  private summary: { lastApplied: number; value: MachineSummary } | null = null;
  private last: NodeView | null = null;
  /** Something the view shows may have changed since it was last built. */
  dirty = true;

  constructor(
    readonly id: NodeId,
    private readonly cluster: SimCluster<unknown, unknown>,
    private readonly spec: MachineSpec<unknown, unknown>,
  ) {}

  get incarnation(): number {
    return this.cluster.incarnationOf(this.id);
  }

  get status(): NodeStatus {
    if (this.cluster.isDown(this.id)) return 'crashed';
    return this.cluster.storageErrors[this.id] === null ? 'running' : 'storage-error';
  }

  get error(): string | null {
    const reason = this.cluster.storageErrors[this.id];
    return reason ? `cannot load storage: ${reason}` : null;
  }

  /** The running node, or null while it is down (the view then shows only what is durable). */
  get node(): ViewSource['node'] {
    return this.status === 'running' ? this.cluster.node(this.id) : null;
  }

  get machine(): StateMachine<unknown, unknown> | null {
    return this.status === 'running' ? this.cluster.machines[this.id] ?? null : null;
  }

  get writeInFlight(): boolean {
    return this.cluster.writeInFlight(this.id);
  }

  get electionArmedAt(): number {
    return this.armed.at;
  }

  booted(persisted: PersistedState<unknown>): void {
    this.durable.loaded(persisted);
    this.summary = null;
    this.dirty = true;
  }

  wrote(batch: PersistBatch<unknown>): void {
    this.durable.wrote(batch);
    this.dirty = true;
  }

  /** After each step of this node: note when its election timer was armed (the page's timer ring). */
  stepped(): void {
    const core = this.node?.core;
    if (core && core.electionDeadline !== this.armed.deadline) this.armed = { deadline: core.electionDeadline, at: core.now };
    this.dirty = true;
  }

  machineSummary(): MachineSummary | null {
    const core = this.node?.core;
    const machine = this.machine;
    if (!core || !machine || !this.spec.summarize) return null;
    if (this.summary?.lastApplied !== core.lastApplied) this.summary = { lastApplied: core.lastApplied, value: this.spec.summarize(machine, SUMMARY_ENTRIES) };
    return this.summary.value;
  }

  /** The view, rebuilt only if the node changed since the last one (the page compares views by identity). */
  view(): NodeView {
    if (this.dirty || !this.last) {
      // buildView's parameter is the NodeHost class; ViewSource is exactly the part of it it reads.
      this.last = buildView(this as ViewSource as unknown as NodeHost<unknown, unknown>, this.spec);
      this.dirty = false;
    }
    return this.last;
  }
}

/**
 * How a checkpoint (src/sim/clone.ts) copies what a view holds beside the simulation: TrafficTally
 * counts in plain objects it changes in place, so its copy copies them (DurableState is copied as
 * any class instance is).
 */
export const SIM_VIEW_COPIERS: ReadonlyMap<object, Copier> = new Map<object, Copier>([
  [TrafficTally.prototype, (tally: TrafficTally) => {
    const source = tally as unknown as { counts: object; drops: object; droppedTotal: number };
    const copy = Object.create(TrafficTally.prototype) as typeof source;
    copy.counts = { ...source.counts };
    copy.drops = { ...source.drops };
    copy.droppedTotal = source.droppedTotal;
    return copy;
  }],
]);
