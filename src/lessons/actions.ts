import type { RaftTiming } from '../raft/config';
import type { BugName } from '../shared/bugs';
import type { ExploreChoice, PendingItem } from '../sim/explore';
import { resolveNode, type LessonView } from './checkpoints';
import type { LessonAction, NodeRef } from './format';

/**
 * What a lesson acts on: in the page, the page's own commands (so "Show me" does exactly what the
 * buttons do, and the timeline says so); in tests, a SimEngine. Every method acts at once; the
 * ones that return a promise resolve once the engine's state shows the result.
 */
export interface LessonTarget {
  view(): LessonView;
  now(): number;
  crash(node: number): void;
  restart(node: number): void;
  timeout(node: number): void;
  partition(groups: readonly (readonly number[])[]): void;
  heal(): void;
  isolate(node: number): void;
  put(node: number, key: string, value: string): void;
  setBug(bug: BugName, on: boolean): void;
  setTiming(timing: Partial<RaftTiming>): void;
  snapshot(node: number): void;
  pause(): void;
  resume(): void;
  /** Time travel (TimeTravel.seek): show the run at virtual ms `ms`, paused there. */
  seek(ms: number): Promise<void>;
  /**
   * After travelling back: drop the recorded future, so that playing on does not replay it (the
   * engine forks on the next recorded action; this records one that changes nothing).
   */
  fork(): void;
  stepForward(): Promise<void>;
  pending(): Promise<PendingItem[]>;
  explore(choice: ExploreChoice): Promise<void>;
  /** Resolves once everything asked of the engine so far shows in view(). */
  settle(): Promise<void>;
}

/** How many scheduled events a deliver or drop lets happen while it waits for its message. */
const MAX_EVENTS_WAITED = 40;

/**
 * Carry out one action. `fast`: a replay to a saved step (after a reload), where 'resume' does
 * nothing (the replay lets time pass itself, at once); `beganAt` is where each step began (rewind).
 */
export async function perform(action: LessonAction, target: LessonTarget, options: { fast: boolean; beganAt: readonly number[] }): Promise<void> {
  const node = (ref: NodeRef): number => {
    const id = resolveNode(ref, target.view().nodes);
    if (id === null) throw new Error(`no ${String(ref)} node now`);
    return id;
  };
  switch (action.do) {
    case 'resume': if (!options.fast) target.resume(); return;
    case 'pause': return target.pause();
    case 'run': return target.seek(target.now() + action.ms);
    case 'crash': return target.crash(node(action.node));
    case 'restart': return target.restart(node(action.node));
    case 'timeout': return target.timeout(node(action.node));
    case 'partition': {
      const named = action.groups.map((group) => group.flatMap((ref) => (ref === 'others' ? [] : [node(ref)])));
      const others = target.view().nodes.map((n) => n.id).filter((id) => !named.flat().includes(id));
      return target.partition(action.groups.map((group, i) => (group.includes('others') ? [...named[i]!, ...others] : named[i]!)));
    }
    case 'isolate': return target.isolate(node(action.node));
    case 'heal': return target.heal();
    case 'put': return target.put(node(action.node ?? 'leader'), action.key, action.value);
    case 'bug': return target.setBug(action.bug, action.on);
    case 'timing': {
      const { do: _, ...timing } = action;
      return target.setTiming(timing);
    }
    case 'snapshot': return target.snapshot(node(action.node));
    case 'deliver':
    case 'drop': {
      const from = node(action.from);
      const to = node(action.to);
      const item = await waitForPending(target, (p) => p.kind === 'message' && p.type === action.type && p.from === from && p.to === to && (!action.withEntries || p.size > 0),
        `${action.type} ${from}→${to}`);
      return target.explore({ type: action.do, id: item.id });
    }
    case 'persist': {
      const id = node(action.node);
      const item = await waitForPending(target, (p) => p.kind === 'write' && p.node === id, `node ${id}'s disk write`);
      return target.explore({ type: 'persist', id: item.id });
    }
    case 'rewind': {
      const at = options.beganAt[action.step - 1];
      if (at === undefined) throw new Error(`step ${action.step} has not begun`);
      await target.seek(at);
      return target.fork();
    }
  }
}

/** The pending item `wanted`, letting the run's next events happen one at a time until it is there. */
async function waitForPending(target: LessonTarget, wanted: (item: PendingItem) => boolean, name: string): Promise<PendingItem> {
  for (let events = 0; events <= MAX_EVENTS_WAITED; events++) {
    const item = (await target.pending()).find(wanted);
    if (item) return item;
    await target.stepForward();
  }
  throw new Error(`${name} never came into flight`);
}
