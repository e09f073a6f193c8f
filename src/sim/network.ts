import { isRequest, type Message } from '../raft/messages';
import type { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';

/** How a link treats a message: loss, delay and duplication, each drawn from the seeded PRNG. */
export interface LinkPolicy {
  readonly dropRate: number;
  readonly delayMinMs: number;
  readonly delayMaxMs: number;
  readonly duplicateRate: number;
}

export const RELIABLE: LinkPolicy = { dropRate: 0, delayMinMs: 0, delayMaxMs: 0, duplicateRate: 0 };
/** The lab's unreliable mode: each request delayed 0–26 ms and 10% of requests dropped. */
export const LAB_UNRELIABLE: LinkPolicy = { dropRate: 0.1, delayMinMs: 0, delayMaxMs: 26, duplicateRate: 0 };

export interface NetworkStats {
  sent: number;
  delivered: number;
  dropped: number;
  /** Requests (RequestVote, AppendEntries, InstallSnapshot) sent, failed ones included: the lab's rpc_count. */
  requests: number;
}

/**
 * The simulated network. A message is dropped if either end is disabled or the directed link is
 * cut, at send and again at delivery; otherwise its fate comes from the policy for its kind.
 */
export class SimNetwork {
  private readonly up: boolean[];
  private readonly cuts = new Set<string>();
  requestPolicy: LinkPolicy = RELIABLE;
  replyPolicy: LinkPolicy = RELIABLE;
  private readonly linkPolicies = new Map<string, LinkPolicy>();
  readonly stats: NetworkStats = { sent: 0, delivered: 0, dropped: 0, requests: 0 };

  constructor(readonly size: number, private readonly prng: Prng) {
    this.up = Array.from({ length: size }, () => true);
  }

  setNodeUp(node: NodeId, up: boolean): void {
    this.up[node] = up;
  }

  isNodeUp(node: NodeId): boolean {
    return this.up[node]!;
  }

  /** Cut (or heal) the one-way link from → to. */
  setLinkCut(from: NodeId, to: NodeId, cut: boolean): void {
    if (cut) this.cuts.add(key(from, to));
    else this.cuts.delete(key(from, to));
  }

  /** Override the policy of one directed link (null restores the global one). */
  setLinkPolicy(from: NodeId, to: NodeId, policy: LinkPolicy | null): void {
    if (policy) this.linkPolicies.set(key(from, to), policy);
    else this.linkPolicies.delete(key(from, to));
  }

  connected(from: NodeId, to: NodeId): boolean {
    return this.up[from]! && this.up[to]! && !this.cuts.has(key(from, to));
  }

  /** Decide a message's fate: the delays of each copy delivered (empty if dropped). */
  route(message: Message<unknown>): number[] {
    this.stats.sent++;
    const request = isRequest(message);
    if (request) this.stats.requests++;
    if (!this.connected(message.from, message.to)) return this.drop();
    const policy = this.linkPolicies.get(key(message.from, message.to)) ?? (request ? this.requestPolicy : this.replyPolicy);
    if (policy.dropRate > 0 && this.prng.chance(policy.dropRate)) return this.drop();
    const delays = [this.delay(policy)];
    if (policy.duplicateRate > 0 && this.prng.chance(policy.duplicateRate)) delays.push(this.delay(policy));
    return delays;
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

  private delay(policy: LinkPolicy): number {
    return policy.delayMaxMs > policy.delayMinMs ? this.prng.between(policy.delayMinMs, policy.delayMaxMs) : policy.delayMinMs;
  }

  private drop(): number[] {
    this.stats.dropped++;
    return [];
  }
}

function key(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}
