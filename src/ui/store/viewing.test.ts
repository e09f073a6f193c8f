import { describe, expect, it } from 'vitest';
import type { Cluster, TimeTravel } from '../../engine/cluster';
import type { RunPosition } from '../../engine/run';
import type { RaftEvent } from '../../raft/events';
import type { NodeId } from '../../raft/types';
import type { ClusterState } from '../../runtime/cluster';
import type { FrameLoop } from '../anim/frame-loop';
import { connectFeeds } from '../app/feeds';
import { InvariantMonitor } from '../checks/invariant-monitor';
import type { ClientOp } from '../kv/history';
import { FlightTracker } from '../model/flights';
import { ReplacementTracker } from '../model/log-grid';
import { visible } from '../components/timeline/Timeline';
import { clusterState, nodeView } from '../test/fixtures';
import { createAppStore, type AppStore } from './store';
import { selectPastAt } from './time-slice';

/**
 * Which moment the page shows (issue 9, items 3 and 4): the store's `viewing`, the state feeds.ts
 * hands the panels, and the timeline rows and client operations hidden after a past moment.
 * The engines are fakes here: a live one whose clock we move, and one that travels in time.
 */

const paused = (virtualMs: number) => ({ anchorWallMs: 0, anchorVirtualMs: virtualMs, speed: 1, paused: true });

/** A cluster state at virtual ms `at` with node `leader` (0 unless told) leading term `term` (a paused clock there). */
function stateAt(at: number, term: number, run?: RunPosition, leader = 0): ClusterState {
  const base = clusterState([0, 1, 2].map((id) => nodeView(id, id === leader ? { term, role: 'leader', at, leaderId: leader } : { term, at, leaderId: leader })));
  return { ...base, clock: paused(at), ...(run ? { run } : {}) };
}

const position = (at: number, endAt: number, forks = 0): RunPosition => ({ at, endAt, step: at / 10, endStep: endAt / 10, inPast: at < endAt, forks });

/** A fake engine: getState, the four streams and now(); `emit` sends a state, `events` rule events. */
class FakeCluster {
  state: ClusterState;
  private readonly states = new Set<(s: ClusterState) => void>();
  private readonly eventListeners = new Set<(node: NodeId, events: readonly RaftEvent[]) => void>();
  constructor(first: ClusterState) { this.state = first; }
  getState(): ClusterState { return this.state; }
  now(): number { return this.state.clock.anchorVirtualMs; }
  subscribe(l: (s: ClusterState) => void) { this.states.add(l); return () => this.states.delete(l); }
  subscribeEvents(l: (node: NodeId, events: readonly RaftEvent[]) => void) { this.eventListeners.add(l); return () => this.eventListeners.delete(l); }
  subscribeTraffic() { return () => {}; }
  subscribeApplied() { return () => {}; }
  emit(state: ClusterState): void { this.state = state; for (const l of this.states) l(state); }
  events(node: NodeId, events: RaftEvent[]): void { for (const l of this.eventListeners) l(node, events); }
}

/** The fake with TimeTravel's methods: seek jumps to a recorded state (the test plays the engine). */
class FakeTravelCluster extends FakeCluster implements TimeTravel {
  onSeek: (at: number) => void = () => {};
  async seek(at: number): Promise<void> { this.onSeek(at); }
  async stepBack(): Promise<void> {}
  async stepForward(): Promise<void> {}
  async exportRun(): Promise<never> { throw new Error('not in this test'); }
  subscribeNotes(): () => void { return () => {}; }
}

/** Feeds over the fake; the wall clock moves 250 ms per state (slower than the buffer samples). */
function connect(cluster: FakeCluster): { store: AppStore; violations: string[] } {
  const store = createAppStore();
  const violations: string[] = [];
  const monitor = new InvariantMonitor((report) => violations.push(report.invariant), () => cluster.now());
  let wall = 0;
  connectFeeds({
    cluster: cluster as unknown as Cluster, store, flights: new FlightTracker(), monitor,
    replacements: new ReplacementTracker(), loop: { wake() {} } as unknown as FrameLoop, wallNow: () => (wall += 250),
  });
  return { store, violations };
}

const leaderEvent = (node: NodeId, term: number): RaftEvent => ({ kind: 'becameLeader', node, term, text: 'majority of votes (§5.2)' });

const op = (id: number, status: ClientOp['status']): ClientOp => ({
  id, client: 'A', command: { op: 'put', key: `k${id}`, value: 'v' }, target: 'leader', call: id, return: status === 'pending' ? null : id + 1, status,
  ...(status === 'ok' ? { result: { succ: true } } : {}),
} as ClientOp);

describe('rewind on the live engine (a fake engine whose clock we move)', () => {
  it('shows a kept state while rewound, the live one again after "Back to live"', () => {
    const cluster = new FakeCluster(stateAt(0, 1));
    const { store } = connect(cluster);
    const terms: ClusterState[] = [];
    // Wall time matters to the buffer's sampling: these states come far apart (one per flush).
    for (let term = 1; term <= 5; term++) {
      const state = stateAt(term * 1000, term);
      terms.push(state);
      cluster.emit(state);
    }
    expect(store.getState().nodes[0]!.term).toBe(5);
    expect(selectPastAt(store.getState())).toBeNull();
    expect(store.getState().rewindRange!.to).toBe(5000);

    store.getState().rewindTo(2500);
    expect(store.getState().nodes[0]!.term).toBe(2); // the state kept at 2000 ms, the newest at or before 2500
    expect(selectPastAt(store.getState())).toBe(2000);
    expect(store.getState().shownAt).toBe(2000);

    // The cluster keeps running: the live clock moves on, the shown state does not.
    cluster.emit(stateAt(6000, 6));
    expect(store.getState().nodes[0]!.term).toBe(2);
    expect(store.getState().liveAt).toBe(6000);
    expect(store.getState().liveClock!.anchorVirtualMs).toBe(6000);

    store.getState().backToLive();
    expect(store.getState().nodes[0]!.term).toBe(6);
    expect(selectPastAt(store.getState())).toBeNull();
  });

  it('hides timeline rows and client operations after the moment shown', () => {
    const cluster = new FakeCluster(stateAt(0, 1));
    const { store } = connect(cluster);
    const s = () => store.getState();
    cluster.emit(stateAt(1000, 1));
    s().upsertOp(op(1, 'pending')); // called at 1000 ms
    cluster.events(0, [leaderEvent(0, 1)]);
    cluster.emit(stateAt(2000, 2));
    s().upsertOp(op(1, 'ok')); // answered at 2000 ms
    s().upsertOp(op(2, 'pending')); // called at 2000 ms
    cluster.events(1, [leaderEvent(1, 2)]);
    cluster.emit(stateAt(3000, 2));
    expect(s().opTimes.get(1)).toEqual({ call: 1000, return: 2000 });
    expect(s().opTimes.get(2)).toEqual({ call: 2000, return: null });

    s().rewindTo(1500);
    const until = selectPastAt(s());
    expect(until).toBe(1000);
    expect(visible(s().timeline, true, until).map((row) => row.title)).toEqual(['Node 0 becomes leader of term 1']);
    expect(visible(s().timeline, true, null)).toHaveLength(2);
  });
});

describe('time travel on the simulated engine (a fake engine that goes back)', () => {
  it('shows the past from the engine itself, and adds nothing again while it replays', async () => {
    const cluster = new FakeTravelCluster(stateAt(0, 1, position(0, 0)));
    const { store } = connect(cluster);
    const s = () => store.getState();
    cluster.emit(stateAt(1000, 1, position(1000, 1000)));
    cluster.events(0, [leaderEvent(0, 1)]);
    cluster.emit(stateAt(4000, 2, position(4000, 4000)));
    cluster.events(1, [leaderEvent(1, 2)]);
    cluster.emit(stateAt(4100, 2, position(4100, 4100)));
    expect(s().timeline).toHaveLength(2);
    expect(s().rewindRange).toBeNull(); // nothing kept by the page: the engine keeps its run

    // A seek back: the engine replays from a checkpoint, re-emitting what it already did.
    cluster.onSeek = (at) => {
      cluster.events(0, [leaderEvent(0, 1)]);
      cluster.emit(stateAt(at, 1, position(at, 4100)));
    };
    await s().travel(() => cluster.seek(2000));
    expect(s().timeline).toHaveLength(2);
    expect(s().run!.inPast).toBe(true);
    expect(selectPastAt(s())).toBe(2000);
    expect(s().nodes[0]!.term).toBe(1);
    expect(visible(s().timeline, true, selectPastAt(s())).map((row) => row.title)).toEqual(['Node 0 becomes leader of term 1']);
    expect(s().travelling).toBe(0);
  });

  it('checks every live state: two leaders of one term in one run are a violation', () => {
    const cluster = new FakeTravelCluster(stateAt(0, 1, position(0, 0)));
    const { violations } = connect(cluster);
    cluster.emit(stateAt(5000, 3, position(5000, 5000), 2));
    cluster.emit(stateAt(5500, 3, position(5500, 5500), 1));
    expect(violations).not.toEqual([]);
  });

  it('after a fork, says where it forked and drops the old future\'s rows and operations', async () => {
    const cluster = new FakeTravelCluster(stateAt(0, 1, position(0, 0)));
    const { store, violations } = connect(cluster);
    const s = () => store.getState();
    cluster.emit(stateAt(1000, 1, position(1000, 1000)));
    s().upsertOp(op(1, 'ok'));
    cluster.events(0, [leaderEvent(0, 1)]);
    cluster.emit(stateAt(5000, 3, position(5000, 5000)));
    s().upsertOp(op(2, 'pending')); // in what will be the old future
    cluster.events(2, [leaderEvent(2, 3)]);
    cluster.emit(stateAt(5100, 3, position(5100, 5100)));
    cluster.onSeek = (at) => cluster.emit(stateAt(at, 1, position(at, 5100)));
    await s().travel(() => cluster.seek(3000));

    // The user acts at 3000 ms: the engine forks there (forks 0 → 1) and the run ends at 3000.
    cluster.emit(stateAt(3000, 1, position(3000, 3000, 1)));
    expect(s().fork).toEqual({ at: 3000 });
    expect(s().timeline.map((row) => row.title)).toEqual(['Node 0 becomes leader of term 1']);
    expect(s().ops.map((o) => o.id)).toEqual([1]);
    // In the new future node 1 leads term 3 (node 2 did in the dropped one): no Election Safety violation.
    cluster.emit(stateAt(3500, 3, position(3500, 3500, 1), 1));
    expect(violations).toEqual([]);
    expect(s().timeline.length).toBe(1);

    // The next move in time clears the notice.
    cluster.onSeek = () => {};
    await s().travel(() => cluster.seek(1000));
    expect(s().fork).toBeNull();
  });
});
