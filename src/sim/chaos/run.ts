import { checkKvHistory, type LinearizabilityResult } from '../../checks/linearizability';
import { InvariantViolation } from '../../checks/invariants/types';
import { KvStateMachine } from '../../kv/machine';
import type { KvCommand, KvResult } from '../../kv/types';
import { makeConfig, NO_BUGS, type BugSwitches } from '../../raft/config';
import { Prng } from '../../raft/prng';
import { createGroup, type Group } from '../harness';
import { runClient, type Load } from './clients';
import { History } from './history';
import { healEverything, runNemesis } from './nemesis';

export type BugName = keyof BugSwitches | 'ackBeforePersist';
export const BUG_NAMES: readonly BugName[] = [...(Object.keys(NO_BUGS) as (keyof BugSwitches)[]), 'ackBeforePersist'];

export interface ChaosOptions {
  readonly seed: number;
  readonly nodes: number;
  /** Virtual time under faults before everything is healed. */
  readonly durationMs?: number;
  readonly clients?: number;
  readonly keys?: number;
  readonly bug?: BugName;
}

export interface ChaosResult {
  readonly seed: number;
  readonly ok: boolean;
  /** What broke: an invariant, linearizability, or liveness after healing. */
  readonly failure?: string;
  readonly operations: number;
  readonly completed: number;
  readonly virtualMs: number;
  readonly linearizability?: LinearizabilityResult;
  /** The fault schedule and, for an invariant violation, the steps before it. */
  readonly log: readonly string[];
}

/**
 * One chaos run: concurrent KV clients under a seeded fault schedule, invariants checked after
 * every step, then everything healed, liveness and convergence checked, and the whole client
 * history checked for linearizability. A pure function of its options.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { seed, nodes, durationMs = 15_000, clients = 3, keys = 4, bug } = options;
  const prng = new Prng(seed ^ 0x5eed5eed);
  const g = createGroup({
    nodes, seed, machine: 'kv',
    config: makeConfig(bug && bug !== 'ackBeforePersist' ? { bugs: { [bug]: true } } : {}),
    diskLatencyMs: { min: 0, max: 8 },
    ...(bug === 'ackBeforePersist' ? { ackBeforePersist: true } : {}),
  });
  const history = new History();
  const log: string[] = [];
  const summary = (ok: boolean, failure?: string, linearizability?: LinearizabilityResult): ChaosResult => ({
    seed, ok, ...(failure ? { failure } : {}), ...(linearizability ? { linearizability } : {}),
    operations: history.ops.length, completed: history.ops.filter((op) => op.return !== null).length, virtualMs: g.now, log,
  });
  try {
    await faultPhase(g, prng, history, log, { durationMs, clients, keys });
    healEverything(g as Group<unknown, unknown>, (line) => log.push(line));
    const stuck = await settle(g, prng, history);
    if (stuck) return summary(false, stuck);
  } catch (error) {
    if (error instanceof InvariantViolation) {
      log.push('--- steps before the violation:', ...error.recentEvents);
      return summary(false, error.message);
    }
    throw error;
  }
  const linearizability = checkKvHistory(history.ops);
  return linearizability.ok ? summary(true, undefined, linearizability) : summary(false, `history is not linearizable: ${linearizability.explanation}`, linearizability);
}

async function faultPhase(g: Group<KvCommand, KvResult>, prng: Prng, history: History, log: string[], o: { durationMs: number; clients: number; keys: number }): Promise<void> {
  let stop = false;
  const shouldStop = (): boolean => stop;
  const clientOptions = { keys: o.keys, maxAttempts: 6, attemptTimeoutMs: 800 };
  const load: Load = { quietUntil: 0 };
  const threads = [
    runNemesis(g as Group<unknown, unknown>, new Prng(prng.fork()), shouldStop, (line) => log.push(line), load),
    ...Array.from({ length: o.clients }, (_, i) => runClient(g, `c${i}`, new Prng(prng.fork()), history, clientOptions, shouldStop, load)),
  ];
  for (const t of threads) t.catch(() => undefined);
  await g.sleep(o.durationMs);
  stop = true;
  await Promise.all(threads);
}

/**
 * After healing: a new operation must commit within 10 s (liveness), and then every node must
 * converge to the same applied state. Without a no-op entry a new leader cannot tell followers about
 * commits of earlier terms (§5.4.2), so each convergence round commits one more operation.
 */
async function settle(g: Group<KvCommand, KvResult>, prng: Prng, history: History): Promise<string | null> {
  for (let round = 0; round < 10; round++) {
    const answered = await finalOperation(g, prng, history, `final${round}`, round === 0 ? 10_000 : 3_000);
    if (!answered) return `liveness: no operation committed within ${round === 0 ? 10 : 3} s after every fault was healed; ${clusterSummary(g)}`;
    await g.sleep(2 * 150 + 50); // two heartbeats carry the new commit index to every follower
    if (converged(g)) return null;
  }
  return `convergence: nodes still differ after healing; ${clusterSummary(g)}`;
}

/** Run one more client operation; true if it was answered within `withinMs`. */
async function finalOperation(g: Group<KvCommand, KvResult>, prng: Prng, history: History, client: string, withinMs: number): Promise<boolean> {
  let done = false;
  const before = history.ops.length;
  const answered = (): boolean => history.ops.slice(before).some((op) => op.return !== null);
  const running = runClient(g, client, new Prng(prng.fork()), history, { keys: 1, maxAttempts: 12, attemptTimeoutMs: 1000 }, () => done || answered());
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
    return `node ${i}: ${c.role} t${c.term} voted ${c.votedFor ?? '-'} log ..${c.log.lastIndex}/t${c.log.lastTerm} commit ${c.commitIndex} applied ${c.lastApplied}`;
  }).join('; ');
}

function converged(g: Group<KvCommand, KvResult>): boolean {
  const applied = g.cluster.nodes.map((n) => n.core.lastApplied);
  if (applied.some((a) => a !== applied[0])) return false;
  const contents = g.cluster.machines.map((m) => JSON.stringify((m as unknown as KvStateMachine).entries().sort()));
  return contents.every((c) => c === contents[0]);
}

export function chaosReplayCommand(options: ChaosOptions): string {
  return `npm run chaos -- --seed ${options.seed} --nodes ${options.nodes}${options.bug ? ` --bug ${options.bug}` : ''}`;
}
