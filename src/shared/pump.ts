import type { Message } from '../raft/messages';
import type { PersistBatch } from '../raft/types';

/** What the pump needs of the driver it runs in. */
export interface PumpDriver<C> {
  /**
   * Make `batches` durable, in order, as one write, and call `done` once they are. A driver with a
   * synchronous disk calls it at once; one whose node crashed meanwhile may never call it (the pump
   * ignores a `done` from before crash() anyway). A driver may instead call the pump's written()
   * (the simulator does: a closure cannot be copied with the simulation).
   */
  write(batches: readonly PersistBatch<C>[], done: () => void): void;
  /** Tell the core a batch is durable (RaftNode.persisted): a leader may count it towards commit. */
  persisted(batch: PersistBatch<C>): void;
  send(message: Message<C>): void;
  /** A write has landed and its messages left: the core may have more to do (take the next Ready). */
  afterWrite(): void;
}

/**
 * The persist-then-send pipeline, one per node, for every driver: thesis §3.8 (and Figure 2's
 * "respond after persisting") — a vote or an append acknowledgement leaves a node only once the
 * term, vote and entries it promises are durable.
 *
 * Writes are strictly ordered. A Ready's messages wait for its own batch and for every earlier
 * one; Readies offered while a write is in flight are coalesced into the next write (as one
 * IndexedDB transaction coalesces them in the browser); a Ready with nothing to persist and
 * nothing ahead of it is sent at once. crash() forgets everything queued and in flight.
 *
 * Invariant: a message offered with batch B, or after it, is sent only after B is durable —
 * unless ackBeforePersist, the deliberate bug, sends each Ready's messages before its batch.
 */
export class PersistThenSend<C> {
  private queue: { batch: PersistBatch<C> | null; messages: readonly Message<C>[] }[] = [];
  private inFlight = false;
  /** The write in flight: the Readies it groups and the batches it writes. */
  private flight: { group: readonly { messages: readonly Message<C>[] }[]; batches: readonly PersistBatch<C>[] } | null = null;
  /** Counts crashes: a write begun before the last one never lands. */
  private epoch = 0;

  constructor(private readonly driver: PumpDriver<C>, public ackBeforePersist = false) {}

  /** A write has been issued and is not yet durable. */
  get writing(): boolean {
    return this.inFlight;
  }

  /** One Ready's effects: its batch to persist (or null) and the messages that must wait for it. */
  offer(batch: PersistBatch<C> | null, messages: readonly Message<C>[]): void {
    if (!batch && messages.length === 0) return;
    if (this.ackBeforePersist) {
      for (const message of messages) this.driver.send(message); // the bug: acknowledge first
      if (batch) this.enqueue(batch, []);
    } else if (batch || this.inFlight) {
      this.enqueue(batch, messages);
    } else {
      for (const message of messages) this.driver.send(message);
    }
  }

  /** The node crashed: what was queued or in flight is lost (only what already landed is durable). */
  crash(): void {
    this.epoch++;
    this.queue = [];
    this.inFlight = false;
    this.flight = null;
  }

  /** The write in flight is durable (what the `done` handed to the driver's write does). */
  written(): void {
    const flight = this.flight;
    if (!flight) return;
    this.flight = null;
    this.landed(flight.group, flight.batches);
  }

  private enqueue(batch: PersistBatch<C> | null, messages: readonly Message<C>[]): void {
    this.queue.push({ batch, messages });
    if (!this.inFlight) this.start();
  }

  /** Write everything queued as one write; when it is durable, release the messages it held back. */
  private start(): void {
    const group = this.queue;
    this.queue = [];
    const epoch = this.epoch;
    const batches = group.flatMap((item) => (item.batch ? [item.batch] : []));
    this.inFlight = true;
    this.flight = { group, batches };
    this.driver.write(batches, () => {
      if (this.epoch === epoch) this.written();
    });
  }

  private landed(group: readonly { messages: readonly Message<C>[] }[], batches: readonly PersistBatch<C>[]): void {
    for (const batch of batches) this.driver.persisted(batch);
    // Only now, with every batch of the group durable, do their replies and requests leave.
    for (const { messages } of group) for (const message of messages) this.driver.send(message);
    this.inFlight = false;
    if (this.queue.some((item) => item.batch)) this.start();
    else {
      // Only messages waited behind that write: nothing more to make durable, so they go now.
      const waiting = this.queue;
      this.queue = [];
      for (const { messages } of waiting) for (const message of messages) this.driver.send(message);
    }
    this.driver.afterWrite();
  }
}
