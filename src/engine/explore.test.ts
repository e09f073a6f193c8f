import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint';
import { parseRunFile } from './run-file';
import { SimEngine } from './sim-engine';

/**
 * Explore mode in the simulated engine (issue 9, item 6): the user's choices are actions of the
 * run — recorded, exported, replayed to the same states — and a bad choice changes nothing.
 */
describe('explore mode in the simulated engine', () => {
  /** Step on (one scheduled event at a time: a disk write first) until messages of `type` are in flight (§3.8: persist, then send). */
  function untilSent(engine: SimEngine, type: string): void {
    for (let i = 0; i < 20 && !engine.pending().some((item) => item.kind === 'message' && item.type === type); i++) engine.stepForward();
  }

  function pausedWithLeader(): SimEngine {
    const engine = new SimEngine({ size: 3, seed: 11, wall: () => 0 });
    engine.advance(3000);
    engine.pause();
    expect(engine.getState().nodes.some((v) => v.role === 'leader')).toBe(true);
    return engine;
  }

  it('fires a follower\'s election timer now: it campaigns in the next term, and the choice is in the run', () => {
    const engine = pausedWithLeader();
    const follower = engine.getState().nodes.find((v) => v.role === 'follower')!;
    const timer = engine.pending().find((item) => item.kind === 'timer' && item.node === follower.id && item.timer === 'election')!;
    expect(timer.choosable).toBe(true);
    const at = engine.now();
    engine.explore({ type: 'fire', id: timer.id });
    const after = engine.getState().nodes[follower.id]!;
    expect(after.role).toBe('candidate');
    expect(after.term).toBe(follower.term + 1);
    expect(engine.now()).toBe(at); // no time passed
    untilSent(engine, 'RequestVote');
    const requests = engine.pending().filter((item) => item.kind === 'message' && item.type === 'RequestVote' && item.from === follower.id);
    expect(requests).toHaveLength(2);
    expect(engine.exportRun().actions.at(-1)?.action).toEqual({ type: 'explore', choice: { type: 'fire', id: timer.id } });
  });

  it('delivers, drops and duplicates messages in the order chosen; the exported run replays to the same state', () => {
    const engine = pausedWithLeader();
    const follower = engine.getState().nodes.find((v) => v.role === 'follower')!;
    engine.explore({ type: 'fire', id: engine.pending().find((i) => i.kind === 'timer' && i.node === follower.id && i.timer === 'election')!.id });
    untilSent(engine, 'RequestVote');
    const [first, second] = engine.pending().filter((i) => i.kind === 'message' && i.type === 'RequestVote');
    engine.explore({ type: 'drop', id: first!.id });
    expect(engine.pending().some((i) => i.id === first!.id)).toBe(false);
    engine.explore({ type: 'duplicate', id: second!.id });
    engine.explore({ type: 'deliver', id: second!.id });
    untilSent(engine, 'RequestVoteReply');
    const replies = engine.pending().filter((i) => i.kind === 'message' && i.type === 'RequestVoteReply');
    expect(replies.length).toBeGreaterThan(0);
    const file = parseRunFile(JSON.stringify(engine.exportRun()));
    expect(file.actions.filter((a) => a.action.type === 'explore')).toHaveLength(4);
    const replay = new SimEngine({ size: 3, seed: 11, run: file, wall: () => 0 });
    // The run ends mid-instant (a reply due now, not yet delivered): the replay stops there too.
    expect(fingerprint(replay)).toBe(fingerprint(engine));
    engine.advance(500);
    replay.advance(500);
    expect(fingerprint(replay)).toBe(fingerprint(engine));
    // Without the choices the run goes otherwise: the replay followed them.
    const plain = new SimEngine({ size: 3, seed: 11, run: { ...file, actions: file.actions.filter((a) => a.action.type !== 'explore') }, wall: () => 0 });
    plain.advance(500);
    expect(fingerprint(plain)).not.toBe(fingerprint(engine));
  });

  it('a choice for nothing pending, or that does not fit its item, throws and records nothing', () => {
    const engine = pausedWithLeader();
    const before = engine.exportRun().actions.length;
    const leader = engine.getState().nodes.find((v) => v.role === 'leader')!;
    const heartbeat = engine.pending().find((i) => i.kind === 'timer' && i.node === leader.id)!;
    expect(() => engine.explore({ type: 'deliver', id: 'msg:999999' })).toThrow(/nothing pending has id "msg:999999"/);
    expect(() => engine.explore({ type: 'persist', id: heartbeat.id })).toThrow(/is a timer, not a disk write/);
    const message = engine.pending().find((i) => i.kind === 'message');
    if (message) expect(() => engine.explore({ type: 'fire', id: message.id })).toThrow(/is a message, not a timer: it cannot be fired/);
    expect(engine.exportRun().actions.length).toBe(before);
  });
});
