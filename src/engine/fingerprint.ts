import type { SimCluster } from '../sim/cluster';
import type { SimEngine } from './sim-engine';

/**
 * Everything a simulated run's moment consists of, as one string, for tests and benchmarks that
 * check time travel: each node's core status and exported state, its durable storage, its state
 * machine, the network (configuration and counters), the scheduler's pending deliveries, timers
 * and disk writes (time, order, call and arguments), and the views the page is shown. Two engines
 * with equal fingerprints that are then fed the same actions stay equal (the tests check that too,
 * which covers what a fingerprint cannot read: the PRNGs' state).
 */
export function fingerprint(engine: SimEngine): string {
  return JSON.stringify({ ...worldParts(engine.simulation), views: engine.getState().nodes }, plain);
}

/**
 * The same for a simulation driven by something else (the lab's harness): its own wake-ups are
 * left out (`wakeSteps` of the scheduler's steps, and its closures), and pending calls are listed
 * in order without their sequence numbers, which the harness's wake-ups also consumed.
 */
export function simFingerprint(sim: SimCluster<unknown, unknown>, wakeSteps: number): string {
  return JSON.stringify(worldParts(sim, { wakeSteps, seq: false }), plain);
}

function worldParts(sim: SimCluster<unknown, unknown>, options: { wakeSteps: number; seq: boolean } = { wakeSteps: 0, seq: true }): object {
  const pending = (sim.scheduler as unknown as { heap: { time: number; seq: number; action: unknown }[] }).heap
    .filter(({ action }) => options.seq || typeof action !== 'function')
    .sort((a, b) => a.time - b.time || a.seq - b.seq)
    .map(({ time, seq, action }) => ({ time, ...(options.seq ? { seq } : {}), call: typeof action === 'function' ? 'closure' : callOf(action as { method: string; args: readonly unknown[] }, options.seq) }));
  return {
    now: sim.now,
    steps: sim.scheduler.steps - options.wakeSteps,
    nodes: sim.members.map((id) => ({
      down: sim.isDown(id),
      incarnation: sim.incarnationOf(id),
      storageError: sim.storageErrors[id],
      writing: sim.writeInFlight(id),
      status: sim.isDown(id) ? null : sim.node(id).core.status(),
      core: sim.isDown(id) ? null : sim.node(id).core.exportState(),
      storage: safely(() => sim.storages[id]!.load()),
      machine: sim.isDown(id) ? null : machineContents(sim.machines[id]),
    })),
    network: sim.network.configuration,
    stats: sim.network.stats,
    pending,
  };
}

/**
 * A scheduled call as data. Without sequence numbers (a harness's world against the engine's), a
 * delivery's second argument is left out too: it is what a viewer is told of the message (the
 * page's dots), present only where someone watches, and no part of the protocol's state.
 */
function callOf(action: { method: string; args: readonly unknown[] }, withViewerInfo: boolean): object {
  return { method: action.method, args: action.method === 'arrive' && !withViewerInfo ? action.args.slice(0, 1) : action.args };
}

function plain(_: string, value: unknown): unknown {
  return value instanceof Uint8Array ? Array.from(value) : value instanceof Map ? [...value] : value instanceof Set ? [...value] : value;
}

function machineContents(machine: unknown): unknown {
  return machine ? { ...(machine as object) } : null;
}

function safely(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}
