import type { RaftFeatures, RaftTiming } from '../raft/config';
import type { RaftEvent } from '../raft/events';

/** A rule event with the virtual ms it happened at, when the engine knows it. */
export type StampedEvent = RaftEvent & { readonly at?: number };
import type { NodeId } from '../raft/types';
import type { ClusterConfig, ClusterState, TrafficBatch } from '../runtime/cluster';
import type { AppliedEntryView, EntryView } from '../runtime/protocol';
import type { Proposal } from '../runtime/requests';
import type { DriverBugs } from '../shared/bugs';
import { setPolicy, type NetworkConfig, type PolicyScope } from '../shared/network';
import type { ExploreChoice, PendingItem } from '../sim/explore';
import type { RunFile, RunNote } from './run';

/**
 * What the page needs of a running cluster, whichever engine runs it: the live one (a Worker per
 * node, MessagePorts, IndexedDB, real time: src/runtime/cluster.ts's WorkerCluster) or the
 * simulated one (the same core under virtual time in one Worker: src/engine/sim-proxy.ts). The
 * UI should depend on this shape and never on an engine class; only the page's composition root
 * knows which engine it built (issue 9, item 1).
 *
 * Every method here is one WorkerCluster has today (cluster.test.ts checks that at the type
 * level), so the live engine satisfies it unchanged.
 */
export interface Cluster {
  // ---- observing: one immutable state, and streams for what changes too often to render ----------
  readonly size: number;
  /** The size once the resets queued so far are done. */
  readonly targetSize: number;
  getState(): ClusterState;
  /** Called after every change of a node's view, the network, the clock or the config. Returns unsubscribe. */
  subscribe(listener: (state: ClusterState) => void): () => void;
  /** Every send, delivery and drop, in batches per node (message dots). */
  subscribeTraffic(listener: (batch: TrafficBatch) => void): () => void;
  /**
   * The core's rule citations (config.trace), per node. An engine that batches them (the simulated
   * one, a whole run's stretch at a time) stamps each with its virtual ms `at`; without a stamp it
   * happened at now().
   */
  subscribeEvents(listener: (node: NodeId, events: readonly StampedEvent[]) => void): () => void;
  /** Every entry each node applies (the page's invariant checker). */
  subscribeApplied(listener: (node: NodeId, entries: readonly AppliedEntryView[], overflow: number) => void): () => void;
  /** Virtual time now, in ms. */
  now(): number;

  // ---- the KV client's way in (KvClient needs getState and propose) ------------------------------
  /** With read, a leader running ReadIndex or lease reads answers it without a log entry (thesis §6.4). */
  propose<R = unknown>(node: NodeId, command: unknown, options?: { read?: boolean }): Promise<Proposal<R>>;

  /**
   * The node's entries from..to as it holds them now, at most READ_LOG_MAX (the newest of the range;
   * src/runtime/node-view.ts): the log view reads what lies before the views' windows this way.
   * Compacted entries are not returned; a node that is down answers from its storage where the
   * engine can read it (the simulated one), else with none (the live one: its worker is gone).
   */
  readLog(node: NodeId, from: number, to: number): Promise<EntryView[]>;

  // ---- nodes ----------------------------------------------------------------------------------------
  saveSnapshot(node: NodeId): Promise<boolean>;
  forceElectionTimeout(node: NodeId): void;
  /** The leader hands over to `target` (thesis §3.10); a refusal comes back as a transferRefused rule event. */
  transferLeadership(node: NodeId, target: NodeId): void;
  crash(node: NodeId): void;
  restart(node: NodeId): Promise<void>;
  /** Wipe the node's storage and start it empty and recovering. */
  resetNode(node: NodeId): Promise<void>;
  /** Wipe every node and start over, optionally with another size. */
  reset(options?: { size?: number }): Promise<boolean>;

  // ---- network (src/shared/network.ts: percent and virtual ms) -------------------------------------
  getNetwork(): NetworkConfig;
  /** Replace the whole configuration (every edit below is one of these; duplication goes this way). */
  setNetwork(network: NetworkConfig): void;
  cutLink(a: NodeId, b: NodeId, options?: { oneWay?: boolean }): void;
  healLink(a: NodeId, b: NodeId, options?: { oneWay?: boolean }): void;
  isolate(node: NodeId): void;
  rejoin(node: NodeId): void;
  partition(groups: readonly (readonly NodeId[])[]): void;
  healPartition(): void;
  healAll(): void;
  setLoss(lossPercent: number, scope?: PolicyScope): void;
  setDelay(delayMinMs: number, delayMaxMs: number, scope?: PolicyScope): void;
  clearLinkPolicy(from: NodeId, to: NodeId): void;

  // ---- time ---------------------------------------------------------------------------------------
  pause(): void;
  resume(): void;
  /** Virtual ms per real ms (MIN_SPEED to MAX_SPEED). */
  setSpeed(speed: number): void;
  /** Let `virtualMs` pass, then pause. */
  step(virtualMs: number): void;

  // ---- Raft configuration -------------------------------------------------------------------------
  getConfig(): ClusterConfig;
  setTiming(timing: Partial<RaftTiming>): void;
  setAutoCompact(entries: number | null): void;
  setBugs(bugs: Partial<DriverBugs>): void;
  /** Production Raft's mechanisms (no-op, PreVote, CheckQuorum, transfer, reads without the log). */
  setFeatures(features: Partial<RaftFeatures>): void;

  /** Stop for good (the live engine can also delete its databases). */
  destroy(options?: { deleteStorage?: boolean }): Promise<void>;
}

/**
 * Duplication, in percent, for every message, one kind, or one directed link. WorkerCluster has no
 * method of its own for it, so it goes through setNetwork on either engine; both act on it (the
 * live engine's workers post the route's second copy: src/runtime/node-host.ts sendAll).
 */
export function setDuplication(cluster: Cluster, duplicatePercent: number, scope: PolicyScope = {}): void {
  cluster.setNetwork(setPolicy(cluster.getNetwork(), { duplicatePercent }, scope));
}

/**
 * Time travel and runs as data (issue 9, items 3 and 5): what the simulated engine adds to Cluster.
 * The page asks `timeTravelOf(cluster)` and shows the scrubber only when it gets one; where the
 * engine stands comes with every state (ClusterState.run). Every method that moves the view pauses
 * the clock there; acting while in the past forks a new future from that moment.
 */
export interface TimeTravel {
  /** Show the run as it was at virtual ms `virtualMs` (backwards or forwards within the recorded run, or beyond its end). */
  seek(virtualMs: number): Promise<void>;
  /** One scheduled event (a delivery, a timer, a disk write, a user action) back or forward. */
  stepBack(): Promise<void>;
  stepForward(): Promise<void>;
  /** The run so far as a file (src/engine/run.ts), to save, share or replay. */
  exportRun(): Promise<RunFile>;
  /** The run's narration ('note' actions: a lab test's steps) as it is played forward. */
  subscribeNotes(listener: (notes: readonly RunNote[]) => void): () => void;
}

/** Explore mode (issue 9, item 6): the simulated engine, paused, lets the user choose what happens next. */
export interface Explore {
  /** Everything pending: messages in flight, timers, disk writes (src/sim/explore.ts), in the order they would happen. */
  pending(): Promise<PendingItem[]>;
  /** Deliver, drop or duplicate a message, fire a timer now (election, heartbeat, vote retry) or persist a pending disk write; recorded in the run. Rejects for an id no longer pending. */
  explore(choice: ExploreChoice): Promise<void>;
}

export function exploreOf(cluster: Cluster): Explore | null {
  const candidate = cluster as Partial<Explore>;
  return typeof candidate.pending === 'function' && typeof candidate.explore === 'function' ? (cluster as Cluster & Explore) : null;
}

export function timeTravelOf(cluster: Cluster): TimeTravel | null {
  const candidate = cluster as Partial<TimeTravel>;
  return typeof candidate.seek === 'function' && typeof candidate.stepBack === 'function' && typeof candidate.exportRun === 'function'
    ? (cluster as Cluster & TimeTravel)
    : null;
}
