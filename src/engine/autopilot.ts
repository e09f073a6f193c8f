import { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';
import type { ClusterState } from '../runtime/cluster';
import {
  applyFault, BASIC_FAULTS, describeFault, drawFault, drawGapMs, faultNodes, FaultLedger, healFaults, isNoop, planFault,
  type BasicFault, type FaultAction, type FaultPace, type FaultTarget, type NetworkLimits,
} from '../shared/faults';
import type { Cluster } from './cluster';

/**
 * Autopilot chaos (issue 9, item 8): the headless nemesis's fault chooser (src/shared/faults.ts)
 * run against any engine behind the Cluster interface, on the engine's own clock. Every fault is
 * an ordinary Cluster call, so the simulated engine records it as an action of its run (an exported
 * run replays it), and each one is told to `note` ("Chaos: crashed node 2"). Stopping heals what
 * the autopilot broke and says so; halting (an invariant broke) leaves it in place to look at.
 */

/** How the page's chaos behaves: which faults, how often (virtual ms), how bad a network. */
export interface AutopilotMix {
  readonly weights: Readonly<Record<BasicFault, number>>;
  readonly pace: FaultPace;
  readonly limits: NetworkLimits;
}

/**
 * A fault every 2–5 virtual seconds, slow enough to watch each one play out; healing (restarts,
 * heals, a reliable network) is a good third of the draws, so the cluster keeps recovering.
 */
export const PAGE_MIX: AutopilotMix = {
  weights: { crash: 12, restartDown: 12, partition: 8, cutOneWay: 5, isolate: 6, heal: 10, network: 6, snapshot: 4, transfer: 3 },
  pace: { minGapMs: 2000, spreadMs: 3000 },
  limits: { maxDropPercent: 30, maxDuplicatePercent: 15, maxDelayMs: 65 },
};

/** The page's timeline entry: a title, the nodes it concerns, and why it matters. */
export type AutopilotNote = (title: string, nodes: readonly NodeId[], why?: string) => void;

export interface AutopilotStatus {
  readonly running: boolean;
  readonly seed: number;
  /** Faults applied since the last start. */
  readonly faults: number;
  /** Why it last stopped on its own (an invariant broke), if it did. */
  readonly haltedBecause: string | null;
}

/** Why each fault is worth watching, with the rule it puts to the test. */
const WHY: Record<FaultAction['kind'], string> = {
  crash: 'A crash loses what the node held in memory; it comes back with what it persisted: currentTerm, votedFor and its log (Figure 2).',
  restart: 'It rejoins with what it persisted, and the leader brings its log up to date (§5.3).',
  partition: 'Only a side with a majority can elect a leader and commit (§5.2, §5.4); the other side waits.',
  cut: 'A one-way cut: requests get through but replies do not, or the reverse (§5.2).',
  isolate: 'An isolated node hears nobody: it times out and campaigns in higher and higher terms (§5.2).',
  heal: 'Every node reaches every other again; the leader brings the stragglers up to date (§5.3).',
  network: 'Lost, delayed, reordered and repeated messages: RPCs carry terms and are idempotent, so stale ones change nothing (§5.1, §5.3).',
  snapshot: 'Log compaction (§7): the node replaces the applied prefix of its log with a snapshot.',
  transfer: 'Leadership transfer (thesis §3.10): the leader brings the target up to date and tells it to time out now.',
};

export class Autopilot {
  private readonly target: FaultTarget;
  private readonly ledger = new FaultLedger();
  private readonly listeners = new Set<() => void>();
  private prng: Prng;
  private nextAt = 0;
  private busy = false;
  private generation: number;
  private unsubscribe: (() => void) | null = null;
  private current: AutopilotStatus;

  constructor(private readonly cluster: Cluster, private readonly note: AutopilotNote, readonly seed: number, private readonly mix: AutopilotMix = PAGE_MIX) {
    this.target = clusterFaultTarget(cluster);
    this.prng = new Prng(seed);
    this.generation = cluster.getState().generation ?? 0;
    this.current = { running: false, seed, faults: 0, haltedBecause: null };
  }

  get status(): AutopilotStatus {
    return this.current;
  }

  /** Called whenever the status changes (for the page's toggle). Returns unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Start from the seed's first fault; the first comes a gap after now, in virtual time. */
  start(): void {
    if (this.current.running) return;
    this.prng = new Prng(this.seed);
    this.nextAt = this.cluster.now() + drawGapMs(this.prng, this.mix.pace);
    this.unsubscribe = this.cluster.subscribe((state) => this.onState(state));
    const { minGapMs, spreadMs } = this.mix.pace;
    this.note(`Chaos on (seed ${this.seed})`, [], `A seeded fault every ${minGapMs / 1000}–${(minGapMs + spreadMs) / 1000} virtual seconds: crashes, restarts, partitions, cuts, isolation, loss, delay, duplication.`);
    this.setStatus({ running: true, faults: 0, haltedBecause: null });
  }

  /** Stop and heal what it broke: restart the nodes it left down, heal the network, restore loss, delay and duplication. */
  stop(): void {
    if (!this.detach()) return;
    const healed = healFaults(this.target, this.ledger);
    const title = healed.length ? `Chaos off: ${healed.map(describeFault).join('; ')}` : 'Chaos off: nothing left to heal';
    this.note(title, [...new Set(healed.flatMap(faultNodes))], 'The autopilot undid what it broke; the cluster should elect a leader and catch up.');
    this.setStatus({ running: false });
  }

  /** Stop without healing (an invariant broke: what led to it stays in place to look at and export). */
  halt(reason: string): void {
    if (!this.detach()) return;
    this.note(`Chaos stopped: ${reason}`, [], 'Its faults stay in place; turning Chaos on and off again heals them.');
    this.setStatus({ running: false, haltedBecause: reason });
  }

  private detach(): boolean {
    if (!this.current.running) return false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    return true;
  }

  /** The engine's clock moved (or anything else changed): a fault is due once virtual time reaches nextAt. */
  private onState(state: ClusterState): void {
    if ((state.generation ?? 0) !== this.generation) {
      // A reset wiped the cluster and healed its topology (loss, delay and duplication stay).
      this.generation = state.generation ?? 0;
      this.ledger.down.clear();
      this.ledger.topology = false;
    }
    if (this.busy || !this.current.running || this.cluster.now() < this.nextAt) return;
    this.busy = true; // a fault's own state change comes back here synchronously on the simulated engine
    try {
      this.fire();
    } finally {
      this.nextAt = this.cluster.now() + drawGapMs(this.prng, this.mix.pace);
      this.busy = false;
    }
  }

  /** One fault; a draw that cannot apply now (nothing to restart, no leader to hand over) is drawn again. */
  private fire(): void {
    let action: FaultAction | null = null;
    for (let attempt = 0; attempt < 8 && (!action || isNoop(action)); attempt++) {
      const kind = drawFault(this.prng, BASIC_FAULTS, this.mix.weights);
      action = kind && planFault(kind, this.prng, this.target, this.ledger, this.mix.limits);
    }
    if (!action || isNoop(action)) return;
    const remark = applyFault(this.target, this.ledger, action);
    this.note(`Chaos: ${describeFault(action)}${remark ? ` (${remark})` : ''}`, faultNodes(action), WHY[action.kind]);
    this.setStatus({ faults: this.current.faults + 1 });
  }

  private setStatus(patch: Partial<AutopilotStatus>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * Any engine as the fault chooser's target: each fault one Cluster call. Down is a real crash
 * here, so a restart brings a node back; at most a minority stays down, so a majority can always
 * elect a leader once the network lets it (§5.2).
 */
export function clusterFaultTarget(cluster: Cluster): FaultTarget {
  const exists = (node: NodeId): boolean => node < cluster.size; // a reset may have shrunk the cluster
  const quietly = (work: Promise<unknown>): void => { work.catch(() => undefined); };
  return {
    get size() { return cluster.size; },
    restartRevives: true,
    get maxDown() { return cluster.size - (Math.floor(cluster.size / 2) + 1); },
    leaderForTransfer: () => (cluster.getConfig().features?.leadershipTransfer ? leaderOf(cluster.getState()) : null),
    policies: () => {
      const { requests, replies } = cluster.getNetwork();
      return { requests, replies };
    },
    crash: (node, restart) => {
      if (!exists(node)) return;
      if (restart) quietly(cluster.restart(node)); // either engine's restart crashes a running node first
      else cluster.crash(node);
    },
    // The ledger, not the state, says the node is down: a state can lag the commands sent (the
    // simulated engine's worker under load), and a restart skipped on a stale "running" left a node
    // down for good while the ledger counted it up, so a majority could end up down.
    restart: (node) => { if (exists(node)) quietly(cluster.restart(node)); },
    partition: (side, rest) => {
      const groups = [side, rest].map((group) => group.filter(exists)).filter((group) => group.length > 0);
      if (groups.length > 1) cluster.partition(groups);
      else cluster.healPartition();
    },
    cut: (from, to) => { if (exists(from) && exists(to)) cluster.cutLink(from, to, { oneWay: true }); },
    isolate: (node) => { if (exists(node)) cluster.isolate(node); },
    heal: () => cluster.healAll(),
    setPolicies: ({ requests, replies }) => cluster.setNetwork({ ...cluster.getNetwork(), requests, replies }),
    snapshot: (node) => { if (exists(node)) quietly(cluster.saveSnapshot(node)); },
    transfer: (from, to) => { if (exists(from) && exists(to)) cluster.transferLeadership(from, to); },
  };
}

/** The running node that leads in the highest term, or null. */
function leaderOf(state: ClusterState): NodeId | null {
  let best: { id: NodeId; term: number } | null = null;
  for (const view of state.nodes) {
    if (view.status === 'running' && view.role === 'leader' && (!best || view.term > best.term)) best = { id: view.id, term: view.term };
  }
  return best?.id ?? null;
}
