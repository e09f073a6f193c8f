import { describe, expect, it } from 'vitest';
import { RAFT_PROFILES } from '../raft/config';
import type { KvResult } from '../kv/types';
import { KvClient } from '../runtime/client';
import * as net from '../shared/network';
import { LiveRecorder } from './live-recorder';
import { parseRunFile } from './run-file';
import type { RunAction } from './run';
import { SimEngine } from './sim-engine';

/**
 * The live engine's recorder, over a stand-in cluster: the simulated engine driven directly (a
 * Cluster like the live one, whose virtual time the test moves). What matters is what the
 * recorder writes down, and when.
 */

function recorded(options: { seed?: number; maxActions?: number } = {}): { engine: SimEngine; recorder: LiveRecorder } {
  const engine = new SimEngine({
    size: 5, seed: options.seed ?? 7, wall: () => 0,
    raft: { features: RAFT_PROFILES.production, autoCompactEntries: 200 }, linkPolicy: { delayMinMs: 50, delayMaxMs: 75 },
  });
  const recorder = new LiveRecorder(engine, { seed: options.seed ?? 7, trace: true, ...(options.maxActions ? { maxActions: options.maxActions } : {}) });
  return { engine, recorder };
}

const types = (recorder: LiveRecorder): RunAction['type'][] => recorder.run().actions.map((a) => a.action.type);

describe('LiveRecorder', () => {
  it('starts from the cluster as it stands: size, seed, configuration, link policy', () => {
    const { recorder } = recorded();
    const run = recorder.run();
    expect(run.start).toMatchObject({
      size: 5, seed: 7, machine: 'kv', features: RAFT_PROFILES.production, autoCompactEntries: 200, trace: true,
      linkPolicy: { lossPercent: 0, delayMinMs: 50, delayMaxMs: 75 },
    });
    expect(run.actions, 'a network the simulator builds from start alone needs no action').toEqual([]);
    expect(run.note).toBe('live session');
  });

  it('records every action at the virtual ms it was taken, with step null, and none of pause / speed', async () => {
    const { engine, recorder } = recorded();
    engine.advance(1000);
    recorder.crash(2);
    recorder.pause();
    recorder.setSpeed(2);
    recorder.resume();
    engine.advance(500);
    await recorder.restart(2);
    recorder.setTiming({ heartbeatMs: 100 });
    recorder.setBugs({ ackBeforePersist: true });
    recorder.setFeatures({ preVote: false });
    recorder.setAutoCompact(null);
    recorder.forceElectionTimeout(1);
    recorder.transferLeadership(0, 3);
    await recorder.saveSnapshot(4);
    await recorder.resetNode(4);
    const run = recorder.run();
    expect(run.actions.map((a) => [a.at, a.step, a.action.type])).toEqual([
      [1000, null, 'crash'], [1500, null, 'restart'], [1500, null, 'setTiming'], [1500, null, 'setBugs'], [1500, null, 'setFeatures'],
      [1500, null, 'setAutoCompact'], [1500, null, 'forceElectionTimeout'], [1500, null, 'transferLeadership'], [1500, null, 'saveSnapshot'],
      [1500, null, 'resetNode'],
    ]);
    expect(run.actions[7]!.action).toEqual({ type: 'transferLeadership', node: 0, target: 3 });
    expect(run.actions[3]!.action).toEqual({ type: 'setBugs', bugs: { ackBeforePersist: true } });
    expect(run.endAt).toBe(1500);
  });

  it('records every network edit as the whole configuration it left (they all go through setNetwork)', () => {
    const { engine, recorder } = recorded();
    recorder.cutLink(0, 1, { oneWay: true });
    recorder.isolate(3);
    recorder.setLoss(20, { kinds: 'requests' });
    recorder.partition([[0, 1], [2, 3, 4]]);
    recorder.healAll();
    const networks = recorder.run().actions.map((a) => (a.action as Extract<RunAction, { type: 'setNetwork' }>).network);
    expect(types(recorder)).toEqual(Array(5).fill('setNetwork'));
    expect(networks[0]!.cut[0]![1]).toBe(true);
    expect(networks[0]!.cut[1]![0]).toBe(false);
    expect(networks[1]!.isolated[3]).toBe(true);
    expect(networks[2]!.requests.lossPercent).toBe(20);
    expect(networks[2]!.replies.lossPercent).toBe(0);
    expect(networks[3]!.group).toEqual([0, 0, 1, 1, 1]);
    expect(networks[4]).toEqual(engine.getNetwork());
    expect(networks[4]!.requests.lossPercent, 'healAll keeps loss').toBe(20);
  });

  it('records KV commands from a client as proposals, reads marked as reads', async () => {
    const { engine, recorder } = recorded();
    engine.advance(3000); // a leader by then (seed 7)
    const client = new KvClient(recorder, { now: () => engine.now(), sleep: async (ms) => { engine.advance(ms); } }, 'console');
    const settle = (promise: Promise<KvResult>): Promise<KvResult> => {
      const timer = setInterval(() => engine.advance(20), 0);
      return promise.finally(() => clearInterval(timer));
    };
    expect(await settle(client.put('fruit', 'apple'))).toMatchObject({ succ: true });
    expect(await settle(client.get('fruit'))).toMatchObject({ succ: true, value: 'apple' });
    const proposals = recorder.run().actions.map((a) => a.action).filter((a) => a.type === 'propose');
    expect(proposals.at(0)).toMatchObject({ command: { op: 'put', key: 'fruit', value: 'apple', session: { client: 'console.0', seq: 1 } } });
    expect(proposals.at(0)).not.toHaveProperty('read');
    expect(proposals.at(-1)).toMatchObject({ read: true, command: { op: 'get', key: 'fruit' } });
  });

  it('does not record what the cluster refused (a node that does not exist)', () => {
    const { recorder } = recorded();
    expect(() => recorder.crash(9)).toThrow();
    expect(() => recorder.setNetwork(net.initialNetwork(3))).toThrow();
    expect(recorder.run().actions).toEqual([]);
  });

  it('records a reset with the size it asks for', async () => {
    const { recorder } = recorded();
    await recorder.reset({ size: 3 });
    await recorder.reset();
    expect(recorder.run().actions.map((a) => a.action)).toEqual([{ type: 'reset', size: 3 }, { type: 'reset', size: 3 }]);
  });

  it('sets a network first when the cluster\'s is not what the simulator would build from the start alone', () => {
    const engine = new SimEngine({ size: 3, seed: 1, wall: () => 0 });
    engine.setLoss(30, { kinds: 'replies' });
    engine.cutLink(0, 2);
    const run = new LiveRecorder(engine, { seed: 1, trace: false }).run();
    expect(run.actions).toEqual([{ at: 0, step: null, action: { type: 'setNetwork', network: engine.getNetwork() } }]);
  });

  it('hands out a run the run-file parser accepts, through JSON', async () => {
    const { engine, recorder } = recorded();
    engine.advance(800);
    recorder.crash(1);
    recorder.cutLink(2, 3);
    await recorder.restart(1);
    void recorder.propose(0, { op: 'put', key: 'k', value: 'v', session: { client: 'x', seq: 1 } });
    engine.advance(100);
    const run = recorder.run();
    expect(parseRunFile(JSON.stringify(run))).toEqual(run);
    expect(run.endAt).toBe(900);
  });

  it('stops recording when full, and the run it hands out ends where it stopped', () => {
    const { engine, recorder } = recorded({ maxActions: 3 });
    for (let i = 0; i < 5; i++) {
      engine.advance(100);
      recorder.forceElectionTimeout(i);
    }
    engine.advance(1000);
    const run = recorder.run();
    expect(run.actions.map((a) => a.at)).toEqual([100, 200, 300]);
    expect(run.endAt, 'the run ends at the first action it left out').toBe(400);
    expect(run.note).toMatch(/recording stopped after 3 actions, at 400 ms/);
  });
});
