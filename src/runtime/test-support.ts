import type { RaftEvent } from '../raft/events';
import type { ProposalOutcome } from '../raft/node';
import type { NodeId, PersistBatch, PersistedState } from '../raft/types';
import type { NodeStorage } from './idb-storage';
import type { HostEnv, HostSink } from './node-host';
import type { AppliedEntryView, TrafficEvent } from './protocol';
import type { WireMessage } from './validate';

/** Test doubles for the runtime's unit tests: a storage whose writes the test completes, a manual clock. */

export const EMPTY_STATE: PersistedState<never> = { hardState: { term: 0, votedFor: null }, snapshot: null, entries: [] };

/** Each write() waits until the test calls complete() (or fail()). */
export class ManualStorage<C> implements NodeStorage<C> {
  readonly writes: { batches: readonly PersistBatch<C>[]; resolve: () => void; reject: (e: Error) => void }[] = [];
  completed = 0;

  constructor(private readonly stored: PersistedState<C> = EMPTY_STATE) {}

  load(): Promise<PersistedState<C>> {
    return Promise.resolve(this.stored);
  }

  write(batches: readonly PersistBatch<C>[]): Promise<void> {
    return new Promise((resolve, reject) => this.writes.push({ batches, resolve, reject }));
  }

  get pending(): number {
    return this.writes.length - this.completed;
  }

  /** Complete the oldest write in flight, then let its continuations run. */
  async complete(): Promise<void> {
    this.writes[this.completed++]!.resolve();
    await settle();
  }
}

/** Let every pending promise continuation run (no timers involved). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

export class RecordingSink {
  readonly traffic: TrafficEvent[] = [];
  readonly outcomes: { requestId: number; outcome: ProposalOutcome<unknown> }[] = [];
  readonly raftEvents: RaftEvent[] = [];
  readonly applied: AppliedEntryView[] = [];
  changes = 0;
  trafficEvent = (e: TrafficEvent): void => { this.traffic.push(e); };

  events(events: readonly RaftEvent[]): void {
    this.raftEvents.push(...events);
  }

  outcome(requestId: number, outcome: ProposalOutcome<unknown>): void {
    this.outcomes.push({ requestId, outcome });
  }

  changed(): void {
    this.changes++;
  }
}

/** A HostEnv with a hand-driven clock; what the node posts is recorded. */
export class FakeEnv<C> implements HostEnv<C> {
  time = 0;
  paused = false;
  wakeTarget = Infinity;
  readonly posted: { to: NodeId; wire: WireMessage<C> }[] = [];
  readonly down = new Set<NodeId>();
  readonly recording = new RecordingSink();
  readonly sink: HostSink;

  constructor(readonly storage: NodeStorage<C>) {
    const recording = this.recording;
    this.sink = {
      traffic: recording.trafficEvent,
      events: (e) => recording.events(e),
      outcome: (id, o) => recording.outcome(id, o),
      applied: (entry) => { recording.applied.push(entry); },
      changed: () => recording.changed(),
    };
  }

  now(): number {
    return this.time;
  }

  isPaused(): boolean {
    return this.paused;
  }

  wakeAt(at: number): void {
    this.wakeTarget = at;
  }

  post(to: NodeId, wire: WireMessage<C>): boolean {
    if (this.down.has(to)) return false;
    this.posted.push({ to, wire });
    return true;
  }

  /** Messages posted so far, of one type. */
  sent(type: string): WireMessage<C>['msg'][] {
    return this.posted.filter((p) => p.wire.msg.type === type).map((p) => p.wire.msg);
  }
}
