import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import { applyFault, describeFault, drawFault, drawGapMs, FaultLedger, isNoop, planFault, type BasicFault, type FaultTarget } from '../../shared/faults';
import { RELIABLE_LINK } from '../../shared/network';
import type { Load } from './clients';
import { doubleVote } from './double-vote';
import { figure8 } from './figure8';
import { crashMidWrite, garbleRecord, repairAll, repairStorage, wipeDisk } from './storage-faults';
import { rejoin, type ScenarioFailure } from './rejoin';
import { staleLease } from './stale-lease';
import { simFaultTarget } from './sim-target';
import { strand } from './strand';
import { wipedVoter } from './wiped-voter';
import { membershipFault, type MembershipMethod, type MembershipStats } from './membership';

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
 * The fault schedule: every few hundred virtual ms one fault, all drawn from the run's PRNG. What
 * both this and the page's autopilot do — crash and restart, partitions (symmetric and one-way),
 * loss, delay, duplication (delays reorder), snapshots at random moments, leadership transfer —
 * the one fault chooser plans (src/shared/faults.ts) and simFaultTarget applies; what only the
 * simulator can do stays here: storage faults, and scripted scenarios that set up precise
 * orderings random faults rarely hit. `log` receives one line per action.
 */
export async function runNemesis(g: G, prng: Prng, shouldStop: () => boolean, log: Log, load: Load, profile: NemesisProfile = DEFAULT_PROFILE, fail: ScenarioFailure = () => undefined, membership?: { readonly method: MembershipMethod; readonly stats: MembershipStats }): Promise<void> {
  const chaos: Chaos = { g, prng, log, load, profile, fail, target: simFaultTarget(g), ledger: new FaultLedger() };
  const pace = { minGapMs: 50, spreadMs: profile.paceMs };
  while (!shouldStop()) {
    await g.sleep(drawGapMs(prng, pace));
    if (shouldStop()) break;
    // With membership changes on (and only then: other runs draw exactly as before), one fault in three is one.
    if (membership && prng.chance(1 / 3)) {
      await membershipFault(g, prng, log, load, membership.stats, membership.method);
      continue;
    }
    const fault = drawFault(prng, FAULTS, profile.weights);
    if (fault === null) break;
    await act(fault, chaos);
  }
}

/** One run's nemesis: the group, its PRNG and log, and the shared chooser's target and ledger. */
interface Chaos {
  readonly g: G;
  readonly prng: Prng;
  readonly log: Log;
  readonly load: Load;
  readonly profile: NemesisProfile;
  readonly fail: ScenarioFailure;
  readonly target: FaultTarget;
  readonly ledger: FaultLedger;
}

/** The nemesis's faults that the shared chooser plans, by its names for them. */
const BASIC: Partial<Record<FaultName, BasicFault>> = {
  crash: 'crash', restartDown: 'restartDown', partition: 'partition', cutOneWay: 'cutOneWay',
  heal: 'heal', network: 'network', snapshot: 'snapshot', transfer: 'transfer',
};

async function act(fault: FaultName, c: Chaos): Promise<void> {
  const basic = BASIC[fault];
  if (basic) return basicFault(c, basic);
  const { g, prng, log, load, fail } = c;
  switch (fault) {
    case 'leaderChurn': return leaderChurn(g, prng, log);
    case 'restartStorm': return restartStorm(g, prng, log);
    case 'crashVoters': return crashVoters(g, prng, log);
    case 'figure8': return figure8(g, prng, log, load);
    case 'doubleVote': return doubleVote(g, prng, log, load);
    case 'strand': return strand(g, prng, log, fail);
    case 'wipedVoter': return wipedVoter(g, prng, log, load);
    case 'wipeDisk': return wipeDisk(g, prng, log);
    case 'garbleRecord': return garbleRecord(g, prng, log);
    case 'tornWrite': return crashMidWrite(g, prng, log, true);
    case 'lostWrite': return crashMidWrite(g, prng, log, false);
    case 'repairStorage': return repairStorage(g, prng, log);
    case 'rejoin': return rejoin(g, prng, log, fail);
    case 'staleLease': return staleLease(g, prng, log, load);
  }
}

/** Plan with the shared chooser, apply to the simulator, log one line ("t=1234 crashed node 2"). */
function basicFault(c: Chaos, kind: BasicFault): void {
  const action = planFault(kind, c.prng, c.target, c.ledger, c.profile);
  if (!action || isNoop(action)) return;
  const remark = applyFault(c.target, c.ledger, action);
  c.log(`t=${c.g.now} ${describeFault(action)}${remark ? ` (${remark})` : ''}`);
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

/**
 * End of the run: every link healed, the network reliable, every node up — restarted if it was
 * down, then wiped if it cannot start (a storage error, perhaps found by that very restart).
 */
export function healEverything(g: Group<unknown, unknown>, log: (line: string) => void): void {
  const target = simFaultTarget(g);
  target.heal();
  target.setPolicies({ requests: RELIABLE_LINK, replies: RELIABLE_LINK });
  for (let node = 0; node < g.size; node++) if (!g.reachable(node)) g.restart(node);
  repairAll(g, log);
  log(`t=${g.now} heal everything`);
}
