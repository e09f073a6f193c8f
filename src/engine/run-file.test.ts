import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, LAB_FEATURES } from '../raft/config';
import { NO_DRIVER_BUGS } from '../shared/bugs';
import { initialNetwork } from '../shared/network';
import type { RunFile, TimedAction } from './run';
import { parseRunFile, RunFileError } from './run-file';

/** Run files from outside are checked whole: a malformed one is refused with the field named, never half loaded. */

const GOOD: RunFile = {
  format: 'raftlab-run',
  version: 1,
  start: {
    size: 3, seed: 42, machine: 'kv', timing: DEFAULT_TIMING, features: LAB_FEATURES, bugs: NO_DRIVER_BUGS,
    autoCompactEntries: null, trace: false, linkPolicy: { lossPercent: 0, delayMinMs: 0, delayMaxMs: 0 }, diskLatencyMs: { min: 1, max: 4 },
  },
  actions: [
    { at: 1000, step: 40, action: { type: 'propose', node: 0, command: { op: 'put', key: 'a', value: '1' } } },
    { at: 1000, step: 40, action: { type: 'propose', node: 0, command: { op: 'get', key: 'a' }, read: true, batched: true } },
    { at: 1500, step: 70, action: { type: 'crash', node: 2 } },
    { at: 1600, step: null, action: { type: 'setNetwork', network: initialNetwork(3) } },
    { at: 2000, step: 120, action: { type: 'reset', size: 5 } },
    { at: 2100, step: 121, action: { type: 'transferLeadership', node: 4, target: 3 } },
  ],
  endAt: 3000,
  note: 'a test run',
};

/** GOOD with one change, as text. */
function variant(edit: (file: Record<string, unknown>) => void): string {
  const file = structuredClone(GOOD) as unknown as Record<string, unknown>;
  edit(file);
  return JSON.stringify(file);
}

function withAction(index: number, action: unknown): string {
  return variant((file) => { (file.actions as unknown[])[index] = action; });
}

function refusal(text: string): string {
  try {
    parseRunFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(RunFileError);
    return (error as Error).message;
  }
  throw new Error('the run file was accepted');
}

describe('parseRunFile', () => {
  it('reads back a run file written by JSON.stringify, every action as it was', () => {
    expect(parseRunFile(JSON.stringify(GOOD))).toEqual(GOOD);
  });

  it('refuses what is not JSON, or not an object', () => {
    expect(refusal('{"format": "raftlab-run",')).toMatch(/not JSON/);
    expect(refusal('[1, 2]')).toMatch(/not a JSON object/);
    expect(refusal('null')).toMatch(/not a JSON object/);
  });

  it('refuses another format or an unsupported version, saying which', () => {
    expect(refusal(variant((f) => { f.format = 'raftscope'; }))).toMatch(/format: "raftscope"/);
    expect(refusal(variant((f) => { delete f.format; }))).toMatch(/format: missing/);
    expect(refusal(variant((f) => { f.version = 2; }))).toMatch(/version: unsupported version 2; this build reads version 1/);
  });

  it('refuses a seed, size or time out of range, naming the field', () => {
    expect(refusal(variant((f) => { (f.start as { seed: number }).seed = 2 ** 32; }))).toMatch(/^not a Raftlab run: start\.seed: a seed is 0 to 2\^32 - 1/);
    expect(refusal(variant((f) => { (f.start as { seed: number }).seed = 1.5; }))).toMatch(/start\.seed/);
    expect(refusal(variant((f) => { (f.start as { size: number }).size = 10; }))).toMatch(/start\.size: a cluster has 1 to 9 nodes/);
    expect(refusal(variant((f) => { (f.start as { size: number }).size = 0; }))).toMatch(/start\.size/);
    expect(refusal(variant((f) => { f.endAt = -1; }))).toMatch(/^not a Raftlab run: endAt/);
    expect(refusal(variant((f) => { f.endAt = 2500; f.actions = [...GOOD.actions, { at: 2600, step: 130, action: { type: 'crash', node: 1 } }]; }))).toMatch(/endAt: 2500 ms is before the last action/);
    expect(refusal(withAction(2, { at: -5, step: 70, action: { type: 'crash', node: 2 } }))).toMatch(/actions\[2\]\.at/);
    expect(refusal(withAction(2, { at: 1500, step: -1, action: { type: 'crash', node: 2 } }))).toMatch(/actions\[2\]\.step/);
    expect(refusal(variant((f) => { (f.start as { timing: object }).timing = { ...DEFAULT_TIMING, heartbeatMs: 900 }; }))).toMatch(/start: invalid Raft config: electionTimeoutMinMs/);
    expect(refusal(variant((f) => { (f.start as { diskLatencyMs: object }).diskLatencyMs = { min: 5, max: 1 }; }))).toMatch(/start\.diskLatencyMs: min must not exceed max/);
    expect(refusal(withAction(2, { at: 1500, step: 70, action: { type: 'note', text: 'x'.repeat(2001) } }))).toMatch(/actions\[2\]\.action\.text/);
    expect(refusal(withAction(2, { at: 1500, step: 70, action: { type: 'note', text: 7 } as never }))).toMatch(/actions\[2\]\.action\.text/);
    expect(refusal(variant((f) => { (f.start as { linkPolicy: object }).linkPolicy = { lossPercent: 120, delayMinMs: 0, delayMaxMs: 0 }; }))).toMatch(/start\.linkPolicy\.lossPercent/);
  });

  it('refuses an unknown action type, listing the known ones', () => {
    expect(refusal(withAction(2, { at: 1500, step: 70, action: { type: 'explode', node: 2 } }))).toMatch(/actions\[2\]\.action\.type: unknown action type "explode" \(known: propose, /);
    expect(refusal(withAction(2, { at: 1500, step: 70, action: { node: 2 } }))).toMatch(/actions\[2\]\.action\.type/);
  });

  it('refuses node ids outside the cluster as it is at that moment (a reset may resize it)', () => {
    expect(refusal(withAction(2, { at: 1500, step: 70, action: { type: 'crash', node: 3 } }))).toMatch(/actions\[2\]\.action\.node: node 3 is not in the cluster of 3/);
    expect(refusal(withAction(5, { at: 2100, step: 121, action: { type: 'transferLeadership', node: 4, target: 5 } }))).toMatch(/actions\[5\]\.action\.target: node 5 is not in the cluster of 5/);
    expect(refusal(withAction(3, { at: 1600, step: null, action: { type: 'setNetwork', network: initialNetwork(5) } }))).toMatch(/actions\[3\]\.action\.network\.size: a network for 5 nodes in a cluster of 3/);
  });

  it('refuses steps or times that go back', () => {
    const late: TimedAction = { at: 900, step: 71, action: { type: 'crash', node: 1 } };
    expect(refusal(variant((f) => { (f.actions as unknown[]).splice(3, 0, late); }))).toMatch(/actions\[3\]\.at: 900 ms comes before the previous action's 1500 ms/);
    const early: TimedAction = { at: 1550, step: 60, action: { type: 'crash', node: 1 } };
    expect(refusal(variant((f) => { (f.actions as unknown[]).splice(3, 0, early); }))).toMatch(/actions\[3\]\.step: step 60 comes before the previous action's 70/);
  });

  it('refuses a command the run\'s state machine would not take, and settings that are not settings', () => {
    expect(refusal(withAction(0, { at: 1000, step: 40, action: { type: 'propose', node: 0, command: { op: 'fly' } } }))).toMatch(/actions\[0\]\.action\.command/);
    expect(refusal(withAction(2, { at: 1500, step: 70, action: { type: 'setBugs', bugs: { noSuchBug: true } } }))).toMatch(/actions\[2\]\.action\.bugs/);
    expect(refusal(withAction(2, { at: 1500, step: 70, action: { type: 'setTiming', timing: { heartbeatMs: 'fast' } } }))).toMatch(/actions\[2\]\.action\.timing\.heartbeatMs/);
    expect(refusal(withAction(2, { at: 1500, step: 70, action: { type: 'setTiming', timing: { heartbeatMs: 400 } } }))).toMatch(/actions\[2\]\.action\.timing: invalid Raft config/);
    expect(refusal(variant((f) => { (f.start as { machine: string }).machine = 'sql'; }))).toMatch(/start\.machine/);
  });
});
