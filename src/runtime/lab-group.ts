import { LabGroupBase } from '../lab/group-base';
import type { LabNode, Submitted } from '../lab/types';
import { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';
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
export class WorkerLabGroup<C, R> extends LabGroupBase<C, R> {
  private readonly prng: Prng;

  constructor(readonly cluster: WorkerCluster, seed: number) {
    super();
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

  protected clock(): number {
    return performance.now();
  }

  protected appliedValue(node: NodeId, index: number): number | undefined {
    return index >= 1 ? this.cluster.appliedValues(node)[index] : undefined;
  }
}
