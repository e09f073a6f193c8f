import { exploreOf, timeTravelOf } from '../../../engine/cluster';
import type { LessonTarget } from '../../../lessons/actions';
import type { PageApp } from '../../app/boot';
import { setBug } from '../../commands/cluster';
import { healAll, partition, setTiming } from '../../commands/network';
import { crashNode, forceTimeout, isolateNode, restartNode, snapshotNode } from '../../commands/nodes';

/**
 * A lesson's actions on the page: through the page's own commands (the ones its buttons run, so
 * "Show me" does what the learner would, and the timeline says so), and the simulated engine's
 * time travel and explore mode. Null when the page cannot run a lesson (no simulated engine).
 */
export function pageTarget(app: PageApp): LessonTarget | null {
  const { cluster, commands: ctx } = app;
  const travel = cluster && timeTravelOf(cluster);
  const explore = cluster && exploreOf(cluster);
  if (!cluster || !ctx || !travel || !explore) return null;
  return {
    view: () => {
      const state = cluster.getState();
      return { nodes: state.nodes, network: state.network, config: state.config };
    },
    now: () => cluster.now(),
    crash: (node) => crashNode.perform(ctx, node),
    restart: (node) => void restartNode.perform(ctx, node),
    timeout: (node) => forceTimeout.perform(ctx, node),
    partition: (groups) => partition.perform(ctx, groups),
    heal: () => healAll.perform(ctx),
    isolate: (node) => isolateNode.perform(ctx, node),
    // As the Client form sends it, as client A (not awaited: it answers once committed, perhaps much later).
    put: (node, key, value) => void ctx.clients.submit('A', { op: 'put', key, value }, node),
    setBug: (bug, on) => setBug.perform(ctx, { bug, on }),
    setTiming: (timing) => setTiming.perform(ctx, timing),
    snapshot: (node) => void snapshotNode.perform(ctx, node),
    pause: () => cluster.pause(),
    resume: () => cluster.resume(),
    seek: (ms) => travel.seek(ms),
    // The network set to itself: a recorded action that changes nothing, so the run forks here.
    fork: () => cluster.setNetwork(cluster.getNetwork()),
    stepForward: () => travel.stepForward(),
    pending: () => explore.pending(),
    explore: (choice) => explore.explore(choice),
    // A round trip to the engine's worker: it answers after the states of everything sent before.
    settle: async () => { await explore.pending(); },
  };
}
