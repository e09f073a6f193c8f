import { makeConfig, type RaftConfig } from '../raft/config';
import type { ProposalOutcome } from '../raft/node';
import type { NodeId, StateMachine } from '../raft/types';
import { KvStateMachine } from '../kv/machine';
import type { KvCommand, KvResult } from '../kv/types';
import { LabGroupBase } from '../lab/group-base';
import type { LabNode, Submitted } from '../lab/types';
import { simInvariantHooks } from '../checks/invariants/sim-adapter';
import { labAssert } from './assert';
import { SimCluster } from './cluster';
import { VirtualTimeDriver } from './driver';
import { ListStateMachine } from '../shared/list-machine';
import { LAB_UNRELIABLE_LINK, RELIABLE_LINK, type NetworkConfig } from '../shared/network';
import { Prng } from '../raft/prng';

/** Derives the test's PRNG seed from the run's seed without drawing from the cluster's PRNG. */
const TEST_CHOICES_SALT = 0x5eed_c0de;

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
  /** Every delivery, timer, restart and wipe, as a line (determinism checks hash them). */
  readonly trace?: (line: string) => void;
  /** Told of everything the test does to the cluster, before it is done (src/lab/recording.ts makes a run of it). */
  readonly observer?: GroupObserver;
}

/**
 * What a test does to the cluster, as it does it: enough to replay the same run in the simulated
 * engine (src/engine), which applies the same calls to the same core at the same step.
 */
export interface GroupObserver {
  /** A command offered to node `node`'s core (it takes it if it leads). */
  proposed(node: NodeId, command: unknown): void;
  snapshot(node: NodeId): void;
  /** The network's configuration after a change (disable, enable, reliability). */
  network(config: NetworkConfig): void;
  /** Node `node` crashed and started again over its storage. */
  restarted(node: NodeId): void;
  /** A step of the test, in words (a check that passed, a fault it made). */
  note(text: string): void;
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
    this.group.observer?.snapshot(this.id);
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
    this.group.observer?.proposed(this.id, command);
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

  /**
   * A read without the log (ReadIndex or a lease, thesis §6.4), with a handle on its result; null
   * if this node cannot take it (not the leader, features off). Index 0 until it is confirmed.
   */
  readNow(command: C): Submitted<R> | null {
    let outcome: ProposalOutcome<R> | undefined;
    let listener: ((o: ProposalOutcome<R>) => void) | undefined;
    const cluster = this.group.cluster;
    let refused: string | null = 'not asked';
    cluster.input(this.id, (node) => {
      refused = node.read(cluster.now, command, (o) => {
        outcome = o;
        listener?.(o);
      });
    });
    if (refused !== null) return null;
    const driver = this.group.driver;
    return {
      term: cluster.node(this.id).term(), index: 0,
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

export class Group<C, R> extends LabGroupBase<C, R> {
  readonly driver: VirtualTimeDriver;
  readonly seed: number;

  /**
   * The test's own random choices (which node to disconnect, how long to wait): apart from the
   * cluster's PRNG, so that what the test picks does not shift the cluster's draws (node seeds at a
   * restart), and a recording of the test replays the cluster's run without the test.
   */
  private readonly choices: Prng;

  constructor(readonly cluster: SimCluster<C, R>, seed: number, readonly observer?: GroupObserver) {
    super();
    this.driver = new VirtualTimeDriver(cluster.scheduler);
    this.seed = seed;
    this.choices = new Prng((seed ^ TEST_CHOICES_SALT) >>> 0);
  }

  protected override narrate(text: string): void {
    this.observer?.note(text);
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
    return this.choices.int(n);
  }

  reachable(i: NodeId): boolean {
    return this.cluster.network.isNodeUp(i);
  }

  disable(i: NodeId): void {
    this.narrate(`The test disconnects node ${i}`);
    this.editNetwork(() => this.cluster.network.setNodeUp(i, false));
  }

  enable(i: NodeId): void {
    this.narrate(`The test reconnects node ${i}`);
    this.editNetwork(() => this.cluster.network.setNodeUp(i, true));
  }

  restart(i: NodeId): void {
    this.narrate(`The test crashes node ${i} and starts it again over its storage`);
    this.observer?.restarted(i);
    this.cluster.restart(i);
    this.editNetwork(() => this.cluster.network.setNodeUp(i, true));
  }

  setReliable(reliable: boolean): void {
    this.narrate(reliable ? 'The network becomes reliable again' : 'The network becomes unreliable: requests are lost or delayed (the lab\'s unreliable link)');
    this.editNetwork(() => this.cluster.network.setPolicy(reliable ? RELIABLE_LINK : LAB_UNRELIABLE_LINK, { kinds: 'requests' }));
  }

  /** Change the network, and tell the observer its configuration after (what the engine replays). */
  private editNetwork(edit: () => void): void {
    edit();
    if (this.observer) this.observer.network(this.cluster.network.configuration);
  }

  rpcCount(): number {
    return this.cluster.network.stats.requests;
  }

  protected clock(): number {
    return this.now;
  }

  protected appliedValue(node: NodeId, index: number): number | undefined {
    const machine = this.cluster.machines[node];
    labAssert(machine instanceof ListStateMachine, 'this check needs the list state machine');
    return index < machine.store.length ? machine.store[index] : undefined;
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
    ...(hooks ? { afterStep: hooks.afterStep, onApply: hooks.onApply } : {}),
    ...(hooks || options.trace ? { onEvent: traceTo(hooks?.note, options.trace) } : {}),
  });
  return new Group(cluster, seed, options.observer);
}

/** Build each event's line once and hand it to whoever listens. */
function traceTo(...sinks: (((line: string) => void) | undefined)[]): (line: () => string) => void {
  const listening = sinks.filter((sink): sink is (line: string) => void => sink !== undefined);
  return (line) => {
    const text = line();
    for (const sink of listening) sink(text);
  };
}
