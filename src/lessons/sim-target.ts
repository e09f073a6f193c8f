import { SimEngine } from '../engine/sim-engine';
import { RAFT_PROFILES } from '../raft/config';
import { AUTO_COMPACT_ENTRIES, TEACHING_DELAY_MS } from '../ui/app/defaults';
import type { LessonTarget } from './actions';
import type { Lesson } from './format';

/**
 * A lesson's target without a page (tests, and replaying a lesson in a terminal): the simulated
 * engine itself, built as the page builds it for the lesson's URL (the page's default delay and
 * automatic compaction, the lesson's seed, size and profile).
 */
export function simTarget(lesson: Lesson): { engine: SimEngine; target: LessonTarget } {
  const engine = new SimEngine({
    size: lesson.size, seed: lesson.seed, wall: () => 0, speed: lesson.speed ?? 1,
    raft: { trace: true, autoCompactEntries: AUTO_COMPACT_ENTRIES, features: RAFT_PROFILES[lesson.profile] },
    linkPolicy: { delayMinMs: TEACHING_DELAY_MS[0], delayMaxMs: TEACHING_DELAY_MS[1] },
  });
  engine.pause();
  const target: LessonTarget = {
    view: () => {
      const state = engine.getState();
      return { nodes: state.nodes, network: state.network, config: state.config };
    },
    now: () => engine.now(),
    crash: (node) => engine.crash(node),
    restart: (node) => void engine.restart(node),
    timeout: (node) => engine.forceElectionTimeout(node),
    partition: (groups) => engine.partition(groups),
    heal: () => engine.healAll(),
    isolate: (node) => engine.isolate(node),
    put: (node, key, value) => void engine.propose(node, { op: 'put', key, value }),
    setBug: (bug, on) => engine.setBugs({ [bug]: on }),
    setTiming: (timing) => engine.setTiming(timing),
    snapshot: (node) => void engine.saveSnapshot(node),
    pause: () => engine.pause(),
    // No page runs the clock here: resuming is letting time pass, which the caller does with seek.
    resume: () => undefined,
    seek: async (ms) => engine.seek(ms),
    fork: () => engine.setNetwork(engine.getNetwork()),
    stepForward: async () => engine.stepForward(),
    pending: async () => engine.pending(),
    explore: async (choice) => engine.explore(choice),
    // Proposals reach the engine in a microtask (batched per task, as on the page).
    settle: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
  return { engine, target };
}
