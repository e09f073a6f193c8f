import { describe, expect, it } from 'vitest';
import { CodecError } from '../raft/types';
import { createGroup } from '../sim/harness';
import { kvCodec } from './codec';
import { KvStateMachine } from './machine';
import type { KvCommand } from './types';
import { MAX_VALUE_LENGTH } from './types';

describe('KV state machine: the lab\'s result semantics', () => {
  it('put answers succ=true with the new value for a new key, succ=false with the old value on replace', () => {
    const kv = new KvStateMachine();
    expect(kv.apply({ op: 'put', key: 'a', value: '1' })).toEqual({ succ: true, key: 'a', value: '1' });
    expect(kv.apply({ op: 'put', key: 'a', value: '2' })).toEqual({ succ: false, key: 'a', value: '1' });
    expect(kv.get('a')).toBe('2');
  });

  it('get answers the value, or succ=false and "" when absent; del answers the old value and removes it', () => {
    const kv = new KvStateMachine();
    expect(kv.apply({ op: 'get', key: 'x' })).toEqual({ succ: false, key: 'x', value: '' });
    kv.apply({ op: 'put', key: 'x', value: 'v' });
    expect(kv.apply({ op: 'get', key: 'x' })).toEqual({ succ: true, key: 'x', value: 'v' });
    expect(kv.apply({ op: 'del', key: 'x' })).toEqual({ succ: true, key: 'x', value: 'v' });
    expect(kv.apply({ op: 'del', key: 'x' })).toEqual({ succ: false, key: 'x', value: '' });
  });

  it('snapshot and restore carry the contents and the client sessions', () => {
    const kv = new KvStateMachine();
    kv.apply({ op: 'put', key: 'a', value: '1', session: { client: 'c', seq: 1 } });
    const copy = new KvStateMachine();
    copy.restore(kv.snapshot());
    expect(copy.entries()).toEqual([['a', '1']]);
    // The restored session still recognises the duplicate.
    expect(copy.apply({ op: 'put', key: 'a', value: '1', session: { client: 'c', seq: 1 } })).toEqual({ succ: true, key: 'a', value: '1' });
    expect(copy.get('a')).toBe('1');
  });

  it('a corrupted snapshot is refused with a clear error and leaves the state as it was', () => {
    const kv = new KvStateMachine();
    kv.apply({ op: 'put', key: 'a', value: '1' });
    expect(() => kv.restore(new Uint8Array([0xff, 0xfe]))).toThrow(CodecError);
    expect(() => kv.restore(new TextEncoder().encode('{"v":99,"entries":[]}'))).toThrow(/format/);
    expect(kv.entries()).toEqual([['a', '1']]);
  });
});

describe('client sessions (Raft thesis §6.3)', () => {
  it('a command retried with the same sequence number is applied once and gets the first result', () => {
    const kv = new KvStateMachine();
    const put: KvCommand = { op: 'put', key: 'k', value: 'v1', session: { client: 'c1', seq: 1 } };
    expect(kv.apply(put)).toEqual({ succ: true, key: 'k', value: 'v1' });
    kv.apply({ op: 'put', key: 'k', value: 'v2', session: { client: 'c2', seq: 1 } });
    // The retry of c1's put must not overwrite c2's later write.
    expect(kv.apply(put)).toEqual({ succ: true, key: 'k', value: 'v1' });
    expect(kv.get('k')).toBe('v2');
  });

  it('a delayed older command of a client that has moved on is not applied', () => {
    const kv = new KvStateMachine();
    kv.apply({ op: 'put', key: 'k', value: 'new', session: { client: 'c', seq: 2 } });
    kv.apply({ op: 'del', key: 'k', session: { client: 'c', seq: 1 } });
    expect(kv.get('k')).toBe('new');
  });

  it('end to end: a put retried on a new leader after the first attempt committed is applied once', async () => {
    const g = createGroup({ nodes: 3, seed: 5, machine: 'kv' });
    const leader = await g.checkExactlyOneLeader();
    const put: KvCommand = { op: 'put', key: 'counter', value: 'once', session: { client: 'c', seq: 1 } };
    expect(await g.node(leader).submit(put)).not.toBeNull();
    await g.sleep(50); // replicated to the followers (no answer reaches the client yet) ...
    g.disable(leader); // ... and the leader is cut off: the client must retry elsewhere
    await g.sleep(1500);
    const second = await g.checkExactlyOneLeader();
    expect(second).not.toBe(leader);
    const retry = await g.node(second).submit(put);
    const outcome = await retry!.outcome(3000);
    expect(outcome?.ok && outcome.result).toEqual({ succ: true, key: 'counter', value: 'once' });
    // The new leader's log holds the put twice (the original and the retry) ...
    const log = g.cluster.nodes[second]!.core.log;
    const copies = log.slice(log.firstIndex, log.lastIndex + 1).filter((e) => e.kind !== 'noop' && e.command.session?.client === 'c').length;
    expect(copies).toBe(2);
    // ... yet it took effect once: after another client deletes the key, a third copy changes nothing.
    const del = await g.node(second).submit({ op: 'del', key: 'counter', session: { client: 'd', seq: 1 } });
    expect((await del!.outcome(3000))?.ok).toBe(true);
    const again = await g.node(second).submit(put);
    expect((await again!.outcome(3000))?.ok).toBe(true);
    expect(g.node(second).kv().get('counter')).toBeUndefined();
  });
});

describe('KV command codec', () => {
  it('round-trips commands, sessions included', () => {
    const command: KvCommand = { op: 'put', key: 'k', value: 'v', session: { client: 'c', seq: 3 } };
    expect(kvCodec.decode(kvCodec.encode(command))).toEqual(command);
  });

  it('rejects malformed bytes with a clear CodecError', () => {
    const bad = (text: string) => () => kvCodec.decode(new TextEncoder().encode(text));
    expect(bad('not json')).toThrow(/not UTF-8 JSON/);
    expect(bad('{"v":2,"op":"get","key":"k"}')).toThrow(/format version/);
    expect(bad('{"v":1,"op":"inc","key":"k"}')).toThrow(/unknown KV operation/);
    expect(bad('{"v":1,"op":"get","key":""}')).toThrow(/must not be empty/);
    expect(bad('{"v":1,"op":"put","key":"k"}')).toThrow(/string value/);
    expect(() => kvCodec.encode({ op: 'put', key: 'k', value: 'x'.repeat(MAX_VALUE_LENGTH + 1) })).toThrow(/at most/);
  });
});
