import type { RaftEvent, RaftEventKind } from '../../raft/events';
import type { NodeId } from '../../raft/types';
import type { DropReason, TrafficEvent } from '../../runtime';
import { dotKind, type DotKind } from './flights';

/**
 * Every message of the run with its send and its arrival or loss (virtual ms), the core's rule
 * events and the lanes' marks (role changes, commits, crashes): what the space-time diagram draws
 * (a Lamport diagram, as ShiViz draws logs). No DOM here. Kept sorted by time so the diagram asks
 * only for the window it shows; mutated in place (tens of thousands of records), with a version
 * number that moves on every change.
 */
export interface LoggedMessage {
  readonly key: string;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: DotKind;
  readonly type: string;
  readonly term: number | null;
  readonly sentAt: number;
  readonly deliverAt: number;
  /** When it arrived or was lost; null while in flight. */
  endAt: number | null;
  fate: 'flying' | 'delivered' | 'dropped';
  reason: DropReason | null;
  /** describeMessage's line (sent with the send event); null when the send was not seen. */
  line: string | null;
}

export type MarkKind = 'candidate' | 'precandidate' | 'leader' | 'follower' | 'commit' | 'crashed' | 'restarted';

/** A point on a node's lane. */
export interface LaneMark {
  readonly node: NodeId;
  readonly at: number;
  readonly kind: MarkKind;
  readonly term: number | null;
  readonly index: number | null;
  readonly text: string;
}

export type LoggedRule = RaftEvent & { readonly at: number };

const MARK_OF: Partial<Record<RaftEventKind, MarkKind>> = {
  becameCandidate: 'candidate', becamePreCandidate: 'precandidate', becameLeader: 'leader', becameFollower: 'follower', committed: 'commit',
};

/** The oldest records go past this many messages (the page must not grow without bound). */
export const MAX_LOGGED_MESSAGES = 60_000;
/** A rule counts as triggered by a delivery when it happened this long after it at most (virtual ms; the live engine stamps rules on arrival at the page). */
const RULE_SLACK_MS = 2;

export class MessageLog {
  /** Sorted by sentAt. */
  readonly messages: LoggedMessage[] = [];
  /** Sorted by at. */
  readonly marks: LaneMark[] = [];
  private readonly byKey = new Map<string, LoggedMessage>();
  private readonly rules = new Map<NodeId, LoggedRule[]>();
  /** The longest flight seen: a message overlapping [t0, t1] was sent after t0 - maxSpan. */
  private maxSpan = 0;
  /** The latest virtual instant recorded: what comes again at or before it (a replayed stretch) is known. */
  private frontier = -Infinity;
  /** Per node, the latest rule event recorded: a batch reaching back before it is a replay. */
  private readonly ruleFrontier = new Map<NodeId, number>();
  /** Traffic events the engine left out (a busy stretch reported at once): their arrows are missing. */
  overflow = 0;
  version = 0;
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends, deliveries and drops; each message is one record, whichever of its events come. */
  addTraffic(events: readonly TrafficEvent[], overflow = 0): void {
    this.overflow += overflow;
    for (const event of events) {
      let message = this.byKey.get(event.key);
      if (!message) {
        message = {
          key: event.key, from: event.from, to: event.to, kind: dotKind(event), type: event.kind, term: event.term ?? null,
          sentAt: event.sentAt, deliverAt: event.deliverAt, endAt: null, fate: 'flying', reason: null, line: null,
        };
        this.byKey.set(event.key, message);
        insertSorted(this.messages, message, (m) => m.sentAt);
      }
      if (event.line) message.line = event.line;
      if (event.type !== 'send') {
        message.endAt = event.at;
        message.fate = event.type === 'deliver' ? 'delivered' : 'dropped';
        message.reason = event.reason ?? null;
      }
      this.maxSpan = Math.max(this.maxSpan, (message.endAt ?? message.deliverAt) - message.sentAt);
      this.frontier = Math.max(this.frontier, event.at);
    }
    this.trim();
    this.changed();
  }

  /** A node's rule events (stamped with their virtual ms); a stretch replayed again is skipped. */
  addRules(node: NodeId, events: readonly LoggedRule[]): void {
    const list = this.rules.get(node) ?? [];
    this.rules.set(node, list);
    const known = this.ruleFrontier.get(node) ?? -Infinity;
    const fresh = events.filter((event) => event.at > known || (event.at === known && !list.some((r) => sameRule(r, event))));
    if (fresh.length === 0) return;
    for (const event of fresh) {
      insertSorted(list, event, (r) => r.at);
      const kind = MARK_OF[event.kind];
      if (kind && !event.preVote) this.pushMark({ node, at: event.at, kind, term: event.term, index: event.index ?? null, text: event.text });
      this.ruleFrontier.set(node, Math.max(this.ruleFrontier.get(node) ?? -Infinity, event.at));
      this.frontier = Math.max(this.frontier, event.at);
    }
    this.changed();
  }

  /** A crash or restart seen at `at`; ignored when a replay shows it again. */
  addStatus(node: NodeId, at: number, kind: 'crashed' | 'restarted'): void {
    if (at < this.frontier) return;
    const text = kind === 'crashed' ? `Node ${node} crashed: it keeps only what it wrote to its disk` : `Node ${node} restarted from its disk`;
    this.pushMark({ node, at, kind, term: null, index: null, text });
    this.frontier = at;
    this.changed();
  }

  /** The run forked at `at` (acting in the past): what was recorded after it did not happen. */
  dropAfter(at: number): void {
    const keep = upperBound(this.messages, at, (m) => m.sentAt);
    for (const message of this.messages.splice(keep)) this.byKey.delete(message.key);
    for (const message of this.messages) {
      if (message.endAt !== null && message.endAt > at) Object.assign(message, { endAt: null, fate: 'flying', reason: null });
    }
    this.marks.splice(upperBound(this.marks, at, (m) => m.at));
    for (const list of this.rules.values()) list.splice(upperBound(list, at, (r) => r.at));
    this.frontier = at;
    for (const node of this.ruleFrontier.keys()) this.ruleFrontier.set(node, at);
    this.changed();
  }

  clear(): void {
    this.messages.length = 0;
    this.marks.length = 0;
    this.byKey.clear();
    this.rules.clear();
    this.ruleFrontier.clear();
    this.maxSpan = 0;
    this.frontier = -Infinity;
    this.overflow = 0;
    this.changed();
  }

  /** Messages whose flight overlaps [from, to], in send order. */
  window(from: number, to: number): LoggedMessage[] {
    const start = lowerBound(this.messages, from - this.maxSpan, (m) => m.sentAt);
    const end = upperBound(this.messages, to, (m) => m.sentAt);
    const out: LoggedMessage[] = [];
    for (let i = start; i < end; i++) {
      const message = this.messages[i]!;
      if ((message.endAt ?? message.deliverAt) >= from) out.push(message);
    }
    return out;
  }

  marksIn(from: number, to: number): LaneMark[] {
    return this.marks.slice(lowerBound(this.marks, from, (m) => m.at), upperBound(this.marks, to, (m) => m.at));
  }

  get(key: string): LoggedMessage | undefined {
    return this.byKey.get(key);
  }

  /** The rule events the receiver cited as it took the message in (none for a lost or flying one). */
  rulesFor(message: LoggedMessage): LoggedRule[] {
    if (message.fate !== 'delivered' || message.endAt === null) return [];
    const list = this.rules.get(message.to) ?? [];
    const at = message.endAt;
    return list.slice(lowerBound(list, at, (r) => r.at), upperBound(list, at + RULE_SLACK_MS, (r) => r.at))
      .filter((rule) => rule.peer === undefined || rule.peer === message.from);
  }

  /** The virtual ms of the first and last things recorded (null when empty). */
  span(): { from: number; to: number } | null {
    const first = this.messages[0]?.sentAt ?? this.marks[0]?.at;
    if (first === undefined) return null;
    return { from: Math.min(first, this.marks[0]?.at ?? first), to: Math.max(first, this.frontier) };
  }

  private pushMark(mark: LaneMark): void {
    insertSorted(this.marks, mark, (m) => m.at);
  }

  private trim(): void {
    const excess = this.messages.length - MAX_LOGGED_MESSAGES;
    if (excess <= 0) return;
    for (const message of this.messages.splice(0, excess + MAX_LOGGED_MESSAGES / 10)) this.byKey.delete(message.key);
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function sameRule(a: LoggedRule, b: LoggedRule): boolean {
  return a.at === b.at && a.kind === b.kind && a.peer === b.peer && a.text === b.text;
}

/** Insert keeping `list` sorted by `by` (records mostly come in order: usually a push). */
function insertSorted<T>(list: T[], item: T, by: (t: T) => number): void {
  const value = by(item);
  if (list.length === 0 || by(list[list.length - 1]!) <= value) list.push(item);
  else list.splice(upperBound(list, value, by), 0, item);
}

/** The first index whose value is >= `value`. */
export function lowerBound<T>(list: readonly T[], value: number, by: (t: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (by(list[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is > `value`. */
export function upperBound<T>(list: readonly T[], value: number, by: (t: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (by(list[mid]!) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
