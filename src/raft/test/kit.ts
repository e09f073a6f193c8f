import { makeConfig, type ConfigOverrides } from '../config';
import { RaftCore, type RaftStatus, type Ready } from '../core';
import type { AppendEntries, AppendEntriesReply, Message, RequestVote } from '../messages';
import type { Entry, NodeId, PersistedState } from '../types';

/** Small builders for rule tests: a core over string commands, and messages to feed it. */

export function makeCore(options: { id?: NodeId; members?: NodeId[]; persisted?: PersistedState<string>; seed?: number; config?: ConfigOverrides; now?: number } = {}): RaftCore<string> {
  return new RaftCore<string>({
    id: options.id ?? 0,
    members: options.members ?? [0, 1, 2],
    config: makeConfig({ trace: true, ...options.config }),
    seed: options.seed ?? 1,
    now: options.now ?? 0,
    ...(options.persisted ? { persisted: options.persisted } : {}),
  });
}

/** Entries with the given terms and commands "c<index>". */
export function entries(terms: number[], firstIndex = 1): Entry<string>[] {
  return terms.map((term, i) => ({ term, command: `c${firstIndex + i}` }));
}

export function persisted(term: number, votedFor: NodeId | null, terms: number[] = []): PersistedState<string> {
  return { hardState: { term, votedFor }, snapshot: null, entries: entries(terms) };
}

export function requestVote(fields: Partial<RequestVote> & { from: NodeId; term: number }): RequestVote {
  return { type: 'RequestVote', to: 0, lastLogIndex: 0, lastLogTerm: 0, ...fields };
}

export function appendEntries(fields: Partial<AppendEntries<string>> & { from: NodeId; term: number }): AppendEntries<string> {
  return { type: 'AppendEntries', to: 0, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0, ...fields };
}

export function appendReply(fields: Partial<AppendEntriesReply> & { from: NodeId; term: number }): AppendEntriesReply {
  return { type: 'AppendEntriesReply', to: 0, success: true, matchIndex: 0, conflictIndex: 0, conflictTerm: 0, ...fields };
}

/** A leader's view of `peer` (Figure 2 nextIndex, matchIndex), from status(). */
export function progressOf(core: RaftCore<string>, peer: NodeId): RaftStatus['progress'][number] {
  const progress = core.status().progress.find((p) => p.peer === peer);
  if (!progress) throw new Error(`node ${core.id} has no progress for ${peer}: not leader`);
  return progress;
}

/** Take every committed entry or snapshot to the state machine, as the node wrapper does. */
export function applyAll(core: RaftCore<string>): void {
  for (let item = core.nextToApply(); item; item = core.nextToApply()) core.applied(item);
}

/**
 * `core` rebuilt as if it had learned entries through `index` were committed and applied them —
 * a follower's state a test cannot reach without a leader (RaftCore.restore, as the model uses).
 */
export function appliedThrough(core: RaftCore<string>, index: number, members: readonly NodeId[] = [core.id, ...core.peers]): RaftCore<string> {
  const init = { id: core.id, members, config: core.config, seed: 1, now: core.now };
  return RaftCore.restore(init, { ...core.exportState(), commitIndex: index, lastApplied: index }, core.status());
}

/** Take the Ready and report its batch durable, as a synchronous driver would. */
export function drain(core: RaftCore<string>): Ready<string> {
  const ready = core.takeReady();
  if (ready.persist) core.persisted(ready.persist);
  return ready;
}

export function sent<T extends Message<string>['type']>(ready: Ready<string>, type: T): Extract<Message<string>, { type: T }>[] {
  return ready.messages.filter((m): m is Extract<Message<string>, { type: T }> => m.type === type);
}

/** Make `core` (id 0) leader of `term` with votes from nodes 1 and 2. */
export function electLeader(core: RaftCore<string>): void {
  core.tick(core.status().electionDeadline);
  drain(core);
  if (core.status().preCandidate) { // PreVote (thesis §9.6): the pre-votes first
    for (const peer of core.peers) core.step(core.now, { type: 'RequestVoteReply', from: peer, to: core.id, term: core.term + 1, voteGranted: true, preVote: true });
    drain(core);
  }
  for (const peer of core.peers) core.step(core.now, { type: 'RequestVoteReply', from: peer, to: core.id, term: core.term, voteGranted: true });
  drain(core);
}

/** Make `core` leader and have every follower answer its first heartbeat (matchIndex 0). */
export function electAndSettle(core: RaftCore<string>): void {
  electLeader(core);
  for (const peer of core.peers) {
    core.step(core.now, { type: 'AppendEntriesReply', from: peer, to: core.id, term: core.term, success: true, matchIndex: 0, conflictIndex: 0, conflictTerm: 0 });
  }
}

/** The log's terms, index 1 first (compacted entries omitted). */
export function logTerms(core: RaftCore<string>): number[] {
  const terms: number[] = [];
  for (let i = core.log.firstIndex; i <= core.log.lastIndex; i++) terms.push(core.log.termAt(i)!);
  return terms;
}
