import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simInvariantHooks } from '../checks/invariants/sim-adapter';
import { makeConfig } from '../raft/config';
import { RaftLog } from '../raft/log';
import { SimCluster } from './cluster';
import { ListStateMachine } from '../shared/list-machine';

/**
 * Property tests of the core with fast-check: any schedule of faults and proposals keeps Figure 3's
 * invariants, and once the faults stop the cluster agrees again. fast-check shrinks a failing
 * schedule to a short one and prints it with its seed.
 */
type Action =
  | { kind: 'propose'; node: number; count: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'restart'; node: number }
  | { kind: 'toggle'; node: number }
  | { kind: 'cut'; from: number; to: number }
  | { kind: 'snapshot'; node: number }
  | { kind: 'heal' };

const action = (size: number): fc.Arbitrary<Action> => fc.oneof(
  fc.record({ kind: fc.constant('propose' as const), node: fc.nat(size - 1), count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 700 }) }),
  fc.record({ kind: fc.constant('restart' as const), node: fc.nat(size - 1) }),
  fc.record({ kind: fc.constant('toggle' as const), node: fc.nat(size - 1) }),
  fc.record({ kind: fc.constant('cut' as const), from: fc.nat(size - 1), to: fc.nat(size - 1) }),
  fc.record({ kind: fc.constant('snapshot' as const), node: fc.nat(size - 1) }),
  fc.record({ kind: fc.constant('heal' as const) }),
);

function play(size: number, seed: number, actions: Action[]): SimCluster<number, number, ListStateMachine> {
  const hooks = simInvariantHooks();
  const cluster = new SimCluster<number, number, ListStateMachine>({
    size, seed, makeStateMachine: () => new ListStateMachine(), config: makeConfig(),
    diskLatencyMs: { min: 0, max: 5 },
    afterStep: hooks.afterStep, onApply: hooks.onApply,
  });
  const net = cluster.network;
  let value = 0;
  for (const a of actions) {
    if (a.kind === 'propose') cluster.input(a.node, (n) => { for (let i = 0; i < a.count; i++) n.newCommand(cluster.now, ++value); });
    else if (a.kind === 'advance') cluster.scheduler.runUntil(cluster.now + a.ms);
    else if (a.kind === 'restart') cluster.restart(a.node);
    else if (a.kind === 'toggle') net.setNodeUp(a.node, !net.isNodeUp(a.node));
    else if (a.kind === 'cut' && a.from !== a.to) net.setLinkCut(a.from, a.to, true);
    else if (a.kind === 'snapshot') cluster.input(a.node, (n) => n.saveSnapshot());
    else if (a.kind === 'heal') for (let x = 0; x < size; x++) for (let y = 0; y < size; y++) net.setLinkCut(x, y, false);
  }
  return cluster;
}

/** Heal everything, commit one more entry, and let followers learn the commit index. */
function settle(cluster: SimCluster<number, number, ListStateMachine>): void {
  const size = cluster.size;
  for (let x = 0; x < size; x++) {
    cluster.network.setNodeUp(x, true);
    for (let y = 0; y < size; y++) cluster.network.setLinkCut(x, y, false);
  }
  for (let round = 0; round < 20; round++) {
    cluster.scheduler.runUntil(cluster.now + 1500);
    const leader = cluster.nodes.findIndex((n) => n.isLeader());
    if (leader >= 0) cluster.input(leader, (n) => n.newCommand(cluster.now, -1));
    cluster.scheduler.runUntil(cluster.now + 500);
    const applied = cluster.nodes.map((n) => n.core.lastApplied);
    if (leader >= 0 && applied.every((a) => a === applied[0])) return;
  }
}

describe('property: any fault schedule keeps the invariants (fast-check)', () => {
  for (const size of [3, 5]) {
    it(`${size} nodes: invariants hold after every step, and the cluster converges once faults stop`, () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.array(action(size), { minLength: 5, maxLength: 60 }), (seed, actions) => {
        const cluster = play(size, seed, actions); // throws InvariantViolation on any broken invariant
        settle(cluster);
        const applied = cluster.nodes.map((n) => n.core.lastApplied);
        expect(applied.every((a) => a === applied[0])).toBe(true);
        // Every state machine holds the same values at the same positions (snapshots included).
        expect(new Set(cluster.machines.map((m) => JSON.stringify(m.store))).size).toBe(1);
      }), { numRuns: 60 });
    }, 60_000);
  }
});

describe('property: RaftLog matches a plain array model (logical vs physical index)', () => {
  it('append, truncate, compact and reset keep termAt/slice/lastIndex consistent', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), term: fc.integer({ min: 1, max: 9 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(40) }),
      fc.record({ kind: fc.constant('compact' as const), at: fc.nat(40) }),
      fc.record({ kind: fc.constant('reset' as const), at: fc.nat(60) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const log = new RaftLog<number>();
      let model: number[] = []; // model[i] = term at index i + 1; indices <= base are compacted
      let base = 0;
      let baseTerm = 0;
      for (const o of ops) {
        if (o.kind === 'append') { log.append({ term: o.term, command: model.length + 1 }); model.push(o.term); }
        else if (o.kind === 'truncate' && o.at > base && o.at <= model.length) { log.truncateFrom(o.at); model = model.slice(0, o.at - 1); }
        else if (o.kind === 'compact' && o.at > base && o.at <= model.length) { baseTerm = model[o.at - 1]!; log.compactThrough(o.at, baseTerm); base = o.at; }
        else if (o.kind === 'reset' && o.at > base) { baseTerm = 7; log.resetToSnapshot(o.at, 7); model = Array.from({ length: o.at }, () => 7); base = o.at; }
      }
      expect(log.lastIndex).toBe(model.length);
      expect(log.snapshotIndex).toBe(base);
      expect(log.termAt(base)).toBe(base === 0 ? 0 : baseTerm);
      for (let i = base + 1; i <= model.length; i++) expect(log.termAt(i)).toBe(model[i - 1]);
      expect(log.termAt(base - 1)).toBeUndefined();
      expect(log.termAt(model.length + 1)).toBeUndefined();
      if (model.length > base) expect(log.slice(base + 1, model.length + 1).map((e) => e.term)).toEqual(model.slice(base));
    }), { numRuns: 300 });
  });
});
