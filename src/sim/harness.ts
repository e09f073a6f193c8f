import { makeConfig, type RaftConfig } from '../raft/config';
import type { ProposalOutcome } from '../raft/node';
import type { NodeId, StateMachine } from '../raft/types';
import { KvStateMachine } from '../kv/machine';
import type { KvCommand, KvResult } from '../kv/types';
import type { LabGroup, LabNode, Submitted } from '../lab/types';
import { simInvariantHooks } from '../checks/invariants/sim-adapter';
import { labAssert } from './assert';
import { SimCluster } from './cluster';
import { VirtualTimeDriver } from './driver';
import { ListStateMachine } from './list-machine';
import { LAB_UNRELIABLE, RELIABLE } from './network';

/**
 * The lab's raft_group, over the simulator: the API of shared/lab-tests.md with the same names
 * (camelCase) and the same waits, in virtual milliseconds.
 */

export interface GroupOptions {
  readonly nodes: number;
  readonly seed?: number;
  readonly machine?: 'list' | 'kv';
  readonly config?: RaftConfig;
  /** Check Figure 3's invariants after every step (on unless false); a violation fails the run. */
  readonly checkInvariants?: boolean;
  /** Simulated disk latency (writes complete later; restarts lose writes in flight). */
  readonly diskLatencyMs?: { readonly min: number; readonly max: number };
  /** Bug switch: acknowledge before persisting. */
  readonly ackBeforePersist?: boolean;
}

/** One node as the tests see it (the lab's raft<> methods). */
export class NodeHandle<C, R> implements LabNode<C, R> {
  constructor(private readonly group: Group<C, R>, readonly id: NodeId) {}

  async newCommand(command: C): Promise<{ term: number; index: number } | null> {
    return this.newCommandNow(command);
  }

  async submit(command: C): Promise<Submitted<R> | null> {
    return this.submitNow(command);
  }

  async saveSnapshot(): Promise<boolean> {
    let ok = false;
    this.group.cluster.input(this.id, (node) => { ok = node.saveSnapshot(); });
    return ok;
  }

  /** newCommand without a round trip through the microtask queue. */
  newCommandNow(command: C): { term: number; index: number } | null {
    const placed = this.submitNow(command);
    return placed && { term: placed.term, index: placed.index };
  }

  /** newCommand, keeping a handle on the result (the lab's kv_command::res). */
  submitNow(command: C): Submitted<R> | null {
    let outcome: ProposalOutcome<R> | undefined;
    let listener: ((o: ProposalOutcome<R>) => void) | undefined;
    const cluster = this.group.cluster;
    let placed: { term: number; index: number } | null = null;
    cluster.input(this.id, (node) => {
      placed = node.newCommand(cluster.now, command, (o) => {
        outcome = o;
        listener?.(o);
      });
    });
    if (!placed) return null;
    const { term, index } = placed;
    const driver = this.group.driver;
    return {
      term, index,
      outcome: (timeoutMs) => (outcome ? Promise.resolve(outcome) : driver.waitFor((done) => { listener = done; }, timeoutMs)),
    };
  }

  isLeader(): boolean {
    return this.group.cluster.node(this.id).isLeader();
  }

  term(): number {
    return this.group.cluster.node(this.id).term();
  }

  numAppendLogs(): number {
    const machine = this.group.cluster.machines[this.id];
    labAssert(machine instanceof ListStateMachine, 'numAppendLogs needs the list state machine');
    return machine.numAppendLogs;
  }

  /** The KV machine of this node (part 5 checks). */
  kv(): KvStateMachine {
    const machine = this.group.cluster.machines[this.id];
    labAssert(machine instanceof KvStateMachine, 'kv() needs the kv state machine');
    return machine;
  }
}

export class Group<C, R> implements LabGroup<C, R> {
  readonly driver: VirtualTimeDriver;
  readonly seed: number;

  constructor(readonly cluster: SimCluster<C, R>, seed: number) {
    this.driver = new VirtualTimeDriver(cluster.scheduler);
    this.seed = seed;
  }

  get size(): number {
    return this.cluster.size;
  }

  get now(): number {
    return this.cluster.now;
  }

  node(i: NodeId): NodeHandle<C, R> {
    return new NodeHandle(this, i);
  }

  sleep(ms: number): Promise<void> {
    return this.driver.sleep(ms);
  }

  /** A random integer in [0, n) from the test's seeded PRNG (the original's random()). */
  random(n: number): number {
    return this.cluster.prng.int(n);
  }

  reachable(i: NodeId): boolean {
    return this.cluster.network.isNodeUp(i);
  }

  async checkExactlyOneLeader(): Promise<NodeId> {
    for (let round = 0; round < 10; round++) {
      const leaders = new Map<number, NodeId>();
      for (let j = 0; j < this.size; j++) {
        if (!this.reachable(j)) continue;
        const node = this.cluster.node(j);
        if (!node.isLeader()) continue;
        const term = node.term();
        labAssert(term > 0, `term ${term} has a leader ${j}`);
        labAssert(!leaders.has(term), `term ${term} has 2 leaders`);
        leaders.set(term, j);
      }
      if (leaders.size > 0) return leaders.get(Math.max(...leaders.keys()))!;
      await this.sleep(500 + this.random(10) * 30);
    }
    labAssert(false, 'There is no leader');
  }

  checkNoLeader(): void {
    for (let i = 0; i < this.size; i++) {
      if (!this.reachable(i)) continue;
      labAssert(!this.cluster.node(i).isLeader(), `node ${i} is leader, which is unexpected.`);
    }
  }

  checkSameTerm(): number {
    let current = -1;
    for (let i = 0; i < this.size; i++) {
      const term = this.cluster.node(i).term();
      labAssert(term >= 0, `invalid term: ${term}`);
      if (current === -1) current = term;
      labAssert(current === term, `inconsistent term: ${current}, ${term}`);
    }
    return current;
  }

  disable(i: NodeId): void {
    this.cluster.network.setNodeUp(i, false);
  }

  enable(i: NodeId): void {
    this.cluster.network.setNodeUp(i, true);
  }

  restart(i: NodeId): void {
    this.cluster.restart(i);
    this.enable(i);
  }

  setReliable(reliable: boolean): void {
    this.cluster.network.requestPolicy = reliable ? RELIABLE : LAB_UNRELIABLE;
  }

  rpcCount(): number {
    return this.cluster.network.stats.requests;
  }

  /** How many nodes applied `index` (list machine); asserts they agree on its value. */
  numCommitted(index: number): number {
    let count = 0;
    let first = 0;
    for (let i = 0; i < this.size; i++) {
      const value = this.appliedValue(i, index);
      if (value === undefined) continue;
      count++;
      if (count === 1) first = value;
      else labAssert(first === value, `inconsistency between node ${i}: ${first} and ${value}`);
    }
    return count;
  }

  committedValue(index: number): number {
    for (let i = 0; i < this.size; i++) {
      const value = this.appliedValue(i, index);
      if (value !== undefined) return value;
    }
    labAssert(false, `log ${index} is not committed.`);
  }

  private appliedValue(node: NodeId, index: number): number | undefined {
    const machine = this.cluster.machines[node];
    labAssert(machine instanceof ListStateMachine, 'this check needs the list state machine');
    return index < machine.store.length ? machine.store[index] : undefined;
  }

  async appendNewCommand(value: number, numServers: number): Promise<number> {
    const start = this.now;
    let leaderIdx = 0;
    while (this.now < start + 10_000) {
      let logIdx = -1;
      for (let i = 0; i < this.size; i++) {
        leaderIdx = (leaderIdx + 1) % this.size;
        if (!this.reachable(leaderIdx)) continue;
        const placed = this.node(leaderIdx).newCommandNow(value as C);
        if (placed) {
          logIdx = placed.index;
          break;
        }
      }
      if (logIdx === -1) {
        await this.sleep(50);
        continue;
      }
      const checkStart = this.now;
      while (this.now < checkStart + 2000) {
        if (this.numCommitted(logIdx) >= numServers && this.committedValue(logIdx) === value) return logIdx;
        await this.sleep(20);
      }
    }
    labAssert(false, 'Cannot make agreement!');
  }

  async waitCommit(index: number, numServers: number, startTerm: number): Promise<number> {
    let sleepFor = 10;
    for (let iter = 0; iter < 30; iter++) {
      if (this.numCommitted(index) >= numServers) break;
      await this.sleep(sleepFor);
      if (sleepFor < 1000) sleepFor *= 2;
      if (startTerm > -1) {
        for (let i = 0; i < this.size; i++) if (this.cluster.node(i).term() > startTerm) return -1;
      }
    }
    const committed = this.numCommitted(index);
    labAssert(committed >= numServers, `only ${committed} decided for index ${index}; wanted ${numServers}`);
    return this.committedValue(index);
  }
}

/** A new cluster: empty storage, all nodes started and connected (the lab's raft_group constructor). */
export function createGroup(options: GroupOptions & { machine: 'kv' }): Group<KvCommand, KvResult>;
export function createGroup(options: GroupOptions & { machine?: 'list' }): Group<number, number>;
export function createGroup(options: GroupOptions): Group<unknown, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads above give callers precise types
export function createGroup(options: GroupOptions): Group<any, any> {
  const seed = options.seed ?? 1;
  const makeStateMachine = (): StateMachine<unknown, unknown> =>
    (options.machine === 'kv' ? new KvStateMachine() : new ListStateMachine()) as StateMachine<unknown, unknown>;
  const hooks = options.checkInvariants === false ? null : simInvariantHooks();
  const cluster = new SimCluster<unknown, unknown>({
    size: options.nodes, seed, makeStateMachine, config: options.config ?? makeConfig(),
    ...(options.diskLatencyMs ? { diskLatencyMs: options.diskLatencyMs } : {}),
    ...(options.ackBeforePersist ? { ackBeforePersist: true } : {}),
    ...(hooks ? { afterStep: hooks.afterStep, onApply: hooks.onApply, onEvent: (line) => hooks.note(line()) } : {}),
  });
  return new Group(cluster, seed);
}
