import { describe, expect, it } from 'vitest';
import type { KvCommand } from '../kv/types';
import { validateKvCommand } from '../kv/validate';
import type { Message } from '../raft/messages';
import { MalformedMessage, validateMessage, validateWire, WIRE_FORMAT } from './validate';

/** Every message a port delivers is checked field by field before the core sees it. */

const check = (input: unknown) => validateMessage<KvCommand>(input, validateKvCommand);

const valid: Message<KvCommand>[] = [
  { type: 'RequestVote', from: 1, to: 0, term: 3, lastLogIndex: 4, lastLogTerm: 2 },
  { type: 'RequestVoteReply', from: 1, to: 0, term: 3, voteGranted: false },
  { type: 'AppendEntries', from: 1, to: 0, term: 3, prevLogIndex: 4, prevLogTerm: 2, leaderCommit: 4, leaderLastIndex: 9,
    entries: [{ term: 2, command: { op: 'put', key: 'k', value: 'v', session: { client: 'c', seq: 1 } } }, { term: 3, command: { op: 'get', key: 'k' } }] },
  { type: 'AppendEntriesReply', from: 1, to: 0, term: 3, success: false, matchIndex: 0, conflictIndex: 3, conflictTerm: 2 },
  { type: 'InstallSnapshot', from: 1, to: 0, term: 3, lastIncludedIndex: 9, lastIncludedTerm: 3, data: new Uint8Array([1, 2]) },
  { type: 'InstallSnapshotReply', from: 1, to: 0, term: 3, lastIncludedIndex: 9 },
  { type: 'RequestVote', from: 1, to: 0, term: 4, lastLogIndex: 4, lastLogTerm: 2, preVote: true },
  { type: 'RequestVoteReply', from: 1, to: 0, term: 4, voteGranted: true, preVote: true },
  { type: 'RequestVote', from: 1, to: 0, term: 4, lastLogIndex: 4, lastLogTerm: 2, transfer: true },
  { type: 'TimeoutNow', from: 1, to: 0, term: 4 },
  { type: 'AppendEntries', from: 1, to: 0, term: 3, prevLogIndex: 4, prevLogTerm: 2, leaderCommit: 4, entries: [], seq: 17 },
  { type: 'AppendEntriesReply', from: 1, to: 0, term: 3, success: true, matchIndex: 4, conflictIndex: 0, conflictTerm: 0, seq: 17 },
  { type: 'AppendEntries', from: 1, to: 0, term: 3, prevLogIndex: 4, prevLogTerm: 2, leaderCommit: 4, entries: [{ kind: 'noop', term: 3 }, { term: 3, command: { op: 'get', key: 'k' } }] },
];

describe('validateMessage', () => {
  it.each(valid)('accepts a well-formed $type and keeps only its known fields', (message) => {
    expect(check({ ...message, extra: 'ignored' })).toEqual(message);
  });

  const base = valid[2] as Extract<Message<KvCommand>, { type: 'AppendEntries' }>;
  const malformed: [string, unknown, RegExp][] = [
    ['not an object', 42, /must be an object/],
    ['an unknown type', { ...valid[0], type: 'Gossip' }, /unknown message type/],
    ['a negative term', { ...valid[0], term: -1 }, /term must be a non-negative integer/],
    ['a term past MAX_TERM (2^53 - 1 would overflow the next election)', { ...valid[0], term: Number.MAX_SAFE_INTEGER }, /past the last usable term/],
    ['a leaderLastIndex below the entries it carries', { ...base, leaderLastIndex: 5 }, /below the last entry it carries/],
    ['a fractional index', { ...valid[0], lastLogIndex: 1.5 }, /lastLogIndex/],
    ['a string for a boolean', { ...valid[1], voteGranted: 'yes' }, /voteGranted must be a boolean/],
    ['a pre-vote mark that is not a boolean', { ...valid[0], preVote: 1 }, /preVote must be a boolean/],
    ['a heartbeat round that is not a count', { ...base, seq: -1 }, /seq must be a non-negative integer/],
    ['a message to itself', { ...valid[0], to: 1 }, /never sends to itself/],
    ['entries that are not an array', { ...base, entries: {} }, /entries must be an array/],
    ['an entry from a future term', { ...base, entries: [{ term: 4, command: { op: 'get', key: 'k' } }] }, /outside/],
    ['entries whose terms go down', { ...base, entries: [{ term: 3, command: { op: 'get', key: 'k' } }, { term: 2, command: { op: 'get', key: 'k' } }] }, /outside/],
    ['a bad KV command', { ...base, entries: [{ term: 2, command: { op: 'put', key: 'k' } }] }, /put needs a string value/],
    ['an entry of an unknown kind (§8 no-ops are the only other kind)', { ...base, entries: [{ term: 2, kind: 'config', command: { op: 'get', key: 'k' } }] }, /entry 0: kind must be "command" or "noop", got the string "config"/],
    ['a no-op that carries a command', { ...base, entries: [{ term: 2, kind: 'noop', command: { op: 'get', key: 'k' } }] }, /a no-op holds no command/],
    ['snapshot data that is not bytes', { ...valid[4], data: [1, 2] }, /data must be bytes/],
  ];
  it.each(malformed)('rejects %s', (_what, input, reason) => {
    expect(() => check(input)).toThrow(MalformedMessage);
    expect(() => check(input)).toThrow(reason);
  });
});

describe('validateWire', () => {
  const wire = { v: WIRE_FORMAT, inc: 1, seq: 5, sentAt: 10, deliverAt: 12, msg: valid[0] };

  it('accepts an envelope from the peer whose port it came on', () => {
    expect(validateWire(wire, 1, 0, validateKvCommand)).toEqual(wire);
  });

  it('rejects a message that claims another sender than its port', () => {
    expect(() => validateWire(wire, 2, 0, validateKvCommand)).toThrow(/came on the port 2 → 0/);
  });

  it('rejects another wire version and impossible times', () => {
    expect(() => validateWire({ ...wire, v: 2 }, 1, 0, validateKvCommand)).toThrow(/wire format 2/);
    expect(() => validateWire({ ...wire, deliverAt: 5 }, 1, 0, validateKvCommand)).toThrow(/before sentAt/);
    expect(() => validateWire({ ...wire, sentAt: Infinity }, 1, 0, validateKvCommand)).toThrow(/finite/);
  });
});
