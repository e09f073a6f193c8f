import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import { RELIABLE, type LinkPolicy } from '../network';
import type { Load } from './clients';
import { doubleVote } from './double-vote';
import { figure8 } from './figure8';
import { crashMidWrite, garbleRecord, repairAll, repairStorage, wipeDisk } from './storage-faults';
import { rejoin, type ScenarioFailure } from './rejoin';
import { staleLease } from './stale-lease';
import { strand } from './strand';
import { wipedVoter } from './wiped-voter';

type G = Group<unknown, unknown>;
type Log = (line: string) => void;

/** What the nemesis can do, each with a weight: how often, relative to the others, it is drawn. */
export const FAULTS = [
  'crash', 'leaderChurn', 'restartStorm', 'crashVoters', 'restartDown', 'partition', 'cutOneWay', 'heal',
  'network', 'figure8', 'doubleVote', 'snapshot', 'strand', 'wipedVoter', 'wipeDisk', 'garbleRecord',
  'tornWrite', 'lostWrite', 'repairStorage', 'rejoin', 'transfer', 'staleLease',
] as const;
export type FaultName = typeof FAULTS[number];

/** How the nemesis behaves: the default below, or one drawn per seed by swarm testing (swarm.ts). */
export interface NemesisProfile {
  readonly weights: Readonly<Record<FaultName, number>>;
  /** A fault every 50 ms plus up to this many ms. */
  readonly paceMs: number;
  /** The worst network the `network` fault may set. */
  readonly maxDropPercent: number;
  readonly maxDuplicatePercent: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_PROFILE: NemesisProfile = {
  weights: {
    crash: 12, leaderChurn: 10, restartStorm: 4, crashVoters: 4, restartDown: 10, partition: 10, cutOneWay: 8,
    heal: 10, network: 9, figure8: 8, doubleVote: 6, snapshot: 9, strand: 6, wipedVoter: 4, wipeDisk: 2,
    garbleRecord: 2, tornWrite: 2, lostWrite: 3, repairStorage: 4, rejoin: 4, transfer: 4, staleLease: 4,
  },
  paceMs: 700,
  maxDropPercent: 30,
  maxDuplicatePercent: 15,
  maxDelayMs: 65,
};

/**
 * The fault schedule: every few hundred virtual ms one fault, all drawn from the run's PRNG —
 * crash and restart, partitions (symmetric and one-way), loss, delay, duplication (delays reorder),
 * snapshots at random moments, storage faults, and scripted scenarios that set up precise
 * orderings random faults rarely hit. `log` receives one line per action.
 */
export async function runNemesis(g: G, prng: Prng, shouldStop: () => boolean, log: Log, load: Load, profile: NemesisProfile = DEFAULT_PROFILE, fail: ScenarioFailure = () => undefined): Promise<void> {
  const down = new Set<number>();
  const total = FAULTS.reduce((sum, name) => sum + profile.weights[name], 0);
  while (!shouldStop()) {
    await g.sleep(50 + prng.int(profile.paceMs));
    if (shouldStop() || total === 0) break;
    let roll = prng.int(total);
    const fault = FAULTS.find((name) => (roll -= profile.weights[name]) < 0)!;
    await act(fault, g, prng, down, log, load, profile, fail);
  }
}

async function act(fault: FaultName, g: G, prng: Prng, down: Set<number>, log: Log, load: Load, profile: NemesisProfile, fail: ScenarioFailure): Promise<void> {
  switch (fault) {
    case 'crash': return crash(g, prng, down, log);
    case 'leaderChurn': return leaderChurn(g, prng, log);
    case 'restartStorm': return restartStorm(g, prng, log);
    case 'crashVoters': return crashVoters(g, prng, log);
    case 'restartDown': return restartDown(g, prng, down, log);
    case 'partition': return partition(g, prng, log);
    case 'cutOneWay': return cutOneWay(g, prng, log);
    case 'heal': return heal(g, log);
    case 'network': return setNetwork(g, prng, log, profile);
    case 'figure8': return figure8(g, prng, log, load);
    case 'doubleVote': return doubleVote(g, prng, log, load);
    case 'snapshot': return snapshot(g, prng, log);
    case 'strand': return strand(g, prng, log, fail);
    case 'wipedVoter': return wipedVoter(g, prng, log, load);
    case 'wipeDisk': return wipeDisk(g, prng, log);
    case 'garbleRecord': return garbleRecord(g, prng, log);
    case 'tornWrite': return crashMidWrite(g, prng, log, true);
    case 'lostWrite': return crashMidWrite(g, prng, log, false);
    case 'repairStorage': return repairStorage(g, prng, log);
    case 'rejoin': return rejoin(g, prng, log, fail);
    case 'transfer': return transfer(g, prng, log);
    case 'staleLease': return staleLease(g, prng, log, load);
  }
}

/** Leadership transfer (thesis §3.10) to a random node, when the feature is on. */
function transfer(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): void {
  if (!g.cluster.config?.features.leadershipTransfer) return;
  const leader = g.cluster.nodes.findIndex((n) => n.isLeader());
  if (leader < 0) return;
  const target = (leader + 1 + prng.int(g.size - 1)) % g.size;
  let refused: string | null = null;
  g.cluster.input(leader, (n) => { refused = n.transferLeadership(g.now, target); });
  log(`t=${g.now} leader ${leader} hands over to node ${target}${refused ? ` (refused: ${refused})` : ''}`);
}

function crash(g: Group<unknown, unknown>, prng: Prng, down: Set<number>, log: (line: string) => void): void {
  const node = prng.int(g.size);
  if (prng.chance(0.5)) {
    g.cluster.restart(node); // crash and come straight back from storage
    log(`t=${g.now} crash+restart node ${node}`);
  } else {
    g.disable(node); // crash and stay down for a while
    down.add(node);
    log(`t=${g.now} crash node ${node} (down)`);
  }
}

/**
 * Figure 8's pattern: crash a leader soon after it took entries, while they sit on a minority, and
 * again once the next leader is up — so logs of several terms pile up on different nodes.
 */
async function leaderChurn(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): Promise<void> {
  for (let k = 0; k < 3; k++) {
    const leader = g.cluster.nodes.findIndex((n) => n.isLeader());
    if (leader >= 0) {
      g.cluster.restart(leader);
      log(`t=${g.now} churn: crash+restart leader ${leader}`);
    }
    await g.sleep(prng.chance(0.5) ? prng.int(15) : 300 + prng.int(600));
  }
}

/**
 * Crash nodes right after they vote: the moment Figure 2's "votedFor is persistent" matters. Watch
 * for up to 1.5 s after forcing an election, restarting a follower that has voted in its current term.
 */
async function crashVoters(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): Promise<void> {
  const leader = g.cluster.nodes.findIndex((n) => n.isLeader());
  if (leader >= 0) g.cluster.restart(leader);
  let crashes = 0;
  for (let waited = 0; waited < 1500 && crashes < 3; waited += 5) {
    await g.sleep(5);
    const voter = g.cluster.nodes.findIndex((n) => n.role() === 'follower' && n.core.votedFor !== null && n.core.votedFor !== n.id && n.core.leaderId === null);
    if (voter < 0 || !prng.chance(0.5)) continue;
    g.cluster.restart(voter);
    crashes++;
    log(`t=${g.now} crash+restart node ${voter} right after it voted in term ${g.cluster.node(voter).term()}`);
  }
}

/** Several crash-restarts tens of ms apart: crashes that land in the middle of an election. */
async function restartStorm(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): Promise<void> {
  for (let k = 0; k < 5; k++) {
    await g.sleep(prng.int(60));
    const node = prng.int(g.size);
    g.cluster.restart(node);
    log(`t=${g.now} storm: crash+restart node ${node}`);
  }
}

function restartDown(g: Group<unknown, unknown>, prng: Prng, down: Set<number>, log: (line: string) => void): void {
  for (const node of down) {
    if (!prng.chance(0.7)) continue;
    down.delete(node);
    g.restart(node);
    log(`t=${g.now} restart node ${node}`);
  }
}

function partition(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): void {
  const side = Array.from({ length: g.size }, () => prng.chance(0.5));
  const net = g.cluster.network;
  for (let a = 0; a < g.size; a++) for (let b = 0; b < g.size; b++) if (a !== b) net.setLinkCut(a, b, side[a] !== side[b]);
  log(`t=${g.now} partition {${side.map((s, i) => (s ? i : null)).filter((x) => x !== null).join(',')}} | rest`);
}

function cutOneWay(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): void {
  const from = prng.int(g.size);
  const to = (from + 1 + prng.int(g.size - 1)) % g.size;
  g.cluster.network.setLinkCut(from, to, true);
  log(`t=${g.now} cut ${from}->${to} one way`);
}

function heal(g: Group<unknown, unknown>, log: (line: string) => void): void {
  const net = g.cluster.network;
  for (let a = 0; a < g.size; a++) for (let b = 0; b < g.size; b++) if (a !== b) net.setLinkCut(a, b, false);
  log(`t=${g.now} heal all links`);
}

function setNetwork(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void, profile: NemesisProfile): void {
  const policy: LinkPolicy = prng.chance(0.3) ? RELIABLE : {
    dropRate: prng.int(profile.maxDropPercent) / 100,
    delayMinMs: prng.int(5),
    delayMaxMs: 5 + prng.int(Math.max(1, profile.maxDelayMs - 5)),
    duplicateRate: prng.int(Math.max(1, profile.maxDuplicatePercent)) / 100,
  };
  g.cluster.network.requestPolicy = policy;
  g.cluster.network.replyPolicy = policy;
  log(`t=${g.now} network loss ${policy.dropRate} delay ${policy.delayMinMs}-${policy.delayMaxMs}ms dup ${policy.duplicateRate}`);
}

function snapshot(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): void {
  const node = prng.int(g.size);
  g.cluster.input(node, (n) => n.saveSnapshot());
  log(`t=${g.now} snapshot on node ${node} (applied through ${g.cluster.node(node).core.lastApplied})`);
}

/**
 * End of the run: every link healed, the network reliable, every node up — restarted if it was
 * down, then wiped if it cannot start (a storage error, perhaps found by that very restart).
 */
export function healEverything(g: Group<unknown, unknown>, log: (line: string) => void): void {
  heal(g, log);
  g.cluster.network.requestPolicy = RELIABLE;
  g.cluster.network.replyPolicy = RELIABLE;
  for (let node = 0; node < g.size; node++) if (!g.reachable(node)) g.restart(node);
  repairAll(g, log);
  log(`t=${g.now} heal everything`);
}
