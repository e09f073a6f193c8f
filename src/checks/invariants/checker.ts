import type { NodeId } from '../../raft/types';
import { InvariantViolation, type CheckedEntry, type CheckedNode } from './types';

interface EntryFact {
  readonly entry: CheckedEntry;
  /** Term of the entry just before it (Log Matching's induction step). */
  readonly prevTerm: number;
  readonly node: NodeId;
}

/**
 * Checks the five properties of Figure 3 as nodes change. Call observe(node) after every step of
 * that node, and observeApply() for every applied entry. Each check is incremental, so checking
 * after every simulator step stays cheap.
 */
export class InvariantChecker {
  /** Election Safety: the one leader each term has had. */
  private readonly leaderOfTerm = new Map<number, NodeId>();
  /** Log Matching: what (index, term) means, wherever it appears. Keyed `${index}/${term}`. */
  private readonly entryFacts = new Map<string, EntryFact>();
  /** The last entry each node's log held, to see only what changed since. */
  private readonly seen = new Map<NodeId, { lastIndex: number; entries: Map<number, unknown>; snapshotIndex: number; recovering: boolean }>();
  /** Commit Quorum: the commit index each leader was last checked at, per term. */
  private readonly checkedCommit = new Map<NodeId, { term: number; commitIndex: number }>();
  /**
   * Leader Completeness: every entry known committed, in the order it became known, with the term
   * of the node that reported it (an upper bound on the term it was committed in).
   */
  private readonly committed: { index: number; term: number; committedBy: number }[] = [];
  private maxCommitted = 0;
  /** How far into `committed` each leader (per term) has been checked. */
  private readonly completenessCursor = new Map<NodeId, { term: number; next: number }>();
  /** Leader Append-Only: what each leader's log held while it led. */
  private readonly leaderWatermark = new Map<NodeId, { term: number; lastIndex: number; lastEntry: unknown }>();
  /** State Machine Safety: what was applied at each index, and by whom first. */
  private readonly appliedAt = new Map<number, { entry: CheckedEntry; node: NodeId }>();
  checks = 0;

  observe(node: CheckedNode): void {
    this.checks++;
    this.checkElectionSafety(node);
    this.checkLogMatching(node);
    this.recordCommits(node);
    this.checkLeaderAppendOnly(node);
    this.checkCommitQuorum(node);
  }

  /**
   * §5.3 with thesis §4.1: when a leader advances its commit index, the entry there is held by a
   * majority of every voter group of the configuration in force on it, as the checker last saw
   * each voter's log (a voter that lost its storage and is recovering is given the benefit of the
   * doubt). A Raft that counts learners, removed servers, or an older configuration fails here.
   */
  private checkCommitQuorum(node: CheckedNode): void {
    if (node.role !== 'leader' || !node.voterGroups) return;
    const last = this.checkedCommit.get(node.id);
    this.checkedCommit.set(node.id, { term: node.term, commitIndex: node.commitIndex });
    // Only what this leader commits in its term: it took its first commit index from an earlier
    // leader, whose configuration may have been another (thesis §4.1).
    if (!last || last.term !== node.term || node.commitIndex <= last.commitIndex) return;
    const index = node.commitIndex;
    const entry = index > node.snapshotIndex ? node.entryAt(index) : undefined;
    if (!entry) return;
    for (const group of node.voterGroups) {
      const holders = group.filter((voter) => voter === node.id || this.holds(voter, index, entry.term));
      if (holders.length >= Math.floor(group.length / 2) + 1) continue;
      throw new InvariantViolation('Commit Quorum', [node.id],
        `leader of term ${node.term} committed entry ${index} (term ${entry.term}) held by ${holders.length > 0 ? `only ${holders.join(', ')}` : 'no voter'} of the voters ${group.join(', ')} in force: not a majority`);
    }
  }

  /** Node `id`'s log, as last seen, holds entry `index` of `term` (or a snapshot through it), or it is recovering. */
  private holds(id: NodeId, index: number, term: number): boolean {
    const seen = this.seen.get(id);
    if (!seen) return false;
    if (seen.recovering || seen.snapshotIndex >= index) return true;
    return (seen.entries.get(index) as CheckedEntry | undefined)?.term === term;
  }

  /**
   * Forget what is known about entries at or below `floor`, where `floor` is at or below every
   * node's durable snapshot index (Figure 13): such an entry can never again appear in any log,
   * be sent or be applied one by one (a node that needs it installs a snapshot), so no check can
   * involve it again. A long live run calls this as compaction moves the floor, which keeps the
   * checker's memory to the entries above the lowest snapshot instead of the whole run.
   */
  forgetThrough(floor: number): void {
    for (const key of this.entryFacts.keys()) if (Number(key.slice(0, key.indexOf('/'))) <= floor) this.entryFacts.delete(key);
    for (const index of this.appliedAt.keys()) if (index <= floor) this.appliedAt.delete(index);
    const kept = this.committed.filter((c) => c.index > floor);
    if (kept.length !== this.committed.length) {
      this.committed.splice(0, this.committed.length, ...kept);
      // Cursors index into `committed`: start each leader over on what is left (checks are idempotent).
      this.completenessCursor.clear();
    }
  }

  /** How many entries the checker holds facts about (Log Matching, Leader Completeness, State Machine Safety). */
  get retained(): number {
    return this.entryFacts.size + this.committed.length + this.appliedAt.size;
  }

  /** State Machine Safety: no two nodes apply different commands at one index. */
  observeApply(node: NodeId, index: number, entry: CheckedEntry): void {
    const first = this.appliedAt.get(index);
    if (!first) {
      this.appliedAt.set(index, { entry, node });
      return;
    }
    if (!sameEntry(first.entry, entry)) {
      throw new InvariantViolation('State Machine Safety', [first.node, node],
        `index ${index}: node ${first.node} applied ${show(first.entry)} (term ${first.entry.term}), node ${node} applied ${show(entry)} (term ${entry.term})`);
    }
  }

  /** At most one leader can be elected in a given term (§5.2). */
  private checkElectionSafety(node: CheckedNode): void {
    if (node.role !== 'leader') return;
    const known = this.leaderOfTerm.get(node.term);
    if (known === undefined) {
      this.leaderOfTerm.set(node.term, node.id);
    } else if (known !== node.id) {
      throw new InvariantViolation('Election Safety', [known, node.id], `term ${node.term} has two leaders`);
    }
  }

  /**
   * If two logs contain an entry with the same index and term, the logs are identical up through
   * that index (§5.3). By induction it is enough that (index, term) always names the same command
   * and the same term at index - 1.
   */
  private checkLogMatching(node: CheckedNode): void {
    const seen = this.seen.get(node.id) ?? { lastIndex: 0, entries: new Map<number, unknown>(), snapshotIndex: 0, recovering: false };
    seen.snapshotIndex = node.snapshotIndex;
    seen.recovering = node.recovering === true;
    this.seen.set(node.id, seen);
    let from = Math.min(seen.lastIndex, node.lastIndex);
    while (from >= node.firstShownIndex && seen.entries.get(from) !== node.entryAt(from)) from--;
    for (const index of [...seen.entries.keys()]) if (index > node.lastIndex || index < node.firstShownIndex) seen.entries.delete(index);
    for (let index = Math.max(from + 1, node.firstShownIndex); index <= node.lastIndex; index++) {
      const entry = node.entryAt(index);
      if (!entry) continue;
      seen.entries.set(index, entry);
      const prevTerm = index - 1 === node.snapshotIndex ? node.snapshotTerm : node.entryAt(index - 1)?.term;
      this.registerEntry(node.id, index, entry, prevTerm);
    }
    seen.lastIndex = node.lastIndex;
  }

  private registerEntry(nodeId: NodeId, index: number, entry: CheckedEntry, prevTerm: number | undefined): void {
    const key = `${index}/${entry.term}`;
    const fact = this.entryFacts.get(key);
    if (!fact) {
      if (prevTerm !== undefined) this.entryFacts.set(key, { entry, prevTerm, node: nodeId });
      return;
    }
    if (!sameEntry(fact.entry, entry)) {
      throw new InvariantViolation('Log Matching', [fact.node, nodeId], `entry ${index} of term ${entry.term} holds ${show(fact.entry)} on node ${fact.node} but ${show(entry)} on node ${nodeId}`);
    }
    if (prevTerm !== undefined && prevTerm !== fact.prevTerm) {
      throw new InvariantViolation('Log Matching', [fact.node, nodeId], `both hold entry ${index} of term ${entry.term}, but entry ${index - 1} has term ${fact.prevTerm} on node ${fact.node} and ${prevTerm} on node ${nodeId}`);
    }
  }

  /** Remember entries as they become known committed. */
  private recordCommits(node: CheckedNode): void {
    for (let index = Math.max(node.firstShownIndex, this.maxCommitted + 1); index <= node.commitIndex; index++) {
      const entry = node.entryAt(index);
      if (entry) this.committed.push({ index, term: entry.term, committedBy: node.term });
    }
    if (node.commitIndex > this.maxCommitted) this.maxCommitted = node.commitIndex;
    if (node.role === 'leader') this.checkLeaderCompleteness(node);
  }

  /**
   * If an entry is committed in a term, it is in the log of every leader of a later term (§5.4).
   * Each leader is checked once against each committed entry, as it becomes known.
   */
  private checkLeaderCompleteness(node: CheckedNode): void {
    let cursor = this.completenessCursor.get(node.id);
    if (!cursor || cursor.term !== node.term) cursor = { term: node.term, next: 0 };
    for (; cursor.next < this.committed.length; cursor.next++) {
      const { index, term, committedBy } = this.committed[cursor.next]!;
      if (committedBy >= node.term || index <= node.snapshotIndex || index < node.firstShownIndex) continue;
      const entry = index <= node.lastIndex ? node.entryAt(index) : undefined;
      if (index > node.lastIndex || (entry && entry.term !== term)) {
        throw new InvariantViolation('Leader Completeness', [node.id],
          `leader of term ${node.term} lacks entry ${index} (term ${term}), committed by term ${committedBy}; its log ${index > node.lastIndex ? `ends at ${node.lastIndex}` : `has term ${entry!.term} there`}`);
      }
    }
    this.completenessCursor.set(node.id, cursor);
  }

  /** A leader never overwrites or deletes entries in its log; it only appends (§5.3). */
  private checkLeaderAppendOnly(node: CheckedNode): void {
    if (node.role !== 'leader') {
      this.leaderWatermark.delete(node.id);
      return;
    }
    const mark = this.leaderWatermark.get(node.id);
    if (mark && mark.term === node.term) {
      const still = mark.lastIndex > node.snapshotIndex && mark.lastIndex >= node.firstShownIndex ? node.entryAt(mark.lastIndex) : mark.lastEntry;
      if (node.lastIndex < mark.lastIndex || (still !== undefined && still !== mark.lastEntry && !sameEntry(still, mark.lastEntry))) {
        throw new InvariantViolation('Leader Append-Only', [node.id], `leader of term ${node.term} had entries through ${mark.lastIndex}; now its log ends at ${node.lastIndex} or entry ${mark.lastIndex} changed`);
      }
    }
    this.leaderWatermark.set(node.id, { term: node.term, lastIndex: node.lastIndex, lastEntry: node.lastIndex > node.snapshotIndex ? node.entryAt(node.lastIndex) : undefined });
  }
}

/** Same term, same kind (absent is a command) and, for commands, the same command. */
function sameEntry(a: unknown, b: unknown): boolean {
  const x = a as CheckedEntry | undefined;
  const y = b as CheckedEntry | undefined;
  return !!x && !!y && x.term === y.term && (x.kind ?? 'command') === (y.kind ?? 'command') && sameCommand(x.command, y.command)
    && (x.kind !== 'config' || sameCommand(x.membership, y.membership));
}

export function sameCommand(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function show(entry: CheckedEntry): string {
  if (entry.kind !== undefined && entry.kind !== 'command') return `a ${entry.kind}`;
  const text = JSON.stringify(entry.command);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
