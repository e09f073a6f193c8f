import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine/cluster';
import { InvariantMonitor } from '../checks/invariant-monitor';
import type { UiClients } from '../kv/ui-client';
import { FlightTracker } from '../model/flights';
import { createAppStore } from '../store/store';
import { clusterState, nodeView } from '../test/fixtures';
import { recordMessages } from '../app/message-feed';
import { resetCluster, setBug, setSize, toggleTheme } from './cluster';
import { commandForKey, keyBelongsToTarget } from './keyboard';
import { cutLink, healLink, partition } from './network';
import { crashNode, forceTimeout, isolateNode, restartNode, snapshotNode } from './nodes';
import { nextSpeed, step, togglePause } from './time';
import type { CommandContext } from './types';

/** Commands are data: a label for the control, what it does to the cluster, the key that runs it. */

function fakeContext(nodes = [nodeView(0, { role: 'leader' }), nodeView(1), nodeView(2)]) {
  const calls: unknown[][] = [];
  let state = clusterState(nodes);
  const record = (name: string) => (...args: unknown[]) => { calls.push([name, ...args]); };
  const cluster = {
    getState: () => state, size: nodes.length, getNetwork: () => state.network, getConfig: () => state.config, now: () => 0,
    crash: record('crash'), restart: record('restart'), forceElectionTimeout: record('forceElectionTimeout'), isolate: record('isolate'),
    rejoin: record('rejoin'), cutLink: record('cutLink'), healLink: record('healLink'), partition: record('partition'),
    step: record('step'), setBugs: record('setBugs'),
    pause: () => { calls.push(['pause']); state = { ...state, clock: { ...state.clock, paused: true } }; },
    resume: record('resume'), setSpeed: record('setSpeed'),
    saveSnapshot: async (node: number) => { calls.push(['saveSnapshot', node]); return true; },
    reset: async (options: unknown) => { calls.push(['reset', options]); },
    subscribeTraffic: () => () => undefined, subscribeEvents: () => () => undefined, subscribe: () => () => undefined,
  } as unknown as Cluster;
  const store = createAppStore();
  const notes: string[] = [];
  const ctx: CommandContext = {
    cluster, store, flights: new FlightTracker(), monitor: new InvariantMonitor(() => undefined, () => 0),
    clients: { clear: () => undefined } as unknown as UiClients,
    note: (title) => { notes.push(title); },
  };
  return { ctx, calls, notes, store };
}

describe('node commands', () => {
  it('act at once on the node chosen, are named for it, and say so in the timeline', async () => {
    const { ctx, calls, notes, store } = fakeContext();
    const state = store.getState();
    expect([crashNode, restartNode, isolateNode, snapshotNode].map((c) => c.label(2, state))).toEqual(['Crash node 2', 'Restart node 2', 'Isolate node 2', 'Save snapshot on node 2']);
    crashNode.perform(ctx, 2);
    restartNode.perform(ctx, 2);
    await snapshotNode.perform(ctx, 1);
    expect(calls).toEqual([['crash', 2], ['restart', 2], ['saveSnapshot', 1]]);
    expect(notes[0]).toBe('You crashed node 2');
  });

  it('force a follower\'s election timeout; on a leader they explain why nothing happens', () => {
    const { ctx, calls, notes } = fakeContext();
    forceTimeout.perform(ctx, 1);
    forceTimeout.perform(ctx, 0);
    expect(calls).toEqual([['forceElectionTimeout', 1]]);
    expect(notes[1]).toContain('nothing happens');
  });
});

describe('link and partition commands', () => {
  it('cut one way or both, named by direction', () => {
    const { ctx, calls, store } = fakeContext();
    const state = store.getState();
    expect(cutLink.label({ a: 1, b: 3, direction: 'both' }, state)).toBe('Cut link 1–3');
    expect(cutLink.label({ a: 1, b: 3, direction: 'backward' }, state)).toBe('Cut link 3→1 only');
    cutLink.perform(ctx, { a: 1, b: 3, direction: 'backward' });
    healLink.perform(ctx, { a: 1, b: 3, direction: 'both' });
    partition.perform(ctx, [[0], [1, 2]]);
    expect(calls).toEqual([['cutLink', 3, 1, { oneWay: true }], ['healLink', 1, 3, { oneWay: false }], ['partition', [[0], [1, 2]]]]);
  });
});

describe('time commands', () => {
  it('pause and resume by one toggle, labelled for what it will do', () => {
    const { ctx, calls, store } = fakeContext();
    expect(togglePause.label(undefined, store.getState())).toBe('Pause');
    togglePause.perform(ctx);
    togglePause.perform(ctx);
    expect(calls).toEqual([['pause'], ['resume']]);
    step.perform(ctx);
    expect(calls.at(-1)?.[0]).toBe('step');
  });

  it('walk the speed ladder up and down, stopping at its ends', () => {
    expect(nextSpeed(0.15, 1)).toBe(0.25);
    expect(nextSpeed(0.15, -1)).toBe(0.1);
    expect(nextSpeed(4, 1)).toBe(4);
    expect(nextSpeed(0.05, -1)).toBe(0.05);
    expect(nextSpeed(0.3, -1)).toBe(0.25);
  });
});

describe('cluster commands', () => {
  it('a new size wipes the page\'s history along with the cluster', async () => {
    const { ctx, calls, store } = fakeContext();
    store.getState().addTimeline([{ at: 0, kind: 'user', nodes: [], title: 'old' }]);
    await setSize.perform(ctx, 7);
    expect(calls).toEqual([['reset', { size: 7 }]]);
    expect(store.getState().timeline.map((r) => r.title)).toEqual([]);
  });

  it('Reset forgets the old cluster\'s messages too: the space-time diagram starts empty', async () => {
    const { ctx, store } = fakeContext();
    const log = recordMessages(ctx.cluster, store);
    log.addStatus(1, 500, 'crashed');
    expect(log.marks).toHaveLength(1);
    await resetCluster.perform({ ...ctx, messages: log });
    expect(log.marks).toEqual([]);
  });

  it('inject a bug by name, and switch the theme', () => {
    const { ctx, calls, store } = fakeContext();
    setBug.perform(ctx, { bug: 'grantVoteWithoutUpToDate', on: true });
    expect(calls).toEqual([['setBugs', { grantVoteWithoutUpToDate: true }]]);
    toggleTheme.perform(ctx);
    expect(store.getState().theme).toBe('dark');
  });
});

describe('keyboard shortcuts', () => {
  it('map keys to commands, taking the node from the selection', () => {
    const { store } = fakeContext();
    expect(commandForKey({ key: ' ' }, store.getState())?.command).toBe(togglePause);
    expect(commandForKey({ key: 'c' }, store.getState())).toBeNull(); // nothing selected
    store.getState().select({ kind: 'node', node: 2 });
    expect(commandForKey({ key: 'c' }, store.getState())).toEqual({ command: crashNode, arg: 2 });
    expect(commandForKey({ key: '3' }, store.getState())?.arg).toBe(3);
    expect(commandForKey({ key: 'c', ctrlKey: true }, store.getState())).toBeNull();
  });

  it('leave typing and pressing a focused button alone', () => {
    expect(keyBelongsToTarget({ tagName: 'INPUT' } as unknown as EventTarget, 'c')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'BUTTON', getAttribute: () => null } as unknown as EventTarget, ' ')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'BUTTON', getAttribute: () => null } as unknown as EventTarget, 'c')).toBe(false);
    expect(keyBelongsToTarget({ tagName: 'DIV', getAttribute: () => null } as unknown as EventTarget, ' ')).toBe(false);
  });
});
