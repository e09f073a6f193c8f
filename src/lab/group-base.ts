import type { NodeId } from '../raft/types';
import { labAssert } from '../sim/assert';
import type { LabGroup, LabNode } from './types';

/**
 * The lab's raft_group checks and waits, written once over a few primitives. The simulator's Group
 * (virtual time) and the worker runtime's WorkerLabGroup (real time) supply the primitives.
 */
export abstract class LabGroupBase<C, R> implements LabGroup<C, R> {
  abstract readonly size: number;
  abstract node(i: NodeId): LabNode<C, R>;
  abstract sleep(ms: number): Promise<void>;
  abstract random(n: number): number;
  abstract reachable(i: NodeId): boolean;
  abstract disable(i: NodeId): void;
  abstract enable(i: NodeId): void;
  abstract restart(i: NodeId): void;
  abstract setReliable(reliable: boolean): void;
  abstract rpcCount(): number;
  /** The clock the scenario's waits are measured on (virtual or wall ms). */
  protected abstract clock(): number;
  /** The list machine's value at `index` on `node`, if that node has applied it. */
  protected abstract appliedValue(node: NodeId, index: number): number | undefined;

  /** A step of the test in words, for whoever watches it (the page's lab runs); nobody by default. */
  protected narrate(_text: string): void {}

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
      if (leaders.size > 0) {
        const term = Math.max(...leaders.keys());
        const leader = leaders.get(term)!;
        this.narrate(`Check passed: one leader, node ${leader} in term ${term}`);
        return leader;
      }
      await this.sleep(500 + this.random(10) * 30);
    }
    labAssert(false, 'There is no leader');
  }

  checkNoLeader(): void {
    for (let i = 0; i < this.size; i++) {
      if (this.reachable(i)) labAssert(!this.node(i).isLeader(), `node ${i} is leader, which is unexpected.`);
    }
    this.narrate('Check passed: no connected node is leader');
  }

  checkSameTerm(): number {
    let current = -1;
    for (let i = 0; i < this.size; i++) {
      const term = this.node(i).term();
      labAssert(term >= 0, `invalid term: ${term}`);
      if (current === -1) current = term;
      labAssert(current === term, `inconsistent term: ${current}, ${term}`);
    }
    this.narrate(`Check passed: every node is in term ${current}`);
    return current;
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

  /** Offer `value` round-robin until a leader takes it and ≥ numServers apply it; 10 s in all. */
  async appendNewCommand(value: number, numServers: number): Promise<number> {
    const start = this.clock();
    let leaderIdx = 0;
    while (this.clock() < start + 10_000) {
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
      const checkStart = this.clock();
      while (this.clock() < checkStart + 2000) {
        if (this.numCommitted(logIdx) >= numServers && this.committedValue(logIdx) === value) {
          this.narrate(`Check passed: command ${value} committed at index ${logIdx} on at least ${numServers} node(s)`);
          return logIdx;
        }
        await this.sleep(20);
      }
    }
    labAssert(false, 'Cannot make agreement!');
  }

  /** 30 polls, sleeping 10 ms doubling to 1280 ms; -1 if some node's term passed startTerm. */
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
    const value = this.committedValue(index);
    this.narrate(`Check passed: index ${index} committed on ${committed} node(s) (value ${value})`);
    return value;
  }
}
