import { MAX_TERM } from '../raft/config';
import type { Entry } from '../raft/types';
import { MESSAGE_TYPES, type Message, type MessageType } from '../raft/messages';

/**
 * Structural checks for what arrives on a port. A worker trusts nothing it did not make itself: a
 * malformed message is dropped and counted, and must never reach the core or throw out of the
 * port's handler.
 */

export class MalformedMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMessage';
  }
}

/** Wire format version of the envelope around a Raft message. */
export const WIRE_FORMAT = 1;

/** A Raft message as it travels between workers: with its id and virtual send/due times. */
export interface WireMessage<C> {
  readonly v: typeof WIRE_FORMAT;
  /** The sender's incarnation and sequence number: `${from}.${inc}.${seq}` names this message. */
  readonly inc: number;
  readonly seq: number;
  readonly sentAt: number;
  readonly deliverAt: number;
  readonly msg: Message<C>;
}

/** The kinds a message may have: the one list in raft/messages.ts. */
const MESSAGE_TYPE_SET: ReadonlySet<string> = new Set<MessageType>(MESSAGE_TYPES);

/** Check the envelope, then the message; `from`/`to` must match the port it came in on. */
export function validateWire<C>(input: unknown, expectFrom: number, expectTo: number, validateCommand: (input: unknown) => C): WireMessage<C> {
  const wire = asRecord(input, 'wire message');
  if (wire.v !== WIRE_FORMAT) throw new MalformedMessage(`wire format ${JSON.stringify(wire.v)}; this build speaks ${WIRE_FORMAT}`);
  const inc = count(wire, 'inc');
  const seq = count(wire, 'seq');
  const sentAt = time(wire, 'sentAt');
  const deliverAt = time(wire, 'deliverAt');
  if (deliverAt < sentAt) throw new MalformedMessage('deliverAt is before sentAt');
  const msg = validateMessage(wire.msg, validateCommand);
  if (msg.from !== expectFrom || msg.to !== expectTo) {
    throw new MalformedMessage(`${msg.type} claims ${msg.from} → ${msg.to} but came on the port ${expectFrom} → ${expectTo}`);
  }
  return { v: WIRE_FORMAT, inc, seq, sentAt, deliverAt, msg };
}

/** A Raft message with every field checked; returns a fresh object holding only the known fields. */
export function validateMessage<C>(input: unknown, validateCommand: (input: unknown) => C): Message<C> {
  const m = asRecord(input, 'message');
  if (typeof m.type !== 'string' || !MESSAGE_TYPE_SET.has(m.type)) throw new MalformedMessage(`unknown message type ${JSON.stringify(m.type)}`);
  const type = m.type as MessageType;
  const envelope = { from: count(m, 'from'), to: count(m, 'to'), term: term(m, 'term') };
  if (envelope.from === envelope.to) throw new MalformedMessage('a node never sends to itself');
  switch (type) {
    case 'RequestVote':
      return { type, ...envelope, lastLogIndex: count(m, 'lastLogIndex'), lastLogTerm: count(m, 'lastLogTerm'), ...flag(m, 'preVote'), ...flag(m, 'transfer') };
    case 'RequestVoteReply':
      return { type, ...envelope, voteGranted: bool(m, 'voteGranted'), ...flag(m, 'preVote') };
    case 'AppendEntries': {
      const append = {
        type, ...envelope, prevLogIndex: count(m, 'prevLogIndex'), prevLogTerm: count(m, 'prevLogTerm'),
        entries: entries(m.entries, envelope.term, validateCommand), leaderCommit: count(m, 'leaderCommit'),
      };
      if (m.leaderLastIndex === undefined) return { ...append, ...optionalCount(m, 'seq') };
      const leaderLastIndex = count(m, 'leaderLastIndex');
      const carried = append.prevLogIndex + append.entries.length;
      if (leaderLastIndex < carried) throw new MalformedMessage(`leaderLastIndex ${leaderLastIndex} is below the last entry it carries (${carried})`);
      return { ...append, leaderLastIndex, ...optionalCount(m, 'seq') };
    }
    case 'AppendEntriesReply':
      return {
        type, ...envelope, success: bool(m, 'success'), matchIndex: count(m, 'matchIndex'),
        conflictIndex: count(m, 'conflictIndex'), conflictTerm: count(m, 'conflictTerm'), ...optionalCount(m, 'seq'),
      };
    case 'InstallSnapshot':
      if (!(m.data instanceof Uint8Array)) throw new MalformedMessage('InstallSnapshot data must be bytes');
      return { type, ...envelope, lastIncludedIndex: count(m, 'lastIncludedIndex'), lastIncludedTerm: count(m, 'lastIncludedTerm'), data: m.data };
    case 'InstallSnapshotReply':
      return { type, ...envelope, lastIncludedIndex: count(m, 'lastIncludedIndex') };
    case 'TimeoutNow':
      return { type, ...envelope };
  }
}

/** Entries of an AppendEntries: terms from 1 to the leader's term, never decreasing (§5.3 Log Matching); a command or a no-op (§8). */
function entries<C>(input: unknown, leaderTerm: number, validateCommand: (input: unknown) => C): Entry<C>[] {
  if (!Array.isArray(input)) throw new MalformedMessage('AppendEntries entries must be an array');
  let previousTerm = 1;
  return input.map((raw: unknown, i) => {
    const entry = asRecord(raw, `entry ${i}`);
    const term = count(entry, 'term');
    if (term < previousTerm || term > leaderTerm) throw new MalformedMessage(`entry ${i} has term ${term}, outside ${previousTerm}..${leaderTerm}`);
    previousTerm = term;
    if (entry.kind === 'noop') {
      if (entry.command !== undefined) throw new MalformedMessage(`entry ${i}: a no-op holds no command`);
      return { kind: 'noop', term };
    }
    if (entry.kind !== undefined && entry.kind !== 'command') {
      throw new MalformedMessage(`entry ${i}: kind must be "command" or "noop", got ${describe(entry.kind)}`);
    }
    let command: C;
    try {
      command = validateCommand(entry.command);
    } catch (error) {
      throw new MalformedMessage(`entry ${i}: ${(error as Error).message}`);
    }
    return { term, command };
  });
}

function asRecord(input: unknown, what: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || ArrayBuffer.isView(input)) {
    throw new MalformedMessage(`${what} must be an object, got ${describe(input)}`);
  }
  return input as Record<string, unknown>;
}

/** A non-negative safe integer (terms, indices, node ids). */
function count(record: Record<string, unknown>, field: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new MalformedMessage(`${field} must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

/** An optional count (a heartbeat round, thesis §6.4): absent, or a non-negative integer. */
function optionalCount(record: Record<string, unknown>, field: string): Record<string, number> {
  return record[field] === undefined ? {} : { [field]: count(record, field) };
}

/** An optional boolean mark (preVote, thesis §9.6; transfer, §3.10): absent or a boolean, kept only when true. */
function flag(record: Record<string, unknown>, field: string): Record<string, true> {
  if (record[field] === undefined) return {};
  return bool(record, field) ? { [field]: true } : {};
}

/** A term: a count no higher than MAX_TERM, so that term + 1 stays a safe integer. */
function term(record: Record<string, unknown>, field: string): number {
  const value = count(record, field);
  if (value > MAX_TERM) throw new MalformedMessage(`${field} ${value} is past the last usable term ${MAX_TERM}`);
  return value;
}

function time(record: Record<string, unknown>, field: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MalformedMessage(`${field} must be a finite number, got ${describe(value)}`);
  return value;
}

function bool(record: Record<string, unknown>, field: string): boolean {
  const value = record[field];
  if (typeof value !== 'boolean') throw new MalformedMessage(`${field} must be a boolean, got ${describe(value)}`);
  return value;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The message type for traffic reports, even of a message that failed validation. */
export function guessKind(input: unknown): MessageType | 'unknown' {
  const type = (input as { msg?: { type?: unknown } } | null)?.msg?.type;
  return typeof type === 'string' && MESSAGE_TYPE_SET.has(type) ? (type as MessageType) : 'unknown';
}
