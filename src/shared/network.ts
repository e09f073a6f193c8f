import type { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';

/**
 * The one network model: the simulator (src/sim/network.ts), its chaos runs and every browser
 * worker (src/runtime/node-host.ts) decide each message's fate with these functions. The
 * configuration is plain data (the page edits it and sends a copy to each worker; the simulator
 * holds one); the decisions are pure functions of it and a seeded PRNG, so they can be tested
 * without threads and replayed from a seed.
 *
 * Units, everywhere: loss and duplication in percent (0–100), delays in virtual milliseconds.
 *
 * A message is lost if its link is down when it is sent or when it is due (a link cut while the
 * message is in flight drops it), or by the loss rate drawn at send time. Its delay, and whether
 * a second copy travels too (with a delay of its own, so copies can overtake each other), are
 * drawn at send time as well.
 */

export interface LinkPolicy {
  /** Percentage of messages lost, 0–100. */
  readonly lossPercent: number;
  readonly delayMinMs: number;
  readonly delayMaxMs: number;
  /** Percentage of messages that arrive twice, 0–100 (absent: none). */
  readonly duplicatePercent?: number;
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
  /** Delivered after delayMs; with duplicateDelayMs, a second copy arrives after that long. */
  | { readonly deliver: true; readonly delayMs: number; readonly duplicateDelayMs?: number }
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

/**
 * Decide at send time whether a message leaves, how long it travels, and whether a second copy
 * follows. A down link draws nothing from the PRNG; otherwise the draws come in a fixed order
 * (loss, delay, duplication, the copy's delay), each only when its setting can make a difference,
 * so a run is a function of its seed.
 */
export function route(config: NetworkConfig, prng: Prng, from: NodeId, to: NodeId, request: boolean): Route {
  const down = linkDown(config, from, to);
  if (down) return { deliver: false, reason: down };
  const policy = policyFor(config, from, to, request);
  if (policy.lossPercent > 0 && prng.chance(policy.lossPercent / 100)) return { deliver: false, reason: 'loss' };
  const delayMs = drawDelay(policy, prng);
  const duplicatePercent = policy.duplicatePercent ?? 0;
  if (duplicatePercent > 0 && prng.chance(duplicatePercent / 100)) return { deliver: true, delayMs, duplicateDelayMs: drawDelay(policy, prng) };
  return { deliver: true, delayMs };
}

/** A delay in [delayMinMs, delayMaxMs], whole milliseconds above the minimum (one draw, none for a fixed delay). */
export function drawDelay(policy: LinkPolicy, prng: Prng): number {
  const { delayMinMs, delayMaxMs } = policy;
  if (!(delayMaxMs > delayMinMs)) return delayMinMs;
  return Math.min(delayMaxMs, delayMinMs + prng.int(Math.floor(delayMaxMs - delayMinMs) + 1));
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

/** Change loss, delay and/or duplication globally (for all messages, or only requests or replies) or on one directed link. */
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

/** A valid policy, or a RangeError naming what is wrong. No duplication is written as no field. */
export function checkPolicy(policy: LinkPolicy): LinkPolicy {
  const { lossPercent, delayMinMs, delayMaxMs } = policy;
  const duplicatePercent = policy.duplicatePercent ?? 0;
  if (!(lossPercent >= 0 && lossPercent <= 100)) throw new RangeError(`loss must be 0–100% (got ${lossPercent})`);
  if (!(duplicatePercent >= 0 && duplicatePercent <= 100)) throw new RangeError(`duplication must be 0–100% (got ${duplicatePercent})`);
  if (!(delayMinMs >= 0 && delayMaxMs >= delayMinMs && Number.isFinite(delayMaxMs))) {
    throw new RangeError(`delay range must satisfy 0 <= min <= max (got ${delayMinMs}–${delayMaxMs} ms)`);
  }
  return duplicatePercent > 0 ? { lossPercent, delayMinMs, delayMaxMs, duplicatePercent } : { lossPercent, delayMinMs, delayMaxMs };
}

function checkNode(config: NetworkConfig, node: NodeId): void {
  if (!Number.isInteger(node) || node < 0 || node >= config.size) throw new RangeError(`no node ${node} in a cluster of ${config.size}`);
}
