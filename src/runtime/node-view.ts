import type { Entry, NodeId, PersistBatch, PersistedState, StateMachine } from '../raft/types';
import { ListStateMachine } from '../sim/list-machine';
import type { MachineSpec } from './machines';
import type { DropReason } from './network';
import type { NodeHost } from './node-host';
import type { AppliedUpdate, EntryView, NodeView, TimerView, TrafficCounters } from './protocol';

/** How many of the last log entries a view carries. */
export const LOG_WINDOW = 24;

/** What the node's store holds, as far as completed transactions tell. */
export class DurableState {
  term = 0;
  votedFor: NodeId | null = null;
  recovering = false;
  lastIndex = 0;
  snapshotIndex = 0;
  snapshotTerm = 0;
  /**
   * The last LOG_WINDOW entries written (index lastIndex - tail.length + 1 onwards): what a node that
   * is down is shown to hold (issue 12, item 8), as the picture of a running node shows its memory.
   * Replaced on each write, never changed in place (a checkpoint shares nothing it would change).
   */
  tail: readonly Entry<unknown>[] = [];

  loaded(persisted: PersistedState<unknown>): void {
    this.term = persisted.hardState.term;
    this.votedFor = persisted.hardState.votedFor;
    this.recovering = persisted.hardState.recovering === true;
    this.snapshotIndex = persisted.snapshot?.lastIncludedIndex ?? 0;
    this.snapshotTerm = persisted.snapshot?.lastIncludedTerm ?? 0;
    this.lastIndex = this.snapshotIndex + persisted.entries.length;
    this.tail = persisted.entries.slice(-LOG_WINDOW);
  }

  /** Mirror PersistBatch's order: snapshot, then entries (truncate at fromIndex, append), then hard state. */
  wrote(batch: PersistBatch<unknown>): void {
    if (batch.snapshot) {
      this.snapshotIndex = batch.snapshot.lastIncludedIndex;
      this.snapshotTerm = batch.snapshot.lastIncludedTerm;
      this.lastIndex = Math.max(this.lastIndex, this.snapshotIndex);
      this.tail = this.tail.slice(Math.max(0, this.tail.length - (this.lastIndex - this.snapshotIndex)));
    }
    if (batch.entries) {
      const { fromIndex, entries } = batch.entries;
      // Figure 2, AppendEntries 3–4: what follows fromIndex is cut, the new entries appended.
      const kept = this.tail.slice(0, Math.max(0, this.tail.length - (this.lastIndex - fromIndex + 1)));
      this.lastIndex = fromIndex + entries.length - 1;
      this.tail = (entries.length >= LOG_WINDOW ? entries.slice(-LOG_WINDOW) : [...kept, ...entries].slice(-LOG_WINDOW));
    }
    if (batch.hardState) {
      this.term = batch.hardState.term;
      this.votedFor = batch.hardState.votedFor;
      this.recovering = batch.hardState.recovering === true;
    }
  }
}

/** Per-node message counters. */
export class TrafficTally {
  private counts = { sent: 0, delivered: 0, requests: 0 };
  private drops: Partial<Record<DropReason, number>> = {};
  droppedTotal = 0;

  sent(request: boolean): void {
    this.counts.sent++;
    if (request) this.counts.requests++;
  }

  delivered(): void {
    this.counts.delivered++;
  }

  dropped(reason: DropReason): void {
    this.drops[reason] = (this.drops[reason] ?? 0) + 1;
    this.droppedTotal++;
  }

  snapshot(): TrafficCounters {
    return { ...this.counts, dropped: { ...this.drops } };
  }
}

/** A node's state as the UI and the lab harness see it. */
export function buildView<C, R>(host: NodeHost<C, R>, spec: MachineSpec<C, R>): NodeView {
  const core = host.node?.core;
  const d = host.durable;
  const durable = { term: d.term, votedFor: d.votedFor, recovering: d.recovering, lastIndex: d.lastIndex, snapshotIndex: d.snapshotIndex, snapshotTerm: d.snapshotTerm, writing: host.writeInFlight };
  const base = {
    id: host.id, incarnation: host.incarnation, status: host.status, error: host.error, durable,
    counters: host.tally.snapshot(), numAppendLogs: host.machine instanceof ListStateMachine ? host.machine.numAppendLogs : 0,
  };
  if (!core) {
    return {
      ...base, at: 0, role: 'follower', term: d.term, votedFor: d.votedFor, recovering: d.recovering, leaderId: null, commitIndex: 0, lastApplied: 0,
      log: { lastIndex: d.lastIndex, lastTerm: d.tail.at(-1)?.term ?? d.snapshotTerm, snapshotIndex: d.snapshotIndex, snapshotTerm: d.snapshotTerm, stableIndex: d.lastIndex, window: storedWindow(d, spec) },
      progress: [], timer: IDLE_TIMER, votes: [], machine: null,
    };
  }
  // The core's read-only status (etcd's Status), and its log's entries for the window.
  const status = core.status();
  const log = status.log;
  const window = entriesBetween(log.firstIndex, log.lastIndex, (index) => core.log.entryAt(index), spec, log.lastIndex - LOG_WINDOW + 1, log.lastIndex);
  return {
    ...base, at: status.now, role: status.role, term: status.term, votedFor: status.votedFor, recovering: status.recovering, leaderId: status.leaderId,
    ...(status.transferee !== null ? { transferee: status.transferee } : {}),
    commitIndex: status.commitIndex, lastApplied: status.lastApplied,
    log: { lastIndex: log.lastIndex, lastTerm: log.lastTerm, snapshotIndex: log.snapshotIndex, snapshotTerm: log.snapshotTerm, stableIndex: status.stableIndex, window },
    progress: status.progress,
    timer: {
      electionDeadline: status.role === 'leader' || host.status !== 'running' ? Infinity : status.electionDeadline,
      electionSetAt: host.electionArmedAt,
      heartbeatDeadline: status.heartbeatDeadline,
    },
    votes: status.role === 'follower' ? [] : status.votes,
    machine: host.machineSummary(),
  };
}

/** A down node's log as its storage holds it: the last entries written. */
function storedWindow<C, R>(d: DurableState, spec: MachineSpec<C, R>): EntryView[] {
  const first = d.lastIndex - d.tail.length + 1;
  return d.tail.map((entry, i) => entryView(first + i, entry as Entry<C>, spec));
}

/** At most this many entries per readLog: the log view asks for what it shows, and a little around it. */
export const READ_LOG_MAX = 200;

/**
 * A node's entries from..to as it holds them now (Cluster.readLog): a running node's log; a node
 * that is down, the last entries its driver saw written (an engine that can read the whole storage
 * passes it to entriesBetween itself). Entries compacted into a snapshot are not returned (§7).
 */
export function readLog<C, R>(host: Pick<NodeHost<C, R>, 'node' | 'durable'>, spec: MachineSpec<C, R>, from: number, to: number): EntryView[] {
  const core = host.node?.core;
  if (core) return entriesBetween(core.log.firstIndex, core.log.lastIndex, (index) => core.log.entryAt(index), spec, from, to);
  const d = host.durable;
  return entriesBetween(d.lastIndex - d.tail.length + 1, d.lastIndex, (index) => d.tail[index - d.lastIndex + d.tail.length - 1] as Entry<C>, spec, from, to);
}

/** The entries of first..last (what is held) that fall in from..to, at most READ_LOG_MAX of them (the newest). */
export function entriesBetween<C, R>(
  first: number, last: number, entryAt: (index: number) => Entry<C>, spec: MachineSpec<C, R>, from: number, to: number,
): EntryView[] {
  const end = Math.min(last, to);
  const entries: EntryView[] = [];
  for (let index = Math.max(first, from, end - READ_LOG_MAX + 1); index <= end; index++) entries.push(entryView(index, entryAt(index), spec));
  return entries;
}

function entryView<C, R>(index: number, entry: Entry<C>, spec: MachineSpec<C, R>): EntryView {
  return entry.kind === 'noop' ? { index, term: entry.term, kind: 'noop', command: '' } : { index, term: entry.term, command: spec.describe(entry.command) };
}

/** The timers of a node that is not running. */
export const IDLE_TIMER: TimerView = { electionDeadline: Infinity, electionSetAt: 0, heartbeatDeadline: Infinity };

/** Where the list-machine mirror stands: which store array was last reported, and how much of it. */
export interface AppliedCursor {
  store: readonly number[] | null;
  length: number;
}

/** The list machine's values applied since the cursor; all of them if the machine was rebuilt. */
export function appliedSince(machine: StateMachine<unknown, unknown> | null, cursor: AppliedCursor): AppliedUpdate | undefined {
  if (!(machine instanceof ListStateMachine)) return undefined;
  const store = machine.store;
  if (store !== cursor.store) {
    cursor.store = store;
    cursor.length = store.length;
    return { reset: store.slice(), from: store.length, values: [] };
  }
  if (store.length === cursor.length) return undefined;
  const update = { from: cursor.length, values: store.slice(cursor.length) };
  cursor.length = store.length;
  return update;
}
