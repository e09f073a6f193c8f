import type { Entry, NodeId, PersistBatch, PersistedState } from '../raft/types';
import { encodeClients, NO_CLIENTS } from './clients';
import { fingerprint, FingerprintBuilder, type Fingerprint } from './hash';
import { commandOf, type Command, type CoreImage, type History, type ModelMessage, type NodeParts, type PendingWrite, type SystemState } from './types';

/**
 * The canonical encoding of a system state: equal states encode equal, different states differ.
 * Messages in flight are a multiset, so they are encoded in sorted order; sets of node ids are
 * sorted. Nothing in it depends on time, deadlines or PRNG state.
 *
 * Every function takes a relabelling of node ids (`perm[id]` is the id it becomes), so that
 * symmetry reduction (symmetry.ts) can fingerprint a state as it would look with its nodes renamed.
 * IDENTITY leaves ids alone.
 */
export type Relabel = readonly NodeId[] & { readonly index: number };

export function relabel(perm: readonly NodeId[], index: number): Relabel {
  return Object.assign(perm.slice(), { index });
}

export function encodeState(state: SystemState, perm: Relabel = identity(state.nodes.length)): string {
  const parts: string[] = new Array(state.nodes.length);
  state.nodes.forEach((node, id) => { parts[perm[id]!] = encodeNode(node, perm); });
  parts.push(state.network.map((m) => messageKey(m.message, perm)).sort().join(';'));
  const left = state.left;
  parts.push(`${left.crashes},${left.wipes},${left.drops},${left.duplicates},${left.proposals},${left.elections},${left.heartbeats},${left.reads},${left.compactions}`);
  parts.push(encodeHistory(state.history, perm));
  if (state.clients !== NO_CLIENTS) parts.push(encodeClients(state.clients, perm));
  return parts.join('\n');
}

/**
 * The fingerprint of the state under `perm`, folded from the fingerprints of its parts, each
 * computed once (memo.ts keeps them on the interned nodes and messages): nodes in their new order,
 * the messages' fingerprints sorted (a multiset), the budgets, the history.
 */
export function stateFingerprint(state: SystemState, perm: Relabel = identity(state.nodes.length)): Fingerprint {
  const builder = scratchBuilder.reset();
  const nodes = state.nodes;
  if (perm.index === 0) {
    for (const node of nodes) builder.part(node.fingerprints[0]!);
  } else {
    const byPosition: Fingerprint[] = new Array(nodes.length);
    nodes.forEach((node, id) => { byPosition[perm[id]!] = node.fingerprints[perm.index] ??= fingerprint(encodeNode(node, perm)); });
    for (const f of byPosition) builder.part(f);
  }
  const network = state.network;
  builder.word(network.length);
  // The messages' fingerprints in sorted order (a multiset), by insertion into a reused array.
  const sorted = scratchMessages;
  sorted.length = 0;
  for (const m of network) {
    const f = (m.fingerprints[perm.index] ??= fingerprint(messageKey(m.message, perm)));
    let at = sorted.push(f) - 1;
    for (; at > 0 && byFingerprint(sorted[at - 1]!, f) > 0; at--) sorted[at] = sorted[at - 1]!;
    sorted[at] = f;
  }
  for (const f of sorted) builder.part(f);
  const left = state.left;
  builder.word(left.crashes).word(left.wipes).word(left.drops).word(left.duplicates).word(left.proposals);
  builder.word(budgetWord(left.elections)).word(budgetWord(left.heartbeats)).word(left.reads).word(left.compactions);
  builder.part(historyFingerprint(state.history, perm));
  if (state.clients !== NO_CLIENTS) builder.part(fingerprint(encodeClients(state.clients, perm)));
  return builder.done();
}

/** Reused by every call (the search is one synchronous loop): no allocation per state but the result. */
const scratchBuilder = new FingerprintBuilder();
const scratchMessages: Fingerprint[] = [];

/** An unbounded budget (Infinity) as a word of its own. */
function budgetWord(left: number): number {
  return left === Infinity ? 0xffffffff : left;
}

const historyCache = new WeakMap<object, Fingerprint[]>();

function historyFingerprint(history: History, perm: Relabel): Fingerprint {
  let byPerm = historyCache.get(history);
  if (byPerm === undefined) {
    byPerm = [];
    historyCache.set(history, byPerm);
  }
  return (byPerm[perm.index] ??= fingerprint(encodeHistory(history, perm)));
}

function byFingerprint(a: Fingerprint, b: Fingerprint): number {
  return a.hi - b.hi || a.lo - b.lo;
}

const identities: Relabel[] = [];

export function identity(n: number): Relabel {
  return (identities[n] ??= relabel(Array.from({ length: n }, (_, id) => id), 0));
}

export function encodeNode(node: NodeParts, perm: Relabel): string {
  const kv = node.kv === '' ? '' : `|${node.kv}`;
  return `${encodeCore(node.core, perm)}|${encodeDisk(node.disk, perm)}|${node.pending.map((p) => encodePending(p, perm)).join('+')}${kv}`;
}

function encodeCore(c: CoreImage, perm: Relabel): string {
  const id = (n: NodeId | null): string => (n === null ? '-' : String(perm[n]));
  const ids = (list: readonly NodeId[]): string => list.map((n) => perm[n]!).sort((a, b) => a - b).join(',');
  const progress = c.progress.map(([peer, next, match, inflight]) => [perm[peer]!, `${next}:${match}${inflight ? '!' : ''}`] as const)
    .sort((a, b) => a[0] - b[0]).map(([peer, text]) => `${peer}:${text}`).join(',');
  const recovery = c.recovering ? `R${c.recoveryTarget ? `${c.recoveryTarget.term}:${c.recoveryTarget.lastIndex}` : ''}` : '';
  return `${c.role[0]}${c.preCandidate ? 'p' : ''}${c.transferCampaign ? 'x' : ''} t${c.term} v${id(c.votedFor)} l${id(c.leaderId)}`
    + ` c${c.commitIndex} a${c.lastApplied} s${c.stableIndex}${recovery}`
    + ` S${c.snapshotIndex}/${c.snapshotTerm}${c.pendingRestore ? '*' : ''} [${encodeEntries(c.entries)}]`
    + ` V${ids(c.votes)} A${ids(c.voteAnswers)} P${progress}${c.reads ? encodeReads(c.reads, perm) : ''}`;
}

/** ReadIndex's rounds and waiting reads (thesis §6.4), kept only when reads are modelled. */
function encodeReads(reads: NonNullable<CoreImage['reads']>, perm: Relabel): string {
  const acked = reads.acked.map(([peer, seq]) => [perm[peer]!, seq] as const).sort((a, b) => a[0] - b[0]).map(([peer, seq]) => `${peer}:${seq}`).join(',');
  const pending = reads.pending.map(([id, index, seq]) => `${id}@${index ?? '-'}/${seq}`).join(',');
  return ` R${reads.heartbeatSeq} K${acked} Q${pending}`;
}

function encodeDisk(d: PersistedState<Command>, perm: Relabel): string {
  const snap = d.snapshot ? `${d.snapshot.lastIncludedIndex}/${d.snapshot.lastIncludedTerm}` : '';
  const voted = d.hardState.votedFor === null ? '-' : perm[d.hardState.votedFor];
  return `t${d.hardState.term} v${voted}${d.hardState.recovering ? 'R' : ''} S${snap} [${encodeEntries(d.entries)}]`;
}

function encodePending(p: PendingWrite, perm: Relabel): string {
  return `${encodeBatch(p.batch, perm)}>${p.messages.map((m) => messageKey(m, perm)).join(';')}`;
}

function encodeBatch(b: PersistBatch<Command>, perm: Relabel): string {
  const voted = b.hardState?.votedFor === null || b.hardState === undefined ? '-' : perm[b.hardState.votedFor];
  const hs = b.hardState ? `h${b.hardState.term}/${voted}${b.hardState.recovering ? 'R' : ''}` : '';
  const snap = b.snapshot ? `s${b.snapshot.lastIncludedIndex}/${b.snapshot.lastIncludedTerm}` : '';
  const entries = b.entries ? `e${b.entries.fromIndex}[${encodeEntries(b.entries.entries)}]` : '';
  return hs + snap + entries;
}

function encodeEntries(entries: readonly Entry<Command>[]): string {
  let text = '';
  for (const e of entries) text += `${e.term}.${commandOf(e)} `;
  return text;
}

function encodeHistory(h: History, perm: Relabel): string {
  const leaders = h.leaders.map((ids) => ids.map((n) => perm[n]!).sort((a, b) => a - b).join(',')).join('/');
  const committed = h.committed.map((c) => `${c.term}.${c.command}@${c.knownInTerm}`).join(' ');
  const applied = h.applied.map((a) => a.join(',')).join(' ');
  return `L${leaders} C${committed} X${applied}`;
}

/** A message's canonical key: every field the core reads, in a fixed order. */
export function messageKey(m: ModelMessage, perm?: Relabel): string {
  const from = perm ? perm[m.from] : m.from;
  const to = perm ? perm[m.to] : m.to;
  const head = `${m.type[0]}${m.type.length} ${from}>${to} t${m.term}`;
  switch (m.type) {
    case 'RequestVote': return `${head} ${m.lastLogIndex}/${m.lastLogTerm}${m.preVote ? 'p' : ''}${m.transfer ? 'x' : ''}`;
    case 'RequestVoteReply': return `${head} ${m.voteGranted ? 'y' : 'n'}${m.preVote ? 'p' : ''}`;
    case 'AppendEntries': return `${head} ${m.prevLogIndex}/${m.prevLogTerm} c${m.leaderCommit} L${m.leaderLastIndex ?? '-'} s${m.seq ?? '-'} [${encodeEntries(m.entries)}]`;
    case 'AppendEntriesReply': return `${head} ${m.success ? 'y' : 'n'} ${m.matchIndex} ${m.conflictIndex}/${m.conflictTerm} s${m.seq ?? '-'}`;
    case 'InstallSnapshot': return `${head} ${m.lastIncludedIndex}/${m.lastIncludedTerm}`;
    case 'InstallSnapshotReply': return `${head} ${m.lastIncludedIndex}`;
    case 'TimeoutNow': return head;
  }
}

