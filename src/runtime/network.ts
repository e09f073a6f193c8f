import type { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';

/**
 * The network model every worker applies to what it sends and receives. The configuration is
 * plain data (the main thread edits it and sends a copy to each worker); the decisions are pure
 * functions of it and a seeded PRNG, so they can be tested without threads.
 *
 * A message is lost if its link is down when it is sent or when it is due (a link cut while the
 * message is in flight drops it), or by the loss rate drawn at send time. Its delay is drawn at
 * send time too, in virtual milliseconds.
 */

export interface LinkPolicy {
  /** Percentage of messages lost, 0–100. */
  readonly lossPercent: number;
  readonly delayMinMs: number;
  readonly delayMaxMs: number;
}

export const RELIABLE_LINK: LinkPolicy = { lossPercent: 0, delayMinMs: 0, delayMaxMs: 0 };
/** The lab's unreliable mode (applied to requests only): delay 0–26 ms, 10% lost. */
export const LAB_UNRELIABLE_LINK: LinkPolicy = { lossPercent: 10, delayMinMs: 0, delayMaxMs: 26 };

export interface NetworkConfig {
  readonly size: number;
  /** cut[from][to]: the directed link from → to drops everything. */
  readonly cut: readonly (readonly boolean[])[];
  /** An isolated node can neither send nor receive (the lab's disable). */
  readonly isolated: readonly boolean[];
  /** group[i] is node i's side of a partition; nodes on different sides cannot talk. null: none. */
  readonly group: readonly number[] | null;
  /** The global policy for requests (RequestVote, AppendEntries, InstallSnapshot) … */
  readonly requests: LinkPolicy;
  /** … and for replies. */
  readonly replies: LinkPolicy;
  /** Per directed link ("from>to") overrides of the global policy, for both kinds. */
  readonly links: Readonly<Record<string, LinkPolicy>>;
}

export type LinkDownReason = 'cut' | 'isolated' | 'partitioned';
/** Why a message did not arrive. */
export type DropReason = LinkDownReason | 'loss' | 'malformed' | 'not-running' | 'peer-down';

export type Route =
  | { readonly deliver: true; readonly delayMs: number }
  | { readonly deliver: false; readonly reason: DropReason };

export function initialNetwork(size: number): NetworkConfig {
  return {
    size,
    cut: Array.from({ length: size }, () => Array.from({ length: size }, () => false)),
    isolated: Array.from({ length: size }, () => false),
    group: null,
    requests: RELIABLE_LINK,
    replies: RELIABLE_LINK,
    links: {},
  };
}

export function linkKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

/** Why the directed link from → to carries nothing right now, or null if it is up. */
export function linkDown(config: NetworkConfig, from: NodeId, to: NodeId): LinkDownReason | null {
  if (config.isolated[from] || config.isolated[to]) return 'isolated';
  if (config.group && config.group[from] !== config.group[to]) return 'partitioned';
  if (config.cut[from]?.[to]) return 'cut';
  return null;
}

export function policyFor(config: NetworkConfig, from: NodeId, to: NodeId, request: boolean): LinkPolicy {
  return config.links[linkKey(from, to)] ?? (request ? config.requests : config.replies);
}

/** Decide at send time whether a message leaves and how long it travels. */
export function route(config: NetworkConfig, prng: Prng, from: NodeId, to: NodeId, request: boolean): Route {
  const down = linkDown(config, from, to);
  if (down) return { deliver: false, reason: down };
  const policy = policyFor(config, from, to, request);
  if (policy.lossPercent > 0 && prng.chance(policy.lossPercent / 100)) return { deliver: false, reason: 'loss' };
  const delayMs = policy.delayMaxMs > policy.delayMinMs ? policy.delayMinMs + prng.next() * (policy.delayMaxMs - policy.delayMinMs) : policy.delayMinMs;
  return { deliver: true, delayMs };
}

// ---- edits (each returns a new configuration) -------------------------------------------------

/** Cut or heal from → to, and to → from too unless `oneWay`. */
export function setLinkCut(config: NetworkConfig, from: NodeId, to: NodeId, cut: boolean, oneWay = false): NetworkConfig {
  checkNode(config, from);
  checkNode(config, to);
  const matrix = config.cut.map((row) => row.slice());
  matrix[from]![to] = cut;
  if (!oneWay) matrix[to]![from] = cut;
  return { ...config, cut: matrix };
}

export function setIsolated(config: NetworkConfig, node: NodeId, isolated: boolean): NetworkConfig {
  checkNode(config, node);
  const next = config.isolated.slice();
  next[node] = isolated;
  return { ...config, isolated: next };
}

/** Split the cluster into groups; every node must be in exactly one. */
export function partition(config: NetworkConfig, groups: readonly (readonly NodeId[])[]): NetworkConfig {
  const group = Array.from({ length: config.size }, () => -1);
  groups.forEach((members, g) => members.forEach((node) => {
    checkNode(config, node);
    if (group[node] !== -1) throw new RangeError(`node ${node} is in more than one partition group`);
    group[node] = g;
  }));
  const missing = group.findIndex((g) => g === -1);
  if (missing !== -1) throw new RangeError(`node ${missing} is in no partition group`);
  return { ...config, group };
}

export function healPartition(config: NetworkConfig): NetworkConfig {
  return { ...config, group: null };
}

/** Heal every cut, isolation and partition; loss and delay settings stay. */
export function healAll(config: NetworkConfig): NetworkConfig {
  const fresh = initialNetwork(config.size);
  return { ...config, cut: fresh.cut, isolated: fresh.isolated, group: null };
}

export type PolicyScope =
  | { readonly link: readonly [NodeId, NodeId] }
  | { readonly kinds?: 'all' | 'requests' | 'replies' };

/** Change loss and/or delay globally (for all messages, or only requests or replies) or on one directed link. */
export function setPolicy(config: NetworkConfig, patch: Partial<LinkPolicy>, scope: PolicyScope = {}): NetworkConfig {
  if ('link' in scope) {
    const [from, to] = scope.link;
    checkNode(config, from);
    checkNode(config, to);
    const key = linkKey(from, to);
    const base = config.links[key] ?? policyFor(config, from, to, true);
    return { ...config, links: { ...config.links, [key]: checkPolicy({ ...base, ...patch }) } };
  }
  const kinds = scope.kinds ?? 'all';
  return {
    ...config,
    requests: kinds === 'replies' ? config.requests : checkPolicy({ ...config.requests, ...patch }),
    replies: kinds === 'requests' ? config.replies : checkPolicy({ ...config.replies, ...patch }),
  };
}

/** Drop a link's own policy; it follows the global one again. */
export function clearLinkPolicy(config: NetworkConfig, from: NodeId, to: NodeId): NetworkConfig {
  const links = { ...config.links };
  delete links[linkKey(from, to)];
  return { ...config, links };
}

export function checkPolicy(policy: LinkPolicy): LinkPolicy {
  const { lossPercent, delayMinMs, delayMaxMs } = policy;
  if (!(lossPercent >= 0 && lossPercent <= 100)) throw new RangeError(`loss must be 0–100% (got ${lossPercent})`);
  if (!(delayMinMs >= 0 && delayMaxMs >= delayMinMs && Number.isFinite(delayMaxMs))) {
    throw new RangeError(`delay range must satisfy 0 <= min <= max (got ${delayMinMs}–${delayMaxMs} ms)`);
  }
  return { lossPercent, delayMinMs, delayMaxMs };
}

function checkNode(config: NetworkConfig, node: NodeId): void {
  if (!Number.isInteger(node) || node < 0 || node >= config.size) throw new RangeError(`no node ${node} in a cluster of ${config.size}`);
}
