import type { TrafficEvent } from '../../runtime';
import type { MessageType } from '../../raft/messages';
import type { NodeId } from '../../raft/types';

/**
 * Messages in flight, for drawing. A message is data with a send time and a due time (virtual ms),
 * so its place on the link at any instant is an interpolation, and losing it is a state change —
 * RaftScope's model. The tracker is fed the workers' traffic events; the frame loop asks it where
 * every dot is. No DOM here.
 */
export type DotKind =
  | 'vote-request' | 'vote-granted' | 'vote-rejected'
  | 'prevote-request' | 'prevote-granted' | 'prevote-rejected' | 'timeout-now'
  | 'append' | 'heartbeat' | 'append-ok' | 'append-rejected'
  | 'snapshot' | 'snapshot-reply' | 'unknown';

export interface Flight {
  readonly key: string;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: DotKind;
  readonly sentAt: number;
  readonly deliverAt: number;
  /** AppendEntries: how many entries it carries. */
  readonly entries: number;
  /** Set when the message was lost: where along the link (0–1) and when (real ms, for the fade). */
  lostAt: { progress: number; real: number } | null;
}

/** One dot to draw this frame. */
export interface Dot {
  readonly flight: Flight;
  /** 0 at the sender, 1 at the receiver. */
  readonly progress: number;
  /** 1 while flying; fades to 0 once lost. */
  readonly opacity: number;
  readonly lost: boolean;
}

/** How long a lost message stays visible, fading (real ms: it must be seen whatever the speed). */
export const LOST_FADE_MS = 1100;
/** A message lost as it was sent still travels this far along its link, so the loss is seen. */
const LOST_AT_SEND_PROGRESS = 0.42;
/** Forget a flight that never got its delivery event (its node crashed meanwhile) after this long past due. */
const STALE_AFTER_MS = 2000;
/**
 * At most this many flights are remembered. Only `frame` forgets arrived and faded ones, and a
 * page whose frames stop (a background tab the browser starves of animation frames while the
 * cluster runs) would otherwise keep every message ever sent. Far more than a screen can show.
 */
export const MAX_FLIGHTS = 4000;

type DotEvent = Pick<TrafficEvent, 'kind' | 'ok' | 'entries' | 'preVote'>;

/**
 * How each message kind is drawn, one entry per kind of src/raft/messages.ts: a kind added there
 * does not compile until it is given a dot here.
 */
const DOT_OF: Record<MessageType, (event: DotEvent) => DotKind> = {
  RequestVote: (event) => (event.preVote ? 'prevote-request' : 'vote-request'),
  RequestVoteReply: (event) => event.preVote
    ? (event.ok === false ? 'prevote-rejected' : 'prevote-granted')
    : (event.ok === false ? 'vote-rejected' : 'vote-granted'),
  TimeoutNow: () => 'timeout-now',
  AppendEntries: (event) => ((event.entries ?? 0) > 0 ? 'append' : 'heartbeat'),
  AppendEntriesReply: (event) => (event.ok === false ? 'append-rejected' : 'append-ok'),
  InstallSnapshot: () => 'snapshot',
  InstallSnapshotReply: () => 'snapshot-reply',
};

/** A kind the page does not know (a worker of another build) is drawn as 'unknown'. */
export function dotKind(event: DotEvent): DotKind {
  const draw = Object.hasOwn(DOT_OF, event.kind) ? DOT_OF[event.kind as MessageType] : undefined;
  return draw ? draw(event) : 'unknown';
}

export class FlightTracker {
  private readonly flights = new Map<string, Flight>();

  get size(): number {
    return this.flights.size;
  }

  /** Take one batch of traffic events (sends, deliveries, drops), in the order they happened. */
  ingest(events: readonly TrafficEvent[], realNow: number): void {
    for (const event of events) {
      if (event.type === 'send') {
        this.flights.set(event.key, {
          key: event.key, from: event.from, to: event.to, kind: dotKind(event),
          sentAt: event.sentAt, deliverAt: event.deliverAt, entries: event.entries ?? 0, lostAt: null,
        });
      } else if (event.type === 'deliver') {
        this.flights.delete(event.key);
      } else {
        this.lose(event, realNow);
      }
    }
    this.forgetOldest();
  }

  /** A Map iterates in insertion order: the first flights are the oldest sent. */
  private forgetOldest(): void {
    for (const key of this.flights.keys()) {
      if (this.flights.size <= MAX_FLIGHTS) return;
      this.flights.delete(key);
    }
  }

  private lose(event: TrafficEvent, realNow: number): void {
    const known = this.flights.get(event.key);
    if (known) {
      const span = known.deliverAt - known.sentAt;
      known.lostAt = { progress: span > 0 ? clamp01((event.at - known.sentAt) / span) : 1, real: realNow };
      return;
    }
    // Lost at the sender (cut link, loss): it never left, but draw it leaving and falling.
    this.flights.set(event.key, {
      key: event.key, from: event.from, to: event.to, kind: dotKind(event), sentAt: event.sentAt,
      deliverAt: event.deliverAt, entries: event.entries ?? 0, lostAt: { progress: LOST_AT_SEND_PROGRESS, real: realNow },
    });
  }

  /** Drop everything (reset, size change). */
  clear(): void {
    this.flights.clear();
  }

  /** Forget flights to or from a node whose worker is gone (its deliveries will never be reported). */
  forgetNode(node: NodeId): void {
    for (const [key, flight] of this.flights) if ((flight.from === node || flight.to === node) && !flight.lostAt) this.flights.delete(key);
  }

  /**
   * Where each message is at virtual time `now` and real time `realNow`, at most `limit` of them,
   * oldest first. Arrived and faded ones are forgotten.
   */
  frame(now: number, realNow: number, limit: number): Dot[] {
    const dots: Dot[] = [];
    for (const [key, flight] of this.flights) {
      if (flight.lostAt) {
        const age = realNow - flight.lostAt.real;
        if (age >= LOST_FADE_MS) { this.flights.delete(key); continue; }
        if (dots.length < limit) dots.push({ flight, progress: flight.lostAt.progress, opacity: 1 - age / LOST_FADE_MS, lost: true });
        continue;
      }
      const span = flight.deliverAt - flight.sentAt;
      const progress = span > 0 ? (now - flight.sentAt) / span : 1;
      if (progress >= 1) {
        // Due: the delivery report is on its way. Keep it at the receiver briefly, then let go.
        if (now - flight.deliverAt > STALE_AFTER_MS || span <= 0) this.flights.delete(key);
        continue;
      }
      if (dots.length < limit) dots.push({ flight, progress: Math.max(0, progress), opacity: 1, lost: false });
    }
    return dots;
  }

  /** Whether anything is in flight (it moves while time runs). */
  busy(): boolean {
    return this.flights.size > 0;
  }

  /** Whether a lost message is still fading (that runs on real time, even while paused). */
  fading(): boolean {
    for (const flight of this.flights.values()) if (flight.lostAt) return true;
    return false;
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
