import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import { RELIABLE, type LinkPolicy } from '../network';
import type { Load } from './clients';
import { doubleVote } from './double-vote';
import { figure8 } from './figure8';

/**
 * The fault schedule: every few hundred virtual ms one fault, all drawn from the run's PRNG —
 * crash and restart, partitions (symmetric and one-way), loss, delay, duplication (delays reorder),
 * snapshots at random moments. `log` receives one line per action.
 */
export async function runNemesis(g: Group<unknown, unknown>, prng: Prng, shouldStop: () => boolean, log: (line: string) => void, load: Load): Promise<void> {
  const down = new Set<number>();
  while (!shouldStop()) {
    await g.sleep(50 + prng.int(700));
    if (shouldStop()) break;
    const roll = prng.int(100);
    if (roll < 12) crash(g, prng, down, log);
    else if (roll < 22) await leaderChurn(g, prng, log);
    else if (roll < 26) await restartStorm(g, prng, log);
    else if (roll < 30) await crashVoters(g, prng, log);
    else if (roll < 40) restartDown(g, prng, down, log);
    else if (roll < 50) partition(g, prng, log);
    else if (roll < 58) cutOneWay(g, prng, log);
    else if (roll < 68) heal(g, log);
    else if (roll < 77) setNetwork(g, prng, log);
    else if (roll < 85) await figure8(g, prng, log, load);
    else if (roll < 91) await doubleVote(g, prng, log, load);
    else snapshot(g, prng, log);
  }
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

function setNetwork(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): void {
  const policy: LinkPolicy = prng.chance(0.3) ? RELIABLE : {
    dropRate: prng.int(30) / 100,
    delayMinMs: prng.int(5),
    delayMaxMs: 5 + prng.int(60),
    duplicateRate: prng.int(15) / 100,
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

/** End of the run: every node up, every link healed, the network reliable. */
export function healEverything(g: Group<unknown, unknown>, log: (line: string) => void): void {
  heal(g, log);
  g.cluster.network.requestPolicy = RELIABLE;
  g.cluster.network.replyPolicy = RELIABLE;
  for (let node = 0; node < g.size; node++) if (!g.reachable(node)) g.restart(node);
  log(`t=${g.now} heal everything`);
}
