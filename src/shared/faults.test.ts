import { describe, expect, it } from 'vitest';
import { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';
import {
  applyFault, BASIC_FAULTS, describeFault, drawFault, drawGapMs, FaultLedger, healFaults, planFault,
  type BasicFault, type FaultAction, type FaultTarget, type NetworkLimits, type PolicyPair,
} from './faults';
import { RELIABLE_LINK } from './network';

const LIMITS: NetworkLimits = { maxDropPercent: 30, maxDuplicatePercent: 15, maxDelayMs: 65 };
const EVEN = Object.fromEntries(BASIC_FAULTS.map((kind) => [kind, 1])) as Record<BasicFault, number>;
const START: PolicyPair = { requests: { lossPercent: 0, delayMinMs: 2, delayMaxMs: 9 }, replies: RELIABLE_LINK };

/** A cluster as plain state: who is down, the topology, the policies; every call recorded. */
class FakeTarget implements FaultTarget {
  readonly restartRevives = true;
  readonly down = new Set<NodeId>();
  readonly cuts = new Set<string>();
  readonly isolated = new Set<NodeId>();
  side: readonly NodeId[] | null = null;
  current: PolicyPair = START;
  leader: NodeId | null = 0;
  readonly calls: string[] = [];

  constructor(readonly size: number, readonly maxDown = Infinity) {}

  leaderForTransfer(): NodeId | null { return this.leader; }
  policies(): PolicyPair { return this.current; }
  crash(node: NodeId, restart: boolean): void { this.calls.push(`crash ${node} ${restart}`); if (!restart) this.down.add(node); else this.down.delete(node); }
  restart(node: NodeId): void { this.calls.push(`restart ${node}`); this.down.delete(node); }
  partition(side: readonly NodeId[]): void { this.calls.push(`partition ${side}`); this.side = side; }
  cut(from: NodeId, to: NodeId): void { this.calls.push(`cut ${from}>${to}`); this.cuts.add(`${from}>${to}`); }
  isolate(node: NodeId): void { this.calls.push(`isolate ${node}`); this.isolated.add(node); }
  heal(): void { this.calls.push('heal'); this.cuts.clear(); this.isolated.clear(); this.side = null; }
  setPolicies(policies: PolicyPair): void { this.calls.push(`policies ${JSON.stringify(policies)}`); this.current = policies; }
  snapshot(node: NodeId): void { this.calls.push(`snapshot ${node}`); }
  transfer(from: NodeId, to: NodeId): void { this.calls.push(`transfer ${from}>${to}`); }

  /** Everything a fault can leave broken, as one comparable value. */
  broken(): unknown {
    return { down: [...this.down], cuts: [...this.cuts], isolated: [...this.isolated], side: this.side, policies: this.current };
  }
}

/** Draw, plan and apply `count` faults from `seed`, as the autopilot and the nemesis do. */
function schedule(seed: number, count: number, target = new FakeTarget(5), weights = EVEN): { actions: (FaultAction | null)[]; gaps: number[]; target: FakeTarget; ledger: FaultLedger } {
  const prng = new Prng(seed);
  const ledger = new FaultLedger();
  const actions: (FaultAction | null)[] = [];
  const gaps: number[] = [];
  for (let i = 0; i < count; i++) {
    gaps.push(drawGapMs(prng, { minGapMs: 2000, spreadMs: 3000 }));
    const kind = drawFault(prng, BASIC_FAULTS, weights)!;
    const action = planFault(kind, prng, target, ledger, LIMITS);
    if (action) applyFault(target, ledger, action);
    actions.push(action);
  }
  return { actions, gaps, target, ledger };
}

describe('the fault chooser (one copy for the headless nemesis and the page autopilot)', () => {
  it('is a pure function of its seed: same seed, same gaps, faults and calls; another seed, another schedule', () => {
    const first = schedule(42, 200);
    const again = schedule(42, 200);
    const other = schedule(43, 200);
    expect(again.actions).toEqual(first.actions);
    expect(again.gaps).toEqual(first.gaps);
    expect(again.target.calls).toEqual(first.target.calls);
    expect(other.actions).not.toEqual(first.actions);
    expect(first.gaps.every((gap) => gap >= 2000 && gap < 5000)).toBe(true);
  });

  it('reaches every kind of fault, and both crash modes, a reliable and a lossy, delayed, duplicating network', () => {
    const { actions } = schedule(7, 600);
    const kinds = new Set(actions.map((a) => a?.kind));
    expect([...kinds].sort()).toEqual(['crash', 'cut', 'heal', 'isolate', 'network', 'partition', 'restart', 'snapshot', 'transfer']);
    const crashes = actions.filter((a) => a?.kind === 'crash');
    expect(new Set(crashes.map((a) => a.restart))).toEqual(new Set([true, false]));
    const policies = actions.flatMap((a) => (a?.kind === 'network' ? [a.policies.requests] : []));
    expect(policies).toContain(RELIABLE_LINK);
    expect(policies.some((p) => p.lossPercent > 0 && p.delayMaxMs > p.delayMinMs && (p.duplicatePercent ?? 0) > 0)).toBe(true);
    expect(policies.every((p) => p.lossPercent < LIMITS.maxDropPercent && p.delayMaxMs < LIMITS.maxDelayMs && (p.duplicatePercent ?? 0) < LIMITS.maxDuplicatePercent)).toBe(true);
  });

  it('draws only kinds with weight, and nothing when every weight is 0', () => {
    const onlyCrash = { ...Object.fromEntries(BASIC_FAULTS.map((k) => [k, 0])), crash: 3, isolate: 1 } as Record<BasicFault, number>;
    const prng = new Prng(1);
    const drawn = new Set(Array.from({ length: 200 }, () => drawFault(prng, BASIC_FAULTS, onlyCrash)));
    expect(drawn).toEqual(new Set(['crash', 'isolate']));
    expect(drawFault(prng, BASIC_FAULTS, Object.fromEntries(BASIC_FAULTS.map((k) => [k, 0])) as Record<BasicFault, number>)).toBeNull();
  });

  it('healing undoes everything the schedule broke, and only that, for 50 seeds', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const pristine = new FakeTarget(5).broken();
      const { target, ledger } = schedule(seed, 1 + (seed % 30));
      healFaults(target, ledger);
      expect(target.broken(), `seed ${seed}`).toEqual(pristine);
      expect(ledger.clean, `seed ${seed}`).toBe(true);
      const calls = target.calls.length;
      healFaults(target, ledger); // nothing left to heal: nothing done
      expect(target.calls.length).toBe(calls);
    }
  });

  it('leaves at most maxDown nodes down (a minority on the page): crashes beyond it come straight back', () => {
    const target = new FakeTarget(5, 2);
    const onlyCrash = { ...Object.fromEntries(BASIC_FAULTS.map((k) => [k, 0])), crash: 1 } as Record<BasicFault, number>;
    const { ledger, actions } = schedule(3, 100, target, onlyCrash);
    expect(ledger.down.size).toBe(2);
    expect(target.down.size).toBe(2);
    expect(actions.filter((a) => a?.kind === 'crash' && !a.restart).length).toBeGreaterThanOrEqual(2);
  });

  it('plans no transfer without a leader that may hand over (thesis §3.10), and nothing else changes', () => {
    const target = new FakeTarget(3);
    target.leader = null;
    expect(planFault('transfer', new Prng(1), target, new FaultLedger(), LIMITS)).toBeNull();
    target.leader = 2;
    const action = planFault('transfer', new Prng(1), target, new FaultLedger(), LIMITS);
    expect(action).toMatchObject({ kind: 'transfer', from: 2 });
    expect(action?.kind === 'transfer' && action.to !== 2).toBe(true);
  });

  it('describes each fault in one past-tense line', () => {
    expect(describeFault({ kind: 'crash', node: 2, restart: false })).toBe('crashed node 2');
    expect(describeFault({ kind: 'restart', nodes: [1, 3] })).toBe('restarted nodes 1 and 3');
    expect(describeFault({ kind: 'partition', side: [0, 2], rest: [1] })).toBe('partitioned {0, 2} | {1}');
    expect(describeFault({ kind: 'network', policies: { requests: RELIABLE_LINK, replies: RELIABLE_LINK } })).toBe('set no loss, delay or duplication on every link');
  });
});
