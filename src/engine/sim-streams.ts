import type { RaftEvent } from '../raft/events';
import { describeMessage, type Message } from '../raft/messages';
import type { NodeId } from '../raft/types';
import type { ClusterState, TrafficBatch } from '../runtime/cluster';
import type { AppliedEntryView, TrafficEvent } from '../runtime/protocol';
import type { SimTraffic } from '../sim/cluster';
import type { RunNote } from './run';

/** At most this many traffic events per node per flush; the rest are counted as overflow. */
const TRAFFIC_PER_FLUSH = 400;

type Listeners<T extends unknown[]> = Set<(...args: T) => void>;

/**
 * The simulated engine's four streams, as the live engine has them: the state, traffic (per node),
 * the core's rule events and applied entries. What happens during a run is buffered and handed out
 * at flush(), once per tick; nothing is buffered for a stream nobody listens to.
 */
export class SimStreams {
  private traffic = new Map<NodeId, { events: TrafficEvent[]; overflow: number }>();
  private events = new Map<NodeId, RaftEvent[]>();
  private applied = new Map<NodeId, AppliedEntryView[]>();
  private readonly stateListeners: Listeners<[ClusterState]> = new Set();
  private readonly trafficListeners: Listeners<[TrafficBatch]> = new Set();
  private readonly eventListeners: Listeners<[NodeId, readonly RaftEvent[]]> = new Set();
  private readonly appliedListeners: Listeners<[NodeId, readonly AppliedEntryView[], number]> = new Set();
  private notes: RunNote[] = [];
  private readonly noteListeners: Listeners<[readonly RunNote[]]> = new Set();
  /**
   * While the engine replays its recorded run to reach a moment it went back to (time travel),
   * traffic, rule events and applied entries of the replayed stretch are not told: the page is
   * shown the state it lands in, not a flood of what it had seen already.
   */
  muted = false;

  subscribe(listener: (state: ClusterState) => void): () => void {
    return listen(this.stateListeners, listener);
  }

  subscribeTraffic(listener: (batch: TrafficBatch) => void): () => void {
    return listen(this.trafficListeners, listener);
  }

  subscribeEvents(listener: (node: NodeId, events: readonly RaftEvent[]) => void): () => void {
    return listen(this.eventListeners, listener);
  }

  subscribeApplied(listener: (node: NodeId, entries: readonly AppliedEntryView[], overflow: number) => void): () => void {
    return listen(this.appliedListeners, listener);
  }

  subscribeNotes(listener: (notes: readonly RunNote[]) => void): () => void {
    return listen(this.noteListeners, listener);
  }

  /** A run's narration reached (a 'note' action applied), at virtual ms `at`. */
  note(at: number, text: string): void {
    if (this.noteListeners.size > 0 && !this.muted) this.notes.push({ at, text });
  }

  /** Someone wants applied entries (describing each costs a little, so the engine asks first). */
  get watchingApplied(): boolean {
    return this.appliedListeners.size > 0 && !this.muted;
  }

  /** The core's rule events, happening at virtual ms `at` (stamped: they are handed out later, in a batch). */
  ruleEvents(node: NodeId, at: number, events: readonly RaftEvent[]): void {
    if (this.eventListeners.size > 0 && !this.muted) pushTo(this.events, node, events.map((event) => ({ ...event, at })));
  }

  appliedEntry(node: NodeId, entry: AppliedEntryView): void {
    if (this.appliedListeners.size > 0 && !this.muted) pushTo(this.applied, node, [entry]);
  }

  /** Forget what is buffered and not yet handed out (the moment it belongs to was left). */
  discard(): void {
    this.traffic = new Map();
    this.events = new Map();
    this.applied = new Map();
    this.notes = [];
  }

  /** One message's event, reported by `reporter` (the sender on the way out, the receiver on arrival), at virtual time `now`. */
  message(reporter: NodeId, event: SimTraffic<unknown>, now: number): void {
    if (this.trafficListeners.size === 0 || this.muted) return;
    const batch = this.traffic.get(reporter) ?? { events: [], overflow: 0 };
    this.traffic.set(reporter, batch);
    if (batch.events.length >= TRAFFIC_PER_FLUSH) {
      batch.overflow++;
      return;
    }
    const { message } = event;
    batch.events.push({
      type: event.type, key: `${message.from}.sim.${event.seq}`, from: message.from, to: message.to, kind: message.type,
      sentAt: event.type === 'send' ? now : event.sentAt, deliverAt: event.dueAt, at: now, term: message.term,
      ...(event.type === 'drop' ? { reason: event.reason } : {}),
      ...(event.type === 'send' ? { line: describeMessage(message) } : {}),
      ...(message.type === 'AppendEntries' ? { entries: message.entries.length } : {}),
      ...replyVerdict(message),
    });
  }

  /** Hand every listener what happened since the last flush: traffic, rule events, applied entries, then the state (if new). */
  flush(state: (() => ClusterState) | null): void {
    const traffic = this.traffic;
    const events = this.events;
    const applied = this.applied;
    const notes = this.notes;
    this.traffic = new Map();
    this.events = new Map();
    this.applied = new Map();
    this.notes = [];
    for (const [node, batch] of traffic) for (const listener of this.trafficListeners) listener({ node, events: batch.events, overflow: batch.overflow });
    for (const [node, list] of events) for (const listener of this.eventListeners) listener(node, list);
    for (const [node, list] of applied) for (const listener of this.appliedListeners) listener(node, list, 0);
    if (notes.length > 0) for (const listener of this.noteListeners) listener(notes);
    if (state && this.stateListeners.size > 0) {
      const current = state();
      for (const listener of this.stateListeners) listener(current);
    }
  }

  clear(): void {
    this.stateListeners.clear();
    this.trafficListeners.clear();
    this.eventListeners.clear();
    this.appliedListeners.clear();
    this.noteListeners.clear();
  }
}

function listen<T extends unknown[]>(set: Listeners<T>, listener: (...args: T) => void): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

function pushTo<T>(map: Map<NodeId, T[]>, node: NodeId, items: readonly T[]): void {
  const list = map.get(node);
  if (list) list.push(...items);
  else map.set(node, [...items]);
}

/** Whether a reply says yes: the vote granted, the append accepted. */
function replyVerdict(message: Message<unknown>): { ok?: boolean } {
  if (message.type === 'RequestVoteReply') return { ok: message.voteGranted };
  if (message.type === 'AppendEntriesReply') return { ok: message.success };
  return {};
}
