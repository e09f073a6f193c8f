import type { KvCommand, KvResult } from '../kv/types';
import { validateKvCommand } from '../kv/validate';
import type { NodeId } from '../raft/types';
import type { ClusterState } from './cluster';
import { CANCELLED_BY_RESET, isCancellation, type Proposal } from './requests';

/** What the client needs of a cluster: its latest state and a way to offer a command to a node. */
export interface ProposalTarget {
  getState(): ClusterState;
  propose<R>(node: NodeId, command: unknown, options?: { read?: boolean }): Promise<Proposal<R>>;
}

export interface ClientTimers {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_TIMERS: ClientTimers = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class KvClientError extends Error {
  constructor(readonly code: 'timeout' | 'invalid' | 'cancelled', message: string) {
    super(message);
    this.name = 'KvClientError';
  }
}

/** How a result was served: through the log, or without it (thesis §6.4 ReadIndex, §6.4.1 lease). */
export type ServedBy = 'log' | 'readIndex' | 'lease';

export interface SubmitOptions {
  /** Give up after this many real milliseconds (default 8000). */
  readonly timeoutMs?: number;
}

/** While waiting for a result, look again for a newer leader this often (a deposed leader never answers). */
const RECHECK_MS = 500;
const NO_LEADER_BACKOFF_MS = 40;

/**
 * The KV client the UI uses: find the leader, offer the command, retry on a new leader, and
 * resolve with the lab's result — or reject with a KvClientError on time-out.
 *
 * Every command carries a session (thesis §6.3) so that a retry is applied at most once. The KV
 * machine keeps one result per client id, so each command in flight uses its own "lane" (a client
 * id with its own sequence numbers): a lane is reused only after its previous command settled.
 */
export class KvClient {
  private readonly clientId: string;
  private readonly freeLanes: { id: string; seq: number }[] = [];
  private lanes = 0;

  constructor(private readonly cluster: ProposalTarget, private readonly timers: ClientTimers = REAL_TIMERS, clientId?: string) {
    this.clientId = clientId ?? newClientId();
  }

  put(key: string, value: string, options?: SubmitOptions): Promise<KvResult> {
    return this.submit({ op: 'put', key, value }, options);
  }

  get(key: string, options?: SubmitOptions): Promise<KvResult> {
    return this.submit({ op: 'get', key }, options);
  }

  del(key: string, options?: SubmitOptions): Promise<KvResult> {
    return this.submit({ op: 'del', key }, options);
  }

  async submit(command: KvCommand, options: SubmitOptions = {}): Promise<KvResult> {
    return (await this.submitServed(command, options)).result;
  }

  /**
   * As submit, and say how the result was served: a get may be answered by ReadIndex or a lease
   * (thesis §6.4) when the leader has them on; 'log' when it went through the log.
   */
  async submitServed(command: KvCommand, options: SubmitOptions = {}): Promise<{ result: KvResult; servedBy: ServedBy }> {
    try {
      validateKvCommand(command);
    } catch (error) {
      throw new KvClientError('invalid', (error as Error).message);
    }
    const lane = this.freeLanes.pop() ?? { id: `${this.clientId}.${this.lanes++}`, seq: 0 };
    const sessionCommand: KvCommand = { ...command, session: { client: lane.id, seq: ++lane.seq } };
    try {
      return await this.until(sessionCommand, this.timers.now() + (options.timeoutMs ?? 8000));
    } finally {
      this.freeLanes.push(lane);
    }
  }

  /**
   * Offer the command to the leader until one applies it or the deadline passes. A reset (or
   * another tab taking the cluster) ends it: it must never be retried into the next cluster.
   */
  private async until(command: KvCommand, deadline: number): Promise<{ result: KvResult; servedBy: ServedBy }> {
    let hint: NodeId | null = null;
    let lastError = 'no leader';
    const generation = this.cluster.getState().generation;
    const cancelled = (reason?: string): KvClientError =>
      new KvClientError('cancelled', reason ?? this.cluster.getState().cancelled ?? CANCELLED_BY_RESET);
    while (this.timers.now() < deadline) {
      if (this.cluster.getState().generation !== generation) throw cancelled();
      const target: NodeId | null = hint ?? leaderOf(this.cluster.getState());
      hint = null;
      if (target === null) {
        await this.timers.sleep(NO_LEADER_BACKOFF_MS);
        continue;
      }
      const proposal: Proposal<KvResult> = await this.cluster.propose<KvResult>(target, command, command.op === 'get' ? { read: true } : {});
      if (proposal.error?.startsWith('invalid command')) throw new KvClientError('invalid', proposal.error);
      if (isCancellation(proposal.error)) throw cancelled(proposal.error);
      if (!proposal.outcome) {
        lastError = proposal.error ?? `node ${target} is not the leader`;
        if (proposal.leaderHint !== null && proposal.leaderHint !== target) hint = proposal.leaderHint;
        else await this.timers.sleep(NO_LEADER_BACKOFF_MS);
        continue;
      }
      const settled = await this.awaitOutcome(proposal.outcome, target, deadline);
      if (settled === 'moved') continue;
      if (settled === 'timeout') break;
      if (settled.ok) return { result: settled.result, servedBy: settled.servedBy ?? 'log' };
      if (isCancellation(settled.reason)) throw cancelled(settled.reason);
      lastError = settled.reason;
    }
    throw new KvClientError('timeout', `no result for ${command.op} ${command.key} in time (last: ${lastError})`);
  }

  /** Wait for the outcome; give up on this leader if another with a newer term has appeared. */
  private async awaitOutcome(outcome: NonNullable<Proposal<KvResult>['outcome']>, target: NodeId, deadline: number) {
    let settled: Awaited<typeof outcome> | null = null;
    void outcome.then((o) => { settled = o; });
    for (;;) {
      const left = deadline - this.timers.now();
      if (left <= 0) return 'timeout' as const;
      await Promise.race([outcome, this.timers.sleep(Math.min(RECHECK_MS, left))]);
      if (settled) return settled as Awaited<typeof outcome>;
      const leader = leaderOf(this.cluster.getState());
      if (leader !== null && leader !== target) return 'moved' as const;
    }
  }
}

/** The running node that leads in the highest term, per the latest views. */
export function leaderOf(state: ClusterState): NodeId | null {
  let best: { id: NodeId; term: number } | null = null;
  for (const view of state.nodes) {
    if (view.status === 'running' && view.role === 'leader' && (!best || view.term > best.term)) best = { id: view.id, term: view.term };
  }
  return best?.id ?? null;
}

function newClientId(): string {
  // Identity, not protocol: it must differ between page loads, so the session table never mistakes
  // a new client for an old one. Not drawn from the seeded PRNG on purpose.
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `client-${Date.now().toString(36)}`;
}
