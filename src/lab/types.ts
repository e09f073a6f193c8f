import type { ProposalOutcome } from '../raft/node';
import type { NodeId } from '../raft/types';
import type { KvCommand, KvResult } from '../kv/types';

/**
 * The harness API the lab's scenarios are written against (shared/lab-tests.md). The simulator
 * implements it on virtual time; the browser runtime implements it over real workers, so the same
 * scenario code runs on both.
 */
/**
 * Calls that reach into a node are async so that a runtime whose nodes live in other threads can
 * implement them; under the simulator they resolve at once and virtual time does not move.
 */
export interface LabNode<C, R> {
  newCommand(command: C): Promise<{ term: number; index: number } | null>;
  /** newCommand keeping a handle on the result (the lab's kv_command::res). */
  submit(command: C): Promise<Submitted<R> | null>;
  isLeader(): boolean;
  term(): number;
  saveSnapshot(): Promise<boolean>;
  numAppendLogs(): number;
}

/** A proposal accepted by a leader, whose outcome the test can await. */
export interface Submitted<R> {
  readonly term: number;
  readonly index: number;
  /** The outcome, or undefined if none arrives within `timeoutMs`. */
  outcome(timeoutMs: number): Promise<ProposalOutcome<R> | undefined>;
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
