import { MAX_TERM } from '../raft/config';
import type { CommandCodec, Entry, HardState, Snapshot } from '../raft/types';
import { describe } from './validate';

/**
 * The records a node keeps in its IndexedDB store, each tagged with a format version:
 *
 *   "hardState"  { v, term, votedFor, recovering? }               Figure 2 persistent state
 *   "snapshot"   { v, lastIncludedIndex, lastIncludedTerm, data }  Figure 13
 *   <number n>   { v, from: n, entries: [{ term, command }] }     a log segment holding n, n+1, …
 *
 * Commands are stored as bytes from the machine's codec (kvCodec for the KV store). Decoding checks
 * every field; anything else is a StorageCorruption, which stops the node without writing. Terms
 * are at most MAX_TERM, so that no term + 1 ever passes Number.MAX_SAFE_INTEGER.
 *
 * `recovering: true` marks a node that lost its storage and has not caught up since (it neither
 * votes nor campaigns). It is written only when true, so records of earlier builds, which never
 * have it, load as not recovering: the format stays version 1.
 */
export const STORAGE_FORMAT = 1;
export const HARD_STATE_KEY = 'hardState';
export const SNAPSHOT_KEY = 'snapshot';

export class StorageCorruption extends Error {
  constructor(readonly key: string, reason: string, message = `stored record ${key} does not decode: ${reason}`) {
    super(message);
    this.name = 'StorageCorruption';
  }

  /** Records that decode one by one but cannot all be true together (a term behind the log, say). */
  static inconsistent(key: string, reason: string): StorageCorruption {
    return new StorageCorruption(key, reason, `stored record ${key} contradicts the rest of the store: ${reason}`);
  }
}

export interface StoredSegment<C> {
  readonly from: number;
  readonly entries: readonly Entry<C>[];
}

export function encodeHardState(hardState: HardState): unknown {
  return { v: STORAGE_FORMAT, term: hardState.term, votedFor: hardState.votedFor, ...(hardState.recovering ? { recovering: true } : {}) };
}

export function encodeSnapshot(snapshot: Snapshot): unknown {
  return { v: STORAGE_FORMAT, lastIncludedIndex: snapshot.lastIncludedIndex, lastIncludedTerm: snapshot.lastIncludedTerm, data: snapshot.data };
}

/** A command entry is stored as { term, command } (the format before kinds existed); any other kind says so. */
export function encodeSegment<C>(from: number, entries: readonly Entry<C>[], codec: CommandCodec<C>): unknown {
  return { v: STORAGE_FORMAT, from, entries: entries.map((e) => (e.kind === 'noop' ? { term: e.term, kind: 'noop' } : { term: e.term, command: codec.encode(e.command) })) };
}

export function decodeHardState(raw: unknown): HardState {
  const r = record(HARD_STATE_KEY, raw);
  const votedFor = r.votedFor === null ? null : count(HARD_STATE_KEY, r, 'votedFor');
  if (r.recovering !== undefined && typeof r.recovering !== 'boolean') {
    throw new StorageCorruption(HARD_STATE_KEY, `recovering must be true or false, got ${describe(r.recovering)}`);
  }
  const term = termOf(HARD_STATE_KEY, r, 'term');
  return r.recovering === true ? { term, votedFor, recovering: true } : { term, votedFor };
}

export function decodeSnapshot(raw: unknown): Snapshot {
  const r = record(SNAPSHOT_KEY, raw);
  if (!(r.data instanceof Uint8Array)) throw new StorageCorruption(SNAPSHOT_KEY, `data must be bytes, got ${describe(r.data)}`);
  const lastIncludedIndex = count(SNAPSHOT_KEY, r, 'lastIncludedIndex');
  const lastIncludedTerm = termOf(SNAPSHOT_KEY, r, 'lastIncludedTerm');
  if (lastIncludedIndex < 1 || lastIncludedTerm < 1) throw new StorageCorruption(SNAPSHOT_KEY, 'a snapshot covers at least entry 1 of term >= 1');
  return { lastIncludedIndex, lastIncludedTerm, data: r.data };
}

export function decodeSegment<C>(key: number, raw: unknown, codec: CommandCodec<C>): StoredSegment<C> {
  const name = `log segment ${key}`;
  const r = record(name, raw);
  const from = count(name, r, 'from');
  if (from !== key || from < 1) throw new StorageCorruption(name, `holds entries from ${from}, but its key is ${key}`);
  if (!Array.isArray(r.entries) || r.entries.length === 0) throw new StorageCorruption(name, 'entries must be a non-empty array');
  const entries = (r.entries as unknown[]).map((item, i): Entry<C> => {
    const e = record(name, item, `entry ${from + i}`);
    const term = termOf(name, e, 'term', `entry ${from + i}: `);
    if (e.kind === 'noop') {
      if (e.command !== undefined) throw new StorageCorruption(name, `entry ${from + i}: a no-op holds no command`);
      return { kind: 'noop', term };
    }
    if (e.kind !== undefined && e.kind !== 'command') {
      throw new StorageCorruption(name, `entry ${from + i}: kind must be "command" or "noop", got ${describe(e.kind)}`);
    }
    if (!(e.command instanceof Uint8Array)) throw new StorageCorruption(name, `entry ${from + i}: command must be bytes, got ${describe(e.command)}`);
    try {
      return { term, command: codec.decode(e.command) };
    } catch (error) {
      throw new StorageCorruption(name, `entry ${from + i}: ${(error as Error).message}`);
    }
  });
  return { from, entries };
}

/** votedFor names a node of the cluster the store belongs to (or no one). */
export function checkVoteIsMember(hardState: HardState, members: readonly number[]): void {
  if (hardState.votedFor !== null && !members.includes(hardState.votedFor)) {
    throw StorageCorruption.inconsistent(HARD_STATE_KEY, `votedFor ${hardState.votedFor} is not a member of this ${members.length}-node cluster`);
  }
}

function record(key: string, raw: unknown, what = 'the record'): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || ArrayBuffer.isView(raw)) {
    throw new StorageCorruption(key, `${what} must be an object, got ${describe(raw)}`);
  }
  const r = raw as Record<string, unknown>;
  if (what === 'the record' && r.v !== STORAGE_FORMAT) {
    throw new StorageCorruption(key, `unknown format version ${JSON.stringify(r.v) ?? 'undefined'}; this build reads version ${STORAGE_FORMAT}`);
  }
  return r;
}

function count(key: string, r: Record<string, unknown>, field: string): number {
  const value = r[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StorageCorruption(key, `${field} must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

/** A term: a count no greater than MAX_TERM (a larger one would overflow the next election). */
function termOf(key: string, r: Record<string, unknown>, field: string, where = ''): number {
  const value = count(key, r, field);
  if (value > MAX_TERM) throw new StorageCorruption(key, `${where}${field} ${value} is above the largest term a node can reach (${MAX_TERM})`);
  return value;
}
