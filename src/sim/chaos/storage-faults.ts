import type { Prng } from '../../raft/prng';
import type { NodeId } from '../../raft/types';
import type { Group } from '../harness';
import { allNodes, mayImpairOneMore } from './scenario-kit';

/**
 * Faults of the simulated disk (TigerBeetle's VOPR faults its storage as well as its network). A
 * node never serves what fails its checks: it stays down with a storage error until repaired by a
 * wipe, after which it recovers before it votes (src/raft/recovery.ts).
 */

type Log = (line: string) => void;

function pick(g: Group<unknown, unknown>, prng: Prng, ok: (n: NodeId) => boolean): NodeId | undefined {
  const candidates = allNodes(g).filter(ok);
  return candidates.length === 0 ? undefined : candidates[prng.int(candidates.length)];
}

const healthy = (g: Group<unknown, unknown>) => (n: NodeId): boolean =>
  g.cluster.storageErrors[n] === null && g.cluster.storages[n]!.corruption === null;

/** The operator replaces a node's disk: it restarts empty, recovering. */
export function wipeDisk(g: Group<unknown, unknown>, prng: Prng, log: Log): void {
  if (!mayImpairOneMore(g)) return;
  const node = pick(g, prng, healthy(g));
  if (node === undefined) return;
  g.cluster.wipe(node);
  log(`t=${g.now} disk of node ${node} wiped: it recovers before it votes`);
}

/** Bit rot: a stored record goes bad at rest. The running node does not notice until it restarts. */
export function garbleRecord(g: Group<unknown, unknown>, prng: Prng, log: Log): void {
  if (!mayImpairOneMore(g)) return;
  const node = pick(g, prng, healthy(g));
  if (node === undefined) return;
  g.cluster.storages[node]!.corrupt('a stored record is garbled: it fails its checksum');
  log(`t=${g.now} a record on node ${node}'s disk is garbled`);
}

/** A crash in the middle of a write: the write is lost, and with `tear` leaves a torn record. */
export function crashMidWrite(g: Group<unknown, unknown>, prng: Prng, log: Log, tear: boolean): void {
  if (tear && !mayImpairOneMore(g)) return;
  const node = pick(g, prng, (n) => healthy(g)(n) && g.cluster.writeInFlight(n));
  if (node === undefined) return;
  g.cluster.restart(node, { tear });
  log(`t=${g.now} crash+restart node ${node} during a write (${tear ? 'torn' : 'lost, never acknowledged'})`);
}

/** The operator's way out of a storage error: wipe the node (it then recovers before voting). */
export function repairStorage(g: Group<unknown, unknown>, prng: Prng, log: Log): void {
  const node = pick(g, prng, (n) => g.cluster.storageErrors[n] !== null);
  if (node === undefined) return;
  log(`t=${g.now} node ${node} is down with a storage error (${g.cluster.storageErrors[node]}): wipe it`);
  g.cluster.wipe(node);
}

/** End of a run: every node that cannot start is wiped, so all of them can catch up. */
export function repairAll(g: Group<unknown, unknown>, log: Log): void {
  for (const node of allNodes(g)) {
    if (g.cluster.storageErrors[node] === null) continue;
    log(`t=${g.now} node ${node} is down with a storage error: wipe it`);
    g.cluster.wipe(node);
  }
}
