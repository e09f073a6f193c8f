import type { ProposalOutcome } from '../raft/node';
import type { NodeId } from '../raft/types';
import type { EntryView, ProposeResult } from './protocol';

/**
 * What every command still open gets when the cluster goes away under it. A reset wipes the
 * stores, so a command pending then can never take effect; one pending when another tab takes
 * the cluster over may still commit there, so its outcome is unknown. Either way it is final: a
 * client must not retry it into the next cluster.
 */
export const CANCELLED_BY_RESET = 'cancelled: cluster reset';
export const CANCELLED_BY_TAKEOVER = 'cancelled here, outcome unknown: another tab took the cluster over';

export function isCancellation(reason: string | undefined): boolean {
  return reason === CANCELLED_BY_RESET || reason === CANCELLED_BY_TAKEOVER;
}

/** A command offered to one node, as the caller sees it. */
export interface Proposal<R> {
  readonly node: NodeId;
  /** Where the node put it, or null if it refused (not leader, not running, invalid) or took it as a read. */
  readonly placed: { readonly term: number; readonly index: number } | null;
  /** Taken as a read without the log (thesis §6.4): no index, yet an outcome comes. */
  readonly read?: boolean;
  /** The leader the node knows of, if it refused. */
  readonly leaderHint: NodeId | null;
  readonly error?: string;
  /** Settles when the entry is applied (ok) or lost (not ok); never rejects. Null if not placed. */
  readonly outcome: Promise<ProposalOutcome<R>> | null;
}

interface Pending {
  readonly node: NodeId;
  placed: ((result: ProposeResult) => void) | null;
  readonly outcome: (outcome: ProposalOutcome<unknown>) => void;
  index: number;
  term: number;
}

/**
 * Proposals and snapshot requests the page has sent to workers and not yet heard the end of. A
 * crash answers every one of that node's open requests, so no caller waits forever.
 */
export class RequestBook {
  private nextId = 1;
  private readonly proposals = new Map<number, Pending>();
  private readonly snapshots = new Map<number, { node: NodeId; resolve: (ok: boolean) => void }>();
  private readonly logReads = new Map<number, { node: NodeId; resolve: (entries: readonly EntryView[]) => void }>();

  openProposal<R>(node: NodeId): { requestId: number; proposal: Promise<Proposal<R>> } {
    const requestId = this.nextId++;
    let resolveOutcome!: (outcome: ProposalOutcome<R>) => void;
    const outcome = new Promise<ProposalOutcome<R>>((resolve) => { resolveOutcome = resolve; });
    const proposal = new Promise<Proposal<R>>((resolve) => {
      this.proposals.set(requestId, {
        node, index: 0, term: 0,
        outcome: (o) => resolveOutcome(o as ProposalOutcome<R>),
        placed: (result) => resolve({
          node, placed: result.placed, leaderHint: result.leaderHint, ...(result.read ? { read: true } : {}),
          ...(result.error !== undefined ? { error: result.error } : {}),
          outcome: result.placed || result.read ? outcome : null,
        }),
      });
    });
    return { requestId, proposal };
  }

  placed(result: ProposeResult): void {
    const pending = this.proposals.get(result.requestId);
    if (!pending?.placed) return;
    pending.placed(result);
    pending.placed = null;
    if (result.placed) {
      pending.index = result.placed.index;
      pending.term = result.placed.term;
    } else if (!result.read) {
      this.proposals.delete(result.requestId);
    }
  }

  outcome(requestId: number, outcome: ProposalOutcome<unknown>): void {
    const pending = this.proposals.get(requestId);
    if (!pending) return;
    this.proposals.delete(requestId);
    pending.outcome(outcome);
  }

  openSnapshot(node: NodeId): { requestId: number; done: Promise<boolean> } {
    const requestId = this.nextId++;
    const done = new Promise<boolean>((resolve) => this.snapshots.set(requestId, { node, resolve }));
    return { requestId, done };
  }

  snapshotDone(requestId: number, ok: boolean): void {
    this.snapshots.get(requestId)?.resolve(ok);
    this.snapshots.delete(requestId);
  }

  openLogRead(node: NodeId): { requestId: number; entries: Promise<EntryView[]> } {
    const requestId = this.nextId++;
    const entries = new Promise<EntryView[]>((resolve) => this.logReads.set(requestId, { node, resolve: (e) => resolve([...e]) }));
    return { requestId, entries };
  }

  logRead(requestId: number, entries: readonly EntryView[]): void {
    this.logReads.get(requestId)?.resolve(entries);
    this.logReads.delete(requestId);
  }

  /** Node `node` went down (crash, restart): settle everything it still owed. */
  nodeDown(node: NodeId, why: string): void {
    this.settleWhere((n) => n === node, why);
  }

  /**
   * The whole cluster is going away (reset, resize, another tab takes it): settle every open
   * request with `why`, which callers read as final (a cancelled command is not retried).
   */
  cancelAll(why: string): void {
    this.settleWhere(() => true, why);
  }

  private settleWhere(matches: (node: NodeId) => boolean, why: string): void {
    for (const [requestId, pending] of this.proposals) {
      if (!matches(pending.node)) continue;
      this.proposals.delete(requestId);
      pending.placed?.({ requestId, placed: null, leaderHint: null, error: why });
      pending.outcome({ ok: false, index: pending.index, term: pending.term, reason: why });
    }
    for (const [requestId, waiter] of this.snapshots) {
      if (!matches(waiter.node)) continue;
      this.snapshots.delete(requestId);
      waiter.resolve(false);
    }
    // A node that went down before answering holds nothing the page can read: no entries.
    for (const [requestId, waiter] of this.logReads) {
      if (!matches(waiter.node)) continue;
      this.logReads.delete(requestId);
      waiter.resolve([]);
    }
  }
}
