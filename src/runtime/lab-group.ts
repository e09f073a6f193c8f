import type { LabGroup, LabNode, Submitted } from '../lab/types';
import { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';
import { labAssert } from '../sim/assert';
import type { WorkerCluster } from './cluster';
import { LAB_UNRELIABLE_LINK, RELIABLE_LINK } from './network';

const sleepReal = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One node as the lab's scenarios see it, over its worker. Reads come from the latest view it streamed. */
class WorkerLabNode<C, R> implements LabNode<C, R> {
  constructor(private readonly cluster: WorkerCluster, private readonly id: NodeId) {}

  async newCommand(command: C): Promise<{ term: number; index: number } | null> {
    return (await this.cluster.propose<R>(this.id, command)).placed;
  }

  async submit(command: C): Promise<Submitted<R> | null> {
    const proposal = await this.cluster.propose<R>(this.id, command);
    if (!proposal.placed || !proposal.outcome) return null;
    const outcome = proposal.outcome;
    return {
      term: proposal.placed.term, index: proposal.placed.index,
      outcome: (timeoutMs) => Promise.race([outcome, sleepReal(timeoutMs).then(() => undefined)]),
    };
  }

  isLeader(): boolean {
    const view = this.view();
    return view.status === 'running' && view.role === 'leader';
  }

  term(): number {
    return this.view().term;
  }

  saveSnapshot(): Promise<boolean> {
    return this.cluster.saveSnapshot(this.id);
  }

  numAppendLogs(): number {
    return this.view().numAppendLogs;
  }

  private view() {
    return this.cluster.getState().nodes[this.id]!;
  }
}

/**
 * The lab's raft_group over real workers, in real time: the same API and the same waits as the
 * simulator's Group (src/sim/harness.ts), with milliseconds now on the wall clock (the cluster runs
 * at 1×). Calls into a node are a round trip to its worker; isLeader, term and the committed values
 * read what the workers last streamed, at most one report interval old.
 */
export class WorkerLabGroup<C, R> implements LabGroup<C, R> {
  private readonly prng: Prng;

  constructor(readonly cluster: WorkerCluster, seed: number) {
    this.prng = new Prng(seed);
  }

  get size(): number {
    return this.cluster.size;
  }

  node(i: NodeId): LabNode<C, R> {
    return new WorkerLabNode<C, R>(this.cluster, i);
  }

  sleep(ms: number): Promise<void> {
    return sleepReal(ms);
  }

  random(n: number): number {
    return this.prng.int(n);
  }

  reachable(i: NodeId): boolean {
    return !this.cluster.getNetwork().isolated[i];
  }

  async checkExactlyOneLeader(): Promise<NodeId> {
    for (let round = 0; round < 10; round++) {
      const leaders = new Map<number, NodeId>();
      for (let j = 0; j < this.size; j++) {
        if (!this.reachable(j) || !this.node(j).isLeader()) continue;
        const term = this.node(j).term();
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
      if (this.reachable(i)) labAssert(!this.node(i).isLeader(), `node ${i} is leader, which is unexpected.`);
    }
  }

  checkSameTerm(): number {
    let current = -1;
    for (let i = 0; i < this.size; i++) {
      const term = this.node(i).term();
      if (current === -1) current = term;
      labAssert(current === term, `inconsistent term: ${current}, ${term}`);
    }
    return current;
  }

  disable(i: NodeId): void {
    this.cluster.isolate(i);
  }

  enable(i: NodeId): void {
    this.cluster.rejoin(i);
  }

  restart(i: NodeId): void {
    this.cluster.restart(i);
    this.enable(i);
  }

  /** Unreliable: requests delayed 0–26 ms and 10% of them lost; replies untouched (the lab's mode). */
  setReliable(reliable: boolean): void {
    const network = this.cluster.getNetwork();
    this.cluster.setNetwork({ ...network, requests: reliable ? RELIABLE_LINK : LAB_UNRELIABLE_LINK, replies: RELIABLE_LINK });
  }

  rpcCount(): number {
    let total = 0;
    for (let i = 0; i < this.size; i++) total += this.cluster.requestsSent(i);
    return total;
  }

  numCommitted(index: number): number {
    let count = 0;
    let first = 0;
    for (let i = 0; i < this.size; i++) {
      const value = this.cluster.appliedValues(i)[index];
      if (value === undefined || index < 1) continue;
      count++;
      if (count === 1) first = value;
      else labAssert(first === value, `inconsistency between node ${i}: ${first} and ${value}`);
    }
    return count;
  }

  committedValue(index: number): number {
    for (let i = 0; i < this.size; i++) {
      const value = this.cluster.appliedValues(i)[index];
      if (value !== undefined && index >= 1) return value;
    }
    labAssert(false, `log ${index} is not committed.`);
  }

  async appendNewCommand(value: number, numServers: number): Promise<number> {
    const start = performance.now();
    let leaderIdx = 0;
    while (performance.now() < start + 10_000) {
      let logIdx = -1;
      for (let i = 0; i < this.size; i++) {
        leaderIdx = (leaderIdx + 1) % this.size;
        if (!this.reachable(leaderIdx)) continue;
        const placed = await this.node(leaderIdx).newCommand(value as C);
        if (placed) {
          logIdx = placed.index;
          break;
        }
      }
      if (logIdx === -1) {
        await this.sleep(50);
        continue;
      }
      const checkStart = performance.now();
      while (performance.now() < checkStart + 2000) {
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
        for (let i = 0; i < this.size; i++) if (this.node(i).term() > startTerm) return -1;
      }
    }
    const committed = this.numCommitted(index);
    labAssert(committed >= numServers, `only ${committed} decided for index ${index}; wanted ${numServers}`);
    return this.committedValue(index);
  }
}
