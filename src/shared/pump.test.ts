import { describe, expect, it } from 'vitest';
import type { Message } from '../raft/messages';
import type { PersistBatch } from '../raft/types';
import { PersistThenSend } from './pump';

/**
 * The persist-then-send pipeline (thesis §3.8), driven by hand: each test reads as a trace of
 * what the driver was asked to do, in order.
 */

const batch = (term: number): PersistBatch<never> => ({ hardState: { term, votedFor: null } }) as PersistBatch<never>;
const msg = (name: string): Message<never> => ({ type: 'RequestVoteReply', from: 0, to: 1, term: 1, voteGranted: true, name }) as unknown as Message<never>;

function harness(sync = false) {
  const trace: string[] = [];
  const pending: (() => void)[] = [];
  const pump = new PersistThenSend<never>({
    write: (batches, done) => {
      trace.push(`write ${batches.map((b) => b.hardState!.term).join('+')}`);
      if (sync) done();
      else pending.push(done);
    },
    persisted: (b) => trace.push(`persisted ${b.hardState!.term}`),
    send: (m) => trace.push(`send ${(m as unknown as { name: string }).name}`),
    afterWrite: () => trace.push('afterWrite'),
  });
  const land = (): void => pending.shift()!();
  return { pump, trace, land };
}

describe('PersistThenSend', () => {
  it('sends a Ready\'s messages only once its batch is durable, and coalesces what comes meanwhile into one next write', () => {
    const { pump, trace, land } = harness();
    pump.offer(batch(1), [msg('vote-1')]);
    pump.offer(null, [msg('heartbeat')]); // nothing to persist, but must not overtake vote-1
    pump.offer(batch(2), [msg('ack-2')]);
    pump.offer(batch(3), [msg('ack-3')]);
    expect(trace).toEqual(['write 1']);
    expect(pump.writing).toBe(true);
    land();
    expect(trace).toEqual(['write 1', 'persisted 1', 'send vote-1', 'write 2+3', 'afterWrite']);
    land();
    expect(trace.slice(5)).toEqual(['persisted 2', 'persisted 3', 'send heartbeat', 'send ack-2', 'send ack-3', 'afterWrite']);
    expect(pump.writing).toBe(false);
  });

  it('releases messages that waited behind a write with nothing more to persist at once', () => {
    const { pump, trace, land } = harness();
    pump.offer(batch(1), [msg('a')]);
    pump.offer(null, [msg('b')]);
    land();
    expect(trace).toEqual(['write 1', 'persisted 1', 'send a', 'send b', 'afterWrite']);
  });

  it('sends at once what has nothing to persist and nothing ahead of it', () => {
    const { pump, trace } = harness();
    pump.offer(null, [msg('heartbeat')]);
    pump.offer(null, []);
    expect(trace).toEqual(['send heartbeat']);
  });

  it('with a synchronous disk, persists then sends within the offer', () => {
    const { pump, trace } = harness(true);
    pump.offer(batch(4), [msg('vote')]);
    expect(trace).toEqual(['write 4', 'persisted 4', 'send vote', 'afterWrite']);
  });

  it('forgets what was queued or in flight when the node crashes: a late completion changes nothing', () => {
    const { pump, trace, land } = harness();
    pump.offer(batch(1), [msg('vote-1')]);
    pump.offer(batch(2), [msg('ack-2')]);
    pump.crash();
    expect(pump.writing).toBe(false);
    land();
    expect(trace).toEqual(['write 1']);
    pump.offer(batch(5), [msg('after')]);
    land();
    expect(trace).toEqual(['write 1', 'write 5', 'persisted 5', 'send after', 'afterWrite']);
  });

  it('under the ackBeforePersist bug, acknowledges before the batch is durable (what §3.8 forbids)', () => {
    const { pump, trace, land } = harness();
    pump.ackBeforePersist = true;
    pump.offer(batch(1), [msg('vote-1')]);
    expect(trace).toEqual(['send vote-1', 'write 1']);
    land();
    expect(trace).toEqual(['send vote-1', 'write 1', 'persisted 1', 'afterWrite']);
  });
});
