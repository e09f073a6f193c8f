import type { RaftEvent } from '../raft/events';
import type { ProposalOutcome } from '../raft/node';
import type { NodeId } from '../raft/types';
import type { HostSink } from './node-host';
import type { AppliedEntryView, AppliedUpdate, EntryView, NodeView, ProposeResult, TrafficEvent, WorkerReport } from './protocol';

/** At most this many traffic events (and trace events) per report; the rest are only counted. */
export const MAX_TRAFFIC_PER_REPORT = 600;
export const MAX_EVENTS_PER_REPORT = 300;
/** At most this many applied entries per report (the page's State Machine Safety check skips the rest). */
export const MAX_APPLIED_PER_REPORT = 2000;

export interface ReportSource {
  view(): NodeView;
  appliedUpdate(): AppliedUpdate | undefined;
}

/** Who a report is from: the node, its restart count and the cluster's generation. */
export interface ReportStamp {
  readonly node: NodeId;
  readonly incarnation: number;
  readonly generation: number;
}

/** Timer functions, injectable for tests. */
export interface ReportTimers {
  later(ms: number, callback: () => void): void;
  soon(callback: () => void): void;
}

const REAL_TIMERS: ReportTimers = {
  later: (ms, callback) => { setTimeout(callback, ms); },
  soon: (callback) => queueMicrotask(callback),
};

/**
 * Batches what a worker tells the page, so a busy cluster cannot flood the main thread:
 * - answers to the client (proposals placed, outcomes, snapshots) leave at the end of the current
 *   task, because a user is waiting on them;
 * - the node's view, its traffic and trace events leave at most once per interval, with traffic
 *   capped per batch (the overflow is counted, and the counters in the view stay exact).
 */
export class Reporter implements HostSink {
  source: ReportSource | null = null;
  private dirty = false;
  private trafficBuffer: TrafficEvent[] = [];
  private overflow = 0;
  private raftEvents: RaftEvent[] = [];
  private appliedEntries: AppliedEntryView[] = [];
  private appliedOverflow = 0;
  private proposedResults: ProposeResult[] = [];
  private outcomes: { requestId: number; outcome: ProposalOutcome<unknown> }[] = [];
  private snapshotResults: { requestId: number; ok: boolean }[] = [];
  private logReads: { requestId: number; entries: readonly EntryView[] }[] = [];
  private periodicArmed = false;
  private urgentArmed = false;

  constructor(
    private readonly post: (report: WorkerReport) => void,
    /** Which worker speaks: every report carries it, so the page can drop an older worker's. */
    private readonly stamp: ReportStamp,
    private readonly intervalMs: number,
    private readonly timers: ReportTimers = REAL_TIMERS,
  ) {}

  traffic(event: TrafficEvent): void {
    if (this.trafficBuffer.length < MAX_TRAFFIC_PER_REPORT) this.trafficBuffer.push(event);
    else this.overflow++;
    this.armPeriodic();
  }

  events(events: readonly RaftEvent[]): void {
    const room = MAX_EVENTS_PER_REPORT - this.raftEvents.length;
    if (room > 0) this.raftEvents.push(...events.slice(0, room));
    this.armPeriodic();
  }

  applied(entry: AppliedEntryView): void {
    if (this.appliedEntries.length < MAX_APPLIED_PER_REPORT) this.appliedEntries.push(entry);
    else this.appliedOverflow++;
    this.armPeriodic();
  }

  outcome(requestId: number, outcome: ProposalOutcome<unknown>): void {
    this.outcomes.push({ requestId, outcome });
    this.armUrgent();
  }

  proposed(results: readonly ProposeResult[]): void {
    this.proposedResults.push(...results);
    this.armUrgent();
  }

  snapshotTaken(requestId: number, ok: boolean): void {
    this.snapshotResults.push({ requestId, ok });
    this.armUrgent();
  }

  logRead(requestId: number, entries: readonly EntryView[]): void {
    this.logReads.push({ requestId, entries });
    this.armUrgent();
  }

  changed(): void {
    this.dirty = true;
    this.armPeriodic();
  }

  /** Send everything now (the first view after start-up, tests). */
  flushAll(): void {
    this.flushUrgent();
    this.flushPeriodic();
  }

  private armUrgent(): void {
    if (this.urgentArmed) return;
    this.urgentArmed = true;
    this.timers.soon(() => this.flushUrgent());
  }

  private armPeriodic(): void {
    if (this.periodicArmed) return;
    this.periodicArmed = true;
    this.timers.later(this.intervalMs, () => this.flushPeriodic());
  }

  private flushUrgent(): void {
    this.urgentArmed = false;
    if (this.proposedResults.length + this.outcomes.length + this.snapshotResults.length + this.logReads.length === 0) return;
    this.post({
      type: 'report', ...this.stamp,
      ...(this.proposedResults.length ? { proposed: this.proposedResults } : {}),
      ...(this.outcomes.length ? { outcomes: this.outcomes } : {}),
      ...(this.snapshotResults.length ? { snapshots: this.snapshotResults } : {}),
      ...(this.logReads.length ? { logs: this.logReads } : {}),
    });
    this.proposedResults = [];
    this.outcomes = [];
    this.snapshotResults = [];
    this.logReads = [];
  }

  private flushPeriodic(): void {
    this.periodicArmed = false;
    const view = this.dirty && this.source ? this.source.view() : undefined;
    const applied = this.source?.appliedUpdate();
    this.dirty = false;
    const appliedCount = this.appliedEntries.length + this.appliedOverflow;
    if (!view && !applied && this.trafficBuffer.length === 0 && this.raftEvents.length === 0 && this.overflow === 0 && appliedCount === 0) return;
    this.post({
      type: 'report', ...this.stamp,
      ...(view ? { view } : {}), ...(applied ? { applied } : {}),
      ...(this.trafficBuffer.length ? { traffic: this.trafficBuffer } : {}),
      ...(this.overflow ? { trafficOverflow: this.overflow } : {}),
      ...(this.raftEvents.length ? { events: this.raftEvents } : {}),
      ...(this.appliedEntries.length ? { appliedEntries: this.appliedEntries } : {}),
      ...(this.appliedOverflow ? { appliedOverflow: this.appliedOverflow } : {}),
    });
    this.trafficBuffer = [];
    this.overflow = 0;
    this.raftEvents = [];
    this.appliedEntries = [];
    this.appliedOverflow = 0;
  }
}
