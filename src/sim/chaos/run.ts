import { checkKvHistory, type LinearizabilityResult } from '../../checks/linearizability';
import { InvariantViolation, type InvariantName } from '../../checks/invariants/types';
import { KvStateMachine } from '../../kv/machine';
import type { KvCommand, KvResult } from '../../kv/types';
import { LAB_FEATURES, makeConfig, type RaftFeatures } from '../../raft/config';
import { BUG_NAMES, BUG_NEEDS, MEMBERSHIP_BUG_NAMES, type BugName, type MembershipBugName } from '../../shared/bugs';
import { Prng } from '../../raft/prng';
import { createGroup, type Group } from '../harness';
import { directClient, runClient, type Load } from './clients';
import { History } from './history';
import type { ScenarioFailure } from './rejoin';
import { DEFAULT_PROFILE, healEverything, runNemesis, type NemesisProfile } from './nemesis';
import { describeSwarm, drawSwarm } from './swarm';
import { catchUp, traceHasher } from './liveness';
import { finalMembers, newMembershipStats, retireRemoved, type MembershipMethod, type MembershipStats } from './membership';

/** The bug names live in src/shared/bugs.ts, one list for the simulator and the browser runtime; so does BUG_NEEDS (the model checker reads it too). */
export { BUG_NAMES, BUG_NEEDS, MEMBERSHIP_BUG_NAMES, type BugName, type MembershipBugName };

export interface ChaosOptions {
  readonly seed: number;
  /** Ignored with swarm (the seed picks it). */
  readonly nodes: number;
  /** Swarm testing: the seed also picks size, clients, keys, disk latency and the fault mix (swarm.ts). */
  readonly swarm?: boolean;
  /** Production mechanisms on (the lab's profile, all off, by default). */
  readonly features?: Partial<RaftFeatures>;
  /** Virtual time under faults before everything is healed. */
  readonly durationMs?: number;
  readonly clients?: number;
  readonly keys?: number;
  readonly bug?: BugName | MembershipBugName;
  /** Mix membership changes into the fault schedule (membership.ts), by single-server changes or joint consensus. */
  readonly membership?: MembershipMethod;
}

/**
 * Which check caught a failure: a Figure 3 invariant by name, the liveness phases after the final
 * heal (an operation commits; every follower catches up with a stable leader), convergence of the
 * state machines, or the history's linearizability.
 */
export type CheckName = InvariantName | 'liveness (commit)' | 'liveness (catch-up)' | 'convergence' | 'linearizability' | 'no disruption';

export interface ChaosResult {
  readonly seed: number;
  /** The cluster size this run used (the swarm's pick with --swarm). */
  readonly nodes: number;
  readonly ok: boolean;
  /** What broke: an invariant, linearizability, or liveness after healing. */
  readonly failure?: string;
  readonly caughtBy?: CheckName;
  /** FNV-1a over every delivery, timer, restart and fault: two runs of one seed must agree. */
  readonly traceHash: string;
  readonly operations: number;
  readonly completed: number;
  readonly virtualMs: number;
  readonly linearizability?: LinearizabilityResult;
  /** The fault schedule and, for an invariant violation, the steps before it. */
  readonly log: readonly string[];
  /** With membership: the changes proposed and accepted, servers added and shut down. */
  readonly membership?: MembershipStats;
}

/**
 * One chaos run: concurrent KV clients under a seeded fault schedule, invariants checked after
 * every step, then everything healed, liveness and convergence checked, and the whole client
 * history checked for linearizability. A pure function of its options.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { seed, durationMs = 15_000, bug } = options;
  const swarm = options.swarm ? drawSwarm(seed) : undefined;
  const nodes = swarm?.nodes ?? options.nodes;
  const clients = swarm?.clients ?? options.clients ?? 3;
  const keys = swarm?.keys ?? options.keys ?? 4;
  const prng = new Prng(seed ^ 0x5eed5eed);
  const trace = traceHasher();
  const g = createGroup({
    nodes, seed, machine: 'kv',
    config: makeConfig({
      features: { ...LAB_FEATURES, ...options.features, ...(bug && bug in BUG_NEEDS ? BUG_NEEDS[bug as BugName] : {}) },
      ...(bug && bug !== 'ackBeforePersist' ? { bugs: { [bug]: true } } : {}),
    }),
    diskLatencyMs: swarm?.diskLatencyMs ?? { min: 0, max: 8 },
    ...(bug === 'ackBeforePersist' ? { ackBeforePersist: true } : {}),
    trace: trace.add,
  });
  const history = new History();
  const membership = options.membership ? newMembershipStats() : undefined;
  const log: string[] = swarm ? [describeSwarm(swarm)] : [];
  const summary = (failure?: { check: CheckName; text: string }, linearizability?: LinearizabilityResult): ChaosResult => ({
    seed, nodes, ok: failure === undefined, ...(failure ? { failure: failure.text, caughtBy: failure.check } : {}),
    ...(linearizability ? { linearizability } : {}), traceHash: trace.hash(),
    operations: history.ops.length, completed: history.ops.filter((op) => op.return !== null).length, virtualMs: g.now, log,
    ...(membership ? { membership } : {}),
  });
  let scenarioFailure: { check: CheckName; text: string } | undefined;
  const fail = (check: CheckName, text: string): void => { scenarioFailure ??= { check, text }; };
  try {
    await faultPhase(g, prng, history, log, { durationMs, clients, keys, profile: swarm?.profile ?? DEFAULT_PROFILE, fail, ...(membership ? { membership: { method: options.membership!, stats: membership } } : {}) });
    if (scenarioFailure) return summary(scenarioFailure);
    healEverything(g as Group<unknown, unknown>, (line) => log.push(line));
    const stuck = await settle(g, prng, history, membership !== undefined);
    if (stuck) return summary(stuck);
  } catch (error) {
    if (error instanceof InvariantViolation) {
      log.push('--- steps before the violation:', ...error.recentEvents);
      return summary({ check: error.invariant, text: error.message });
    }
    throw error;
  }
  const linearizability = checkKvHistory(history.ops);
  return linearizability.ok ? summary(undefined, linearizability)
    : summary({ check: 'linearizability', text: `history is not linearizable: ${linearizability.explanation}` }, linearizability);
}

async function faultPhase(g: Group<KvCommand, KvResult>, prng: Prng, history: History, log: string[], o: { durationMs: number; clients: number; keys: number; profile: NemesisProfile; fail: ScenarioFailure; membership?: { readonly method: MembershipMethod; readonly stats: MembershipStats } }): Promise<void> {
  let stop = false;
  const shouldStop = (): boolean => stop;
  const clientOptions = { keys: o.keys, maxAttempts: 6, attemptTimeoutMs: 800 };
  const load: Load = { quietUntil: 0, direct: directClient(g, history) };
  const threads = [
    runNemesis(g as Group<unknown, unknown>, new Prng(prng.fork()), shouldStop, (line) => log.push(line), load, o.profile, o.fail, o.membership),
    ...Array.from({ length: o.clients }, (_, i) => runClient(g, `c${i}`, new Prng(prng.fork()), history, clientOptions, shouldStop, load)),
  ];
  for (const t of threads) t.catch(() => undefined);
  await g.sleep(o.durationMs);
  stop = true;
  await Promise.all(threads);
}

/**
 * After healing, three phases. Liveness (commit): a new operation commits within 10 s. Liveness
 * (catch-up): with a leader that stays in office, every follower holds the leader's log within 3 s
 * (liveness.ts) — a follower stranded for good fails here, by name. Convergence: every node ends
 * with the same applied state. Without a no-op entry a new leader cannot tell followers about
 * commits of earlier terms (§5.4.2), so each convergence round commits one more operation.
 */
async function settle(g: Group<KvCommand, KvResult>, prng: Prng, history: History, membership: boolean): Promise<{ check: CheckName; text: string } | null> {
  let settled = false;
  // With membership changes, the operator keeps shutting down servers each committed removal leaves out (§4.2.2).
  const janitor = membership ? (async () => {
    while (!settled) {
      retireRemoved(g as Group<unknown, unknown>, () => undefined);
      await g.sleep(100);
    }
  })() : Promise.resolve();
  try {
    return await settleRounds(g, prng, history);
  } finally {
    settled = true;
    await janitor;
  }
}

async function settleRounds(g: Group<KvCommand, KvResult>, prng: Prng, history: History): Promise<{ check: CheckName; text: string } | null> {
  for (let round = 0; round < 10; round++) {
    const answered = await finalOperation(g, prng, history, `final${round}`, round === 0 ? 10_000 : 3_000);
    if (!answered) return { check: 'liveness (commit)', text: `liveness (commit): no operation committed within ${round === 0 ? 10 : 3} s after every fault was healed; ${clusterSummary(g)}` };
    if (round === 0) {
      const laggard = await catchUp(g as Group<unknown, unknown>);
      if (laggard) return { check: 'liveness (catch-up)', text: `liveness (catch-up): ${laggard}; ${clusterSummary(g)}` };
    }
    await g.sleep(2 * 150 + 50); // two heartbeats carry the new commit index to every follower
    if (converged(g)) return null;
  }
  return { check: 'convergence', text: `convergence: nodes still differ after healing; ${clusterSummary(g)}` };
}

/** Run one more client operation; true if it was answered within `withinMs`. */
async function finalOperation(g: Group<KvCommand, KvResult>, prng: Prng, history: History, client: string, withinMs: number): Promise<boolean> {
  let done = false;
  const before = history.ops.length;
  const answered = (): boolean => history.ops.slice(before).some((op) => op.return !== null);
  const running = runClient(g, client, new Prng(prng.fork()), history, { keys: 1, maxAttempts: 12, attemptTimeoutMs: 1000, writesOnly: true }, () => done || answered());
  running.catch(() => undefined); // a violation surfaces through the sleeps below
  const deadline = g.now + withinMs;
  while (g.now < deadline && !answered()) await g.sleep(50);
  done = true;
  await running;
  return answered();
}

/** One line per node: role, term, vote, log end, commit and applied index. */
function clusterSummary(g: Group<KvCommand, KvResult>): string {
  return g.cluster.nodes.map((n, i) => {
    const c = n.core;
    if (g.cluster.isRetired(i)) return `node ${i}: removed`;
    return `node ${i}: ${c.role}${c.recovering ? ' (recovering)' : ''} t${c.term} voted ${c.votedFor ?? '-'} log ..${c.log.lastIndex}/t${c.log.lastTerm} commit ${c.commitIndex} applied ${c.lastApplied}`;
  }).join('; ');
}

/** Every member of the committed configuration (every node, without membership changes) applied the same. */
function converged(g: Group<KvCommand, KvResult>): boolean {
  const members = finalMembers(g as Group<unknown, unknown>);
  const applied = members.map((id) => g.cluster.node(id).core.lastApplied);
  if (applied.some((a) => a !== applied[0])) return false;
  const contents = members.map((id) => JSON.stringify((g.cluster.machines[id] as unknown as KvStateMachine).entries().sort()));
  return contents.every((c) => c === contents[0]);
}

export function chaosReplayCommand(options: ChaosOptions): string {
  const shape = options.swarm ? '--swarm' : `--nodes ${options.nodes}`;
  const features = Object.entries(options.features ?? {}).filter(([, on]) => on).map(([name]) => ` --feature ${name}`).join('');
  return `npm run chaos -- --seed ${options.seed} ${shape}${features}${options.membership ? ` --membership ${options.membership}` : ''}${options.bug ? ` --bug ${options.bug}` : ''}`;
}
