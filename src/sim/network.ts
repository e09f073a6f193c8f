import { isRequest, type Message } from '../raft/messages';
import type { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';
import {
  checkPolicy, healAll, healPartition, initialNetwork, LAB_UNRELIABLE_LINK, linkDown, partition, RELIABLE_LINK, route, setIsolated, setLinkCut, setPolicy,
  type LinkDownReason, type LinkPolicy as NetworkPolicy, type NetworkConfig, type PolicyScope,
} from '../shared/network';

/**
 * A link policy in fractions, as the chaos scripts (nemesis.ts, rejoin.ts, strand.ts) write it.
 * The network model itself (src/shared/network.ts) works in percent; requestPolicy and
 * replyPolicy convert. New code sets policies in percent with setPolicy().
 */
export interface LinkPolicy {
  readonly dropRate: number;
  readonly delayMinMs: number;
  readonly delayMaxMs: number;
  readonly duplicateRate: number;
}

export const RELIABLE: LinkPolicy = { dropRate: 0, delayMinMs: 0, delayMaxMs: 0, duplicateRate: 0 };
/** The lab's unreliable mode: each request delayed 0–26 ms and 10% of requests dropped. */
export const LAB_UNRELIABLE: LinkPolicy = { dropRate: 0.1, delayMinMs: 0, delayMaxMs: 26, duplicateRate: 0 };

export function toNetworkPolicy(policy: LinkPolicy): NetworkPolicy {
  const { delayMinMs, delayMaxMs } = policy;
  return { lossPercent: percent(policy.dropRate), delayMinMs, delayMaxMs, ...(policy.duplicateRate > 0 ? { duplicatePercent: percent(policy.duplicateRate) } : {}) };
}

/** 0.07 → 7, not 7.000000000000001: the model divides by 100 again and must draw against 0.07 exactly. */
function percent(rate: number): number {
  return Math.round(rate * 100 * 1e9) / 1e9;
}

function fromNetworkPolicy(policy: NetworkPolicy): LinkPolicy {
  const { delayMinMs, delayMaxMs } = policy;
  return { dropRate: policy.lossPercent / 100, delayMinMs, delayMaxMs, duplicateRate: (policy.duplicatePercent ?? 0) / 100 };
}

export interface NetworkStats {
  sent: number;
  delivered: number;
  dropped: number;
  /** Requests (RequestVote, AppendEntries, InstallSnapshot) sent, failed ones included: the lab's rpc_count. */
  requests: number;
}

/**
 * The simulated network: the shared network model (src/shared/network.ts) over one configuration,
 * the simulator's PRNG and its counters. A message is dropped if its link is down (a node
 * disabled, i.e. isolated; a cut; a partition) at send and again at delivery; otherwise its fate
 * comes from the policy for its kind or its link.
 */
export class SimNetwork {
  private config: NetworkConfig;
  /** The fraction policies last set through requestPolicy / replyPolicy, and what they became. */
  private readonly legacy = {
    requests: { set: RELIABLE, as: RELIABLE_LINK },
    replies: { set: RELIABLE, as: RELIABLE_LINK },
  };
  readonly stats: NetworkStats = { sent: 0, delivered: 0, dropped: 0, requests: 0 };

  constructor(size: number, private readonly prng: Prng) {
    this.config = { ...initialNetwork(size), requests: RELIABLE_LINK, replies: RELIABLE_LINK };
  }

  /** How many node ids the network knows (removed nodes included: ids are never reused). */
  get size(): number {
    return this.config.size;
  }

  /**
   * Room for one more node, with the next id: every link to and from it up; during a partition it
   * stands alone on a side of its own until the partition heals.
   */
  addNode(): void {
    const c = this.config;
    const size = c.size + 1;
    this.config = {
      ...c, size,
      cut: [...c.cut.map((row) => [...row, false]), Array.from({ length: size }, () => false)],
      isolated: [...c.isolated, false],
      group: c.group ? [...c.group, Math.max(...c.group) + 1] : null,
    };
  }

  /** An independent network in the same state: configuration, counters and PRNG (time travel's checkpoints). */
  copy(): SimNetwork {
    const copy = new SimNetwork(this.size, this.prng.copy());
    copy.config = this.config;
    copy.legacy.requests = this.legacy.requests;
    copy.legacy.replies = this.legacy.replies;
    Object.assign(copy.stats, this.stats);
    return copy;
  }

  /** The whole configuration, as the page's controls see it. */
  get configuration(): NetworkConfig {
    return this.config;
  }

  /** Replace the whole configuration (a driver applying the page's edits). */
  configure(config: NetworkConfig): void {
    if (config.size !== this.size) throw new RangeError(`network for ${config.size} nodes, cluster has ${this.size}`);
    this.config = config;
  }

  /** The lab's enable/disable: a disabled node is isolated, it neither sends nor receives. */
  setNodeUp(node: NodeId, up: boolean): void {
    if (this.config.isolated[node] === !up) return;
    this.config = setIsolated(this.config, node, !up);
  }

  isNodeUp(node: NodeId): boolean {
    return !this.config.isolated[node];
  }

  /** Cut (or heal) the one-way link from → to. */
  setLinkCut(from: NodeId, to: NodeId, cut: boolean): void {
    if (this.config.cut[from]?.[to] === cut) return;
    this.config = setLinkCut(this.config, from, to, cut, true);
  }

  /** Nodes talk only within their group (every node in exactly one). */
  partition(groups: readonly (readonly NodeId[])[]): void {
    this.config = partition(this.config, groups);
  }

  healPartition(): void {
    this.config = healPartition(this.config);
  }

  /** Heal every cut, isolation and partition; policies stay. */
  healAll(): void {
    this.config = healAll(this.config);
  }

  /** Loss, delay and duplication in percent and ms: globally, for one kind, or on one directed link. */
  setPolicy(patch: Partial<NetworkPolicy>, scope: PolicyScope = {}): void {
    this.config = setPolicy(this.config, patch, scope);
  }

  get requestPolicy(): LinkPolicy {
    return this.legacyPolicy('requests');
  }

  set requestPolicy(policy: LinkPolicy) {
    this.setLegacyPolicy('requests', policy);
  }

  get replyPolicy(): LinkPolicy {
    return this.legacyPolicy('replies');
  }

  set replyPolicy(policy: LinkPolicy) {
    this.setLegacyPolicy('replies', policy);
  }

  connected(from: NodeId, to: NodeId): boolean {
    return linkDown(this.config, from, to) === null;
  }

  /** Why from → to carries nothing now (null: it is up). */
  whyDown(from: NodeId, to: NodeId): LinkDownReason | null {
    return linkDown(this.config, from, to);
  }

  /** Decide a message's fate: the delays of each copy delivered (empty if dropped). */
  route(message: Message<unknown>): number[] {
    this.stats.sent++;
    const request = isRequest(message);
    if (request) this.stats.requests++;
    const fate = route(this.config, this.prng, message.from, message.to, request);
    if (!fate.deliver) return this.drop();
    return fate.duplicateDelayMs === undefined ? [fate.delayMs] : [fate.delayMs, fate.duplicateDelayMs];
  }

  /** Called when a copy arrives: it is lost if the link went down while it was in flight. */
  arrives(message: Message<unknown>): boolean {
    if (!this.connected(message.from, message.to)) {
      this.drop();
      return false;
    }
    this.stats.delivered++;
    return true;
  }

  /** A copy in flight that explore mode dropped (src/sim/explore.ts): counted as any other loss. */
  dropInFlight(): void {
    this.drop();
  }

  private legacyPolicy(kind: 'requests' | 'replies'): LinkPolicy {
    const last = this.legacy[kind];
    // Hand back the very object set, so that saving and restoring a policy is exact.
    return this.config[kind] === last.as ? last.set : fromNetworkPolicy(this.config[kind]);
  }

  private setLegacyPolicy(kind: 'requests' | 'replies', policy: LinkPolicy): void {
    const as = policy === RELIABLE ? RELIABLE_LINK : policy === LAB_UNRELIABLE ? LAB_UNRELIABLE_LINK : checkPolicy(toNetworkPolicy(policy));
    this.legacy[kind] = { set: policy, as };
    this.config = { ...this.config, [kind]: as };
  }

  private drop(): number[] {
    this.stats.dropped++;
    return [];
  }
}
