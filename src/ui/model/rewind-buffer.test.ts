import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../runtime/cluster';
import { clusterState, nodeView } from '../test/fixtures';
import { REWIND_MAX_SAMPLES, REWIND_OLD_SAMPLE_MS, REWIND_RECENT_MS, REWIND_SAMPLE_MS, REWIND_WINDOW_MS, RewindBuffer } from './rewind-buffer';

/** A state whose node 0 is in `term` (to tell states apart). */
const stateIn = (term: number): ClusterState => clusterState([nodeView(0, { term }), nodeView(1, { term })]);

/** Feed `count` states, one every `everyMs` real ms at 1× (virtual = real), terms 1, 2, 3, … */
function feed(buffer: RewindBuffer, count: number, everyMs: number, start = 0): ClusterState[] {
  const states: ClusterState[] = [];
  for (let i = 0; i < count; i++) {
    const state = stateIn(i + 1);
    states.push(state);
    buffer.record(state, start + i * everyMs, start + i * everyMs);
  }
  return states;
}

describe('the live engine rewind buffer', () => {
  it('keeps references to the states, at most one per sample interval, and always the latest', () => {
    const buffer = new RewindBuffer();
    // 40 reports a second for 2 s: 80 states, sampled down to about 10 a second.
    const states = feed(buffer, 80, 25);
    expect(buffer.length).toBeLessThanOrEqual(Math.ceil(2000 / REWIND_SAMPLE_MS) + 1);
    expect(buffer.length).toBeGreaterThanOrEqual(Math.floor(2000 / REWIND_SAMPLE_MS) - 1);
    expect(buffer.sampleAt(Infinity)!.state).toBe(states.at(-1));
    expect(buffer.range()).toEqual({ from: 0, to: 79 * 25 });
  });

  it('shows, for a moment, the newest state kept at or before it', () => {
    const buffer = new RewindBuffer();
    const states = feed(buffer, 50, 200); // slower than the sampling: every state is kept
    expect(buffer.length).toBe(50);
    expect(buffer.sampleAt(1000)!.state).toBe(states[5]); // at 1000 ms exactly
    expect(buffer.sampleAt(1199)!.state).toBe(states[5]); // still the one from 1000 ms
    expect(buffer.sampleAt(1200)!.state).toBe(states[6]);
    expect(buffer.sampleAt(-5)!.state).toBe(states[0]); // before the window: the oldest kept
  });

  it('stays bounded over a long run: the last few minutes only', () => {
    const buffer = new RewindBuffer();
    const tenMinutes = 10 * 60_000;
    feed(buffer, tenMinutes / 20, 20); // 50 reports a second for ten minutes
    expect(buffer.length).toBeLessThanOrEqual(REWIND_MAX_SAMPLES);
    expect(buffer.length).toBeGreaterThan(REWIND_MAX_SAMPLES * 0.9);
    const range = buffer.range()!;
    expect(range.to).toBe(tenMinutes - 20);
    expect(range.to - range.from).toBeLessThanOrEqual(REWIND_WINDOW_MS);
    expect(range.to - range.from).toBeGreaterThan(REWIND_WINDOW_MS - 2 * REWIND_SAMPLE_MS);
  });

  it('keeps ten a second over the last half minute, one a second before that', () => {
    const buffer = new RewindBuffer();
    feed(buffer, 2 * 60_000 / 20, 20); // two minutes at 50 reports a second
    const now = 2 * 60_000 - 20;
    const gaps = (from: number, to: number): number[] => {
      const kept: number[] = [];
      for (let t = from; t <= to; t += 10) {
        const at = buffer.sampleAt(t)!.at;
        if (kept.at(-1) !== at) kept.push(at);
      }
      return kept.slice(1).map((at, i) => at - kept[i]!);
    };
    const recent = gaps(now - REWIND_RECENT_MS + 1000, now - 200);
    const old = gaps(1000, now - REWIND_RECENT_MS - 2000);
    expect(Math.max(...recent)).toBeLessThanOrEqual(REWIND_SAMPLE_MS + 20);
    expect(Math.min(...recent)).toBeGreaterThanOrEqual(REWIND_SAMPLE_MS);
    expect(Math.min(...old)).toBeGreaterThanOrEqual(REWIND_OLD_SAMPLE_MS);
    expect(Math.max(...old)).toBeLessThanOrEqual(REWIND_OLD_SAMPLE_MS + REWIND_SAMPLE_MS + 20);
  });

  it('forgets nothing while nothing arrives (a paused cluster keeps its last minutes)', () => {
    const buffer = new RewindBuffer();
    feed(buffer, 100, 200);
    const before = buffer.length;
    // Ten minutes later, one more state (the cluster was paused meanwhile, virtual time unchanged).
    buffer.record(stateIn(999), 99 * 200, 99 * 200 + 10 * 60_000);
    expect(buffer.length).toBe(1); // now older than the window: only the newest stays
    expect(before).toBe(100);
  });

  it('starts afresh when the clock went back (a new cluster)', () => {
    const buffer = new RewindBuffer();
    feed(buffer, 10, 200, 5000);
    const fresh = stateIn(42);
    buffer.record(fresh, 100, 7000);
    expect(buffer.length).toBe(1);
    expect(buffer.sampleAt(100)!.state).toBe(fresh);
  });
});
