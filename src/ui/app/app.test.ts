import { describe, expect, it } from 'vitest';
import { FrameLoop, frameAt } from '../anim/frame-loop';
import { timerFraction } from '../components/cluster/timer-rings';
import { presets, sidesToGroups } from '../components/network/partition-presets';
import { nodeView } from '../test/fixtures';
import { statusChanges } from './feeds';
import { parseParams } from './params';
import { Throttle } from './throttle';
import { TEACHING_DELAY_MS, TEACHING_SPEED } from './defaults';

/** The page's plumbing: URL parameters, the render throttle, the frame loop, derived rows. */

describe('URL parameters', () => {
  it('default to the teaching speed and delay; accept experiments', () => {
    expect(parseParams('')).toMatchObject({ speed: TEACHING_SPEED, delay: TEACHING_DELAY_MS, clusterOff: false, trace: true, bugs: [] });
    expect(parseParams('?speed=1&size=7&delay=0&theme=dark&bugs=ackBeforePersist,nonsense&cluster=off')).toMatchObject({
      speed: 1, size: 7, delay: [0, 0], theme: 'dark', bugs: ['ackBeforePersist'], clusterOff: true,
    });
    expect(parseParams('?speed=99&size=4&delay=9-3')).toMatchObject({ speed: TEACHING_SPEED, delay: TEACHING_DELAY_MS });
    expect(parseParams('?size=4').size).toBeUndefined();
  });
});

describe('the render throttle', () => {
  it('runs the first request at once and folds the rest into one later run', () => {
    let now = 0;
    let runs = 0;
    const timers: (() => void)[] = [];
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void) => { timers.push(fn); return 0; }) as unknown as typeof setTimeout;
    try {
      const throttle = new Throttle(() => { runs++; }, 100, () => now);
      throttle.request();
      throttle.request();
      throttle.request();
      expect(runs).toBe(1);
      expect(timers).toHaveLength(1);
      now = 100;
      timers[0]!();
      expect(runs).toBe(2);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
  });
});

describe('the frame loop', () => {
  it('asks for frames only while a drawer wants them: a paused page requests none', () => {
    const frames: (() => void)[] = [];
    let paused = false;
    const loop = new FrameLoop(() => ({ anchorWallMs: 0, anchorVirtualMs: 0, speed: 1, paused }), (cb) => { frames.push(() => cb(0)); return frames.length; });
    let drawn = 0;
    loop.add((frame) => { drawn++; return frame.running; });
    expect(loop.running).toBe(true);
    frames.shift()!();
    expect(loop.running).toBe(true); // time runs: another frame
    paused = true;
    frames.shift()!();
    expect(drawn).toBe(2);
    expect(loop.running).toBe(false); // paused: the loop sleeps until woken
  });

  it('stops time at the end of a step', () => {
    expect(frameAt({ anchorWallMs: 0, anchorVirtualMs: 100, speed: 1, paused: false, until: 120 }, 50, 0)).toMatchObject({ now: 120, running: false });
  });
});

describe('derived pieces', () => {
  it('drains the election ring from when the timer was armed to its deadline', () => {
    const view = nodeView(0, { timer: { electionSetAt: 100, electionDeadline: 500, heartbeatDeadline: Infinity } });
    expect(timerFraction(view, 300)).toBe(0.5);
    expect(timerFraction(view, 900)).toBe(0);
    expect(timerFraction(nodeView(1, { role: 'leader', timer: { electionSetAt: 0, electionDeadline: Infinity, heartbeatDeadline: 150 } }), 50)).toBeNull();
  });

  it('puts a storage error on the timeline when a node stops on its own', () => {
    const rows = statusChanges(['running', 'running'], [nodeView(0), nodeView(1, { status: 'storage-error', error: 'log segment 1 garbled' })], 42);
    expect(rows).toEqual([expect.objectContaining({ kind: 'storage', nodes: [1], at: 42, why: 'log segment 1 garbled' })]);
  });

  it('offers partitions around the leader, and reads sides into groups', () => {
    expect(presets(5, 2).map((p) => p.groups)).toEqual([[[2], [0, 1, 3, 4]], [[2, 3], [0, 1, 4]], [[0, 1], [2, 3, 4]]]);
    expect(sidesToGroups([1, 0, 1, 2])).toEqual([[1], [0, 2], [3]]);
  });
});
