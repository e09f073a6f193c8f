import type { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';
import { RELIABLE_LINK, type LinkPolicy } from './network';

/**
 * The one fault chooser: which fault comes next and what exactly it does, all drawn from a seeded
 * PRNG. The headless chaos runs (src/sim/chaos/nemesis.ts) and the page's autopilot
 * (src/engine/autopilot.ts) both draw from it and differ only in the target they hand it: the
 * simulator's group, or any engine behind the Cluster interface. Pure: a fault is first planned as
 * data (FaultAction), then applied to the target, and the ledger remembers what is still broken so
 * that healing can undo exactly that. Same seed, same target state: same schedule.
 *
 * Crashes and restarts test what Figure 2 says must persist (currentTerm, votedFor, log[]);
 * partitions, cuts and isolation test elections and commitment when a majority is or is not
 * reachable (§5.2, §5.4); loss, delay and duplication test that RPCs are idempotent and that a
 * stale or repeated message changes nothing it should not (§5.1, §5.3).
 */

/** The faults this module plans. A chooser may use any subset, with weights of its own. */
export const BASIC_FAULTS = ['crash', 'restartDown', 'partition', 'cutOneWay', 'isolate', 'heal', 'network', 'snapshot', 'transfer'] as const;
export type BasicFault = typeof BASIC_FAULTS[number];

/** How often faults come: one every minGapMs plus up to spreadMs virtual ms. */
export interface FaultPace {
  readonly minGapMs: number;
  readonly spreadMs: number;
}

/** The worst network the `network` fault may set (percent and virtual ms, as src/shared/network.ts). */
export interface NetworkLimits {
  readonly maxDropPercent: number;
  readonly maxDuplicatePercent: number;
  readonly maxDelayMs: number;
}

/** The global policies, one for requests and one for replies (NetworkConfig.requests / .replies). */
export interface PolicyPair {
  readonly requests: LinkPolicy;
  readonly replies: LinkPolicy;
}

/** One fault, planned: plain data a target applies, a log prints and a test compares. */
export type FaultAction =
  /** Crash the node; with restart it comes straight back from its storage, else it stays down. */
  | { readonly kind: 'crash'; readonly node: NodeId; readonly restart: boolean }
  | { readonly kind: 'restart'; readonly nodes: readonly NodeId[] }
  /** `side` talks only among itself, the rest among themselves (an empty side: no partition). */
  | { readonly kind: 'partition'; readonly side: readonly NodeId[]; readonly rest: readonly NodeId[] }
  | { readonly kind: 'cut'; readonly from: NodeId; readonly to: NodeId }
  | { readonly kind: 'isolate'; readonly node: NodeId }
  | { readonly kind: 'heal' }
  | { readonly kind: 'network'; readonly policies: PolicyPair }
  | { readonly kind: 'snapshot'; readonly node: NodeId }
  | { readonly kind: 'transfer'; readonly from: NodeId; readonly to: NodeId };

/**
 * What the chooser drives. Each method does one fault; one that has something to add to the log
 * (a transfer refused, say) returns it.
 */
export interface FaultTarget {
  readonly size: number;
  /**
   * Whether crashing-and-restarting a node this schedule left down brings it back. True on the
   * page's engines, where down is a crash; false in the simulator's chaos runs, where down is the
   * lab's disable (cut off the network), which a restart does not undo.
   */
  readonly restartRevives: boolean;
  /** At most this many nodes left down at once (a crash beyond it comes straight back). */
  readonly maxDown: number;
  /** The leader, if it may hand over leadership now (thesis §3.10: the feature on, a leader known). */
  leaderForTransfer(): NodeId | null;
  /** The global policies now, to restore when healing. */
  policies(): PolicyPair;
  crash(node: NodeId, restart: boolean): string | void;
  restart(node: NodeId): string | void;
  partition(side: readonly NodeId[], rest: readonly NodeId[]): string | void;
  cut(from: NodeId, to: NodeId): string | void;
  isolate(node: NodeId): string | void;
  /** Heal the network's topology: cuts, partitions and isolation (loss, delay and duplication stay). */
  heal(): string | void;
  setPolicies(policies: PolicyPair): string | void;
  snapshot(node: NodeId): string | void;
  transfer(from: NodeId, to: NodeId): string | void;
}

/** What the schedule has broken and not yet mended. */
export class FaultLedger {
  /** Nodes it left down, in the order it did so. */
  readonly down = new Set<NodeId>();
  /** It changed the topology (a cut, a partition, an isolation) since the last heal. */
  topology = false;
  /** The policies before it first set loss, delay or duplication (null: it set none). */
  policiesBefore: PolicyPair | null = null;

  get clean(): boolean {
    return this.down.size === 0 && !this.topology && this.policiesBefore === null;
  }
}

/** A weighted draw of the next fault's kind (null when every weight is 0). */
export function drawFault<K extends string>(prng: Prng, kinds: readonly K[], weights: Readonly<Record<K, number>>): K | null {
  const total = kinds.reduce((sum, kind) => sum + weights[kind], 0);
  if (total === 0) return null;
  let roll = prng.int(total);
  return kinds.find((kind) => (roll -= weights[kind]) < 0)!;
}

/** Virtual ms until the next fault. */
export function drawGapMs(prng: Prng, pace: FaultPace): number {
  return pace.minGapMs + prng.int(pace.spreadMs);
}

/**
 * Plan one fault of `kind` against the target as it stands. The draws come in a fixed order per
 * kind (the headless runs' traces depend on it); null when the fault cannot apply now.
 */
export function planFault(kind: BasicFault, prng: Prng, target: FaultTarget, ledger: FaultLedger, limits: NetworkLimits): FaultAction | null {
  const { size } = target;
  switch (kind) {
    case 'crash': {
      const node = prng.int(size);
      const stayDown = !prng.chance(0.5) && (ledger.down.size < target.maxDown || ledger.down.has(node));
      return { kind: 'crash', node, restart: !stayDown };
    }
    case 'restartDown': return { kind: 'restart', nodes: [...ledger.down].filter(() => prng.chance(0.7)) };
    case 'partition': {
      const onSide = Array.from({ length: size }, () => prng.chance(0.5));
      const nodes = onSide.map((_, node) => node);
      return { kind: 'partition', side: nodes.filter((n) => onSide[n]), rest: nodes.filter((n) => !onSide[n]) };
    }
    case 'cutOneWay': {
      const from = prng.int(size);
      return { kind: 'cut', from, to: otherNode(prng, size, from) };
    }
    case 'isolate': return { kind: 'isolate', node: prng.int(size) };
    case 'heal': return { kind: 'heal' };
    case 'network': {
      const policy = drawPolicy(prng, limits);
      return { kind: 'network', policies: { requests: policy, replies: policy } };
    }
    case 'snapshot': return { kind: 'snapshot', node: prng.int(size) };
    case 'transfer': {
      const leader = target.leaderForTransfer();
      return leader === null ? null : { kind: 'transfer', from: leader, to: otherNode(prng, size, leader) };
    }
  }
}

/** A node other than `node`, uniformly. */
function otherNode(prng: Prng, size: number, node: NodeId): NodeId {
  return (node + 1 + prng.int(size - 1)) % size;
}

/** Three times in ten a reliable network; else loss, delay (which reorders) and duplication within the limits. */
function drawPolicy(prng: Prng, limits: NetworkLimits): LinkPolicy {
  if (prng.chance(0.3)) return RELIABLE_LINK;
  const lossPercent = prng.int(limits.maxDropPercent);
  const delayMinMs = prng.int(5);
  const delayMaxMs = 5 + prng.int(Math.max(1, limits.maxDelayMs - 5));
  const duplicatePercent = prng.int(Math.max(1, limits.maxDuplicatePercent));
  return { lossPercent, delayMinMs, delayMaxMs, ...(duplicatePercent > 0 ? { duplicatePercent } : {}) };
}

/** Apply a planned fault and note in the ledger what it broke or mended. Returns the target's remark, if any. */
export function applyFault(target: FaultTarget, ledger: FaultLedger, action: FaultAction): string | undefined {
  switch (action.kind) {
    case 'crash':
      if (!action.restart) ledger.down.add(action.node);
      else if (target.restartRevives) ledger.down.delete(action.node);
      return target.crash(action.node, action.restart) ?? undefined;
    case 'restart': {
      const remarks = action.nodes.map((node) => {
        ledger.down.delete(node);
        return target.restart(node);
      });
      return remarks.filter(Boolean).join('; ') || undefined;
    }
    case 'partition': ledger.topology = true; return target.partition(action.side, action.rest) ?? undefined;
    case 'cut': ledger.topology = true; return target.cut(action.from, action.to) ?? undefined;
    case 'isolate': ledger.topology = true; return target.isolate(action.node) ?? undefined;
    case 'heal': ledger.topology = false; return target.heal() ?? undefined;
    case 'network':
      ledger.policiesBefore ??= target.policies();
      return target.setPolicies(action.policies) ?? undefined;
    case 'snapshot': return target.snapshot(action.node) ?? undefined;
    case 'transfer': return target.transfer(action.from, action.to) ?? undefined;
  }
}

/**
 * What undoes everything the ledger holds: the nodes it left down restarted, the topology healed,
 * the policies from before its first network fault restored. Applying them leaves the ledger clean.
 */
export function healingActions(ledger: FaultLedger): FaultAction[] {
  const actions: FaultAction[] = [];
  if (ledger.down.size > 0) actions.push({ kind: 'restart', nodes: [...ledger.down] });
  if (ledger.topology) actions.push({ kind: 'heal' });
  if (ledger.policiesBefore) actions.push({ kind: 'network', policies: ledger.policiesBefore });
  return actions;
}

/** Heal what the ledger holds (healingActions, applied); returns what was done. */
export function healFaults(target: FaultTarget, ledger: FaultLedger): FaultAction[] {
  const actions = healingActions(ledger);
  for (const action of actions) applyFault(target, ledger, action);
  ledger.policiesBefore = null;
  return actions;
}

/** The nodes a fault touches (the timeline highlights them). */
export function faultNodes(action: FaultAction): NodeId[] {
  switch (action.kind) {
    case 'crash': case 'isolate': case 'snapshot': return [action.node];
    case 'restart': return [...action.nodes];
    case 'partition': return action.side.length && action.rest.length ? [...action.side] : [];
    case 'cut': case 'transfer': return [action.from, action.to];
    case 'heal': case 'network': return [];
  }
}

/** True when applying it changes nothing (no node to restart). */
export function isNoop(action: FaultAction): boolean {
  return action.kind === 'restart' && action.nodes.length === 0;
}

/** One line, past tense: "crashed node 2", "partitioned {0, 2} | {1}", "set loss 12%, delay 1–40 ms". */
export function describeFault(action: FaultAction): string {
  switch (action.kind) {
    case 'crash': return action.restart ? `crashed and restarted node ${action.node}` : `crashed node ${action.node}`;
    case 'restart': return `restarted ${nodeList(action.nodes)}`;
    case 'partition':
      return action.side.length && action.rest.length ? `partitioned {${action.side.join(', ')}} | {${action.rest.join(', ')}}` : 'partitioned nobody (every link between sides healed)';
    case 'cut': return `cut the link ${action.from}→${action.to} one way`;
    case 'isolate': return `isolated node ${action.node}`;
    case 'heal': return 'healed every cut, partition and isolation';
    case 'network': {
      const { requests, replies } = action.policies;
      const same = describePolicy(requests) === describePolicy(replies);
      return same ? `set ${describePolicy(requests)} on every link` : `set ${describePolicy(requests)} for requests, ${describePolicy(replies)} for replies`;
    }
    case 'snapshot': return `took a snapshot on node ${action.node}`;
    case 'transfer': return `asked leader ${action.from} to hand over to node ${action.to}`;
  }
}

export function describePolicy(policy: LinkPolicy): string {
  const duplicate = policy.duplicatePercent ?? 0;
  if (policy.lossPercent === 0 && policy.delayMaxMs === 0 && duplicate === 0) return 'no loss, delay or duplication';
  return `loss ${policy.lossPercent}%, delay ${policy.delayMinMs}–${policy.delayMaxMs} ms, duplication ${duplicate}%`;
}

function nodeList(nodes: readonly NodeId[]): string {
  if (nodes.length === 0) return 'no node';
  if (nodes.length === 1) return `node ${nodes[0]}`;
  return `nodes ${nodes.slice(0, -1).join(', ')} and ${nodes[nodes.length - 1]}`;
}
