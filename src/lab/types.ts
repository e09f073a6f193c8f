import type { ProposalOutcome } from '../raft/node';
import type { NodeId } from '../raft/types';
import type { KvCommand, KvResult } from '../kv/types';

/**
 * The harness API the lab's scenarios are written against (shared/lab-tests.md). The simulator
 * implements it on virtual time; the browser runtime implements it over real workers, so the same
 * scenario code runs on both.
 */
export interface LabNode<C, R> {
  newCommand(command: C): { term: number; index: number } | null;
  /** newCommand keeping a handle on the result (the lab's kv_command::res). */
  submit(command: C): { term: number; index: number; outcome(timeoutMs: number): Promise<ProposalOutcome<R> | undefined> } | null;
  isLeader(): boolean;
  term(): number;
  saveSnapshot(): boolean;
  numAppendLogs(): number;
}

export interface LabGroup<C, R> {
  readonly size: number;
  node(i: NodeId): LabNode<C, R>;
  sleep(ms: number): Promise<void>;
  /** An integer in [0, n) from the run's seeded PRNG (the original's rand()). */
  random(n: number): number;
  reachable(i: NodeId): boolean;
  checkExactlyOneLeader(): Promise<NodeId>;
  checkNoLeader(): void;
  checkSameTerm(): number;
  disable(i: NodeId): void;
  enable(i: NodeId): void;
  restart(i: NodeId): void;
  setReliable(reliable: boolean): void;
  numCommitted(index: number): number;
  committedValue(index: number): number;
  appendNewCommand(value: number, numServers: number): Promise<number>;
  waitCommit(index: number, numServers: number, startTerm: number): Promise<number>;
  rpcCount(): number;
}

export interface LabContext {
  readonly seed: number;
  createGroup(options: { nodes: number; machine: 'kv' }): LabGroup<KvCommand, KvResult>;
  createGroup(options: { nodes: number; machine?: 'list' }): LabGroup<number, number>;
}

export interface LabTest {
  readonly part: 'part1' | 'part2' | 'part3' | 'part4' | 'part5';
  readonly name: string;
  readonly description: string;
  /** The lab grader's points for this test. */
  readonly points: number;
  readonly run: (ctx: LabContext) => Promise<void>;
}

export function fullName(test: LabTest): string {
  return `${test.part}.${test.name}`;
}
