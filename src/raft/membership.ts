import type { Entry, Membership, NodeId, Snapshot } from './types';

/**
 * Cluster membership as data (thesis §4.1): who votes, who only learns, and how a quorum is counted
 * in a configuration. Each server uses the latest configuration in its log, committed or not
 * (MembershipLog below keeps track of it as the log changes).
 */

/** Every node in `members`, as voters, in the order given (the bootstrap configuration). */
export function allVoters(members: readonly NodeId[]): Membership {
  return { voters: [...members], learners: [] };
}

/** The voter groups whose majorities a decision needs: one, or C_new and C_old during joint consensus. */
function voterGroups(membership: Membership): readonly (readonly NodeId[])[] {
  return membership.outgoing ? [membership.voters, membership.outgoing] : [membership.voters];
}

/** Votes in some group of the configuration (C_new's or, while joint, C_old's voters). */
export function isVoter(membership: Membership, id: NodeId): boolean {
  return membership.voters.includes(id) || (membership.outgoing?.includes(id) ?? false);
}

export function isLearner(membership: Membership, id: NodeId): boolean {
  return membership.learners.includes(id) && !isVoter(membership, id);
}

/** Everyone the leader replicates to: voters of every group and learners, each once, in a stable order. */
export function everyMember(membership: Membership): NodeId[] {
  const all: NodeId[] = [];
  for (const group of [membership.voters, membership.outgoing ?? [], membership.learners]) {
    for (const id of group) if (!all.includes(id)) all.push(id);
  }
  return all;
}

/**
 * The largest value a quorum vouches for: in each voter group, the value that a majority of the
 * group reaches or passes; during joint consensus the smaller of the two (a majority of both,
 * §6). Commit index: values are match indices. Votes: 1 for a vote, 0 without. An empty group
 * vouches for nothing (-Infinity): a node that knows no configuration decides nothing.
 */
export function quorumValue(membership: Membership, valueOf: (id: NodeId) => number): number {
  let agreed = Infinity;
  for (const group of voterGroups(membership)) {
    if (group.length === 0) return -Infinity;
    const values = group.map(valueOf).sort((a, b) => b - a);
    agreed = Math.min(agreed, values[Math.floor(group.length / 2)]!);
  }
  return agreed;
}

/** A majority of every voter group is in `ids` (§5.2 votes, §6.2 CheckQuorum, §6.4 reads). */
export function hasQuorum(membership: Membership, ids: ReadonlySet<NodeId>): boolean {
  return quorumValue(membership, (id) => (ids.has(id) ? 1 : 0)) >= 1;
}

/** "3 of 5" or, joint, "3 of 5 and 2 of 3": how many of each group a decision needs. */
export function describeQuorum(membership: Membership): string {
  return voterGroups(membership).map((g) => `${Math.floor(g.length / 2) + 1} of ${g.length}`).join(' and ');
}

/** "voters 0,1,2 learners 5" (and "old 0,1,3" while joint), for traces and errors. */
export function describeMembership(membership: Membership): string {
  const parts = [`voters ${membership.voters.join(',') || '-'}`];
  if (membership.learners.length > 0) parts.push(`learners ${membership.learners.join(',')}`);
  if (membership.outgoing) parts.push(`old voters ${membership.outgoing.join(',')}`);
  return parts.join(' ');
}

export function sameMembership(a: Membership, b: Membership): boolean {
  const same = (x: readonly NodeId[] | undefined, y: readonly NodeId[] | undefined): boolean =>
    x === y || (x !== undefined && y !== undefined && x.length === y.length && x.every((id, i) => id === y[i]));
  return same(a.voters, b.voters) && same(a.learners, b.learners) && same(a.outgoing, b.outgoing);
}

/** A sorted copy without `id`. */
export function without(ids: readonly NodeId[], id: NodeId): NodeId[] {
  return ids.filter((x) => x !== id);
}

/** A sorted copy with `id`. */
export function withId(ids: readonly NodeId[], id: NodeId): NodeId[] {
  return [...without(ids, id), id].sort((a, b) => a - b);
}

/**
 * The configurations a server's log holds (thesis §4.1): the one in force as of the snapshot
 * (Figure 13's last config, or the bootstrap members), then one per configuration entry held.
 * Invariants: `held` is in ascending index order, every index in it is above `base.index`, and
 * each names a config entry of the log.
 */
export class MembershipLog {
  #base: { readonly index: number; readonly membership: Membership };
  #held: { readonly index: number; readonly membership: Membership }[] = [];

  constructor(readonly bootstrap: Membership, snapshot: Snapshot | null, entries: readonly Entry<unknown>[]) {
    const from = snapshot?.lastIncludedIndex ?? 0;
    this.#base = { index: from, membership: snapshot?.membership ?? bootstrap };
    entries.forEach((entry, i) => this.appended(from + 1 + i, entry));
  }

  /** An independent copy (RaftCore.copy()). */
  copy(): MembershipLog {
    const copy = new MembershipLog(this.bootstrap, null, []);
    copy.#base = this.#base;
    copy.#held = [...this.#held];
    return copy;
  }

  /** The configuration in force: the latest in the log, committed or not (thesis §4.1). */
  get current(): Membership {
    return this.#held.at(-1)?.membership ?? this.#base.membership;
  }

  /** The index of the entry that set the configuration in force (the snapshot's index if none is held). */
  get currentIndex(): number {
    return this.#held.at(-1)?.index ?? this.#base.index;
  }

  /** The configuration as of `index`: what a snapshot through `index` records (Figure 13). */
  at(index: number): Membership {
    return this.#latestAt(index).membership;
  }

  /** The index of the entry that set the configuration as of `index` (the snapshot's index if none held does). */
  indexAt(index: number): number {
    return this.#latestAt(index).index;
  }

  #latestAt(index: number): { readonly index: number; readonly membership: Membership } {
    for (let i = this.#held.length - 1; i >= 0; i--) if (this.#held[i]!.index <= index) return this.#held[i]!;
    return this.#base;
  }

  appended(index: number, entry: Entry<unknown>): void {
    if (entry.kind === 'config') this.#held.push({ index, membership: entry.membership });
  }

  /** Entries from `index` on were deleted (Figure 2, AppendEntries 3): their configurations go with them. */
  truncatedFrom(index: number): void {
    while ((this.#held.at(-1)?.index ?? -Infinity) >= index) this.#held.pop();
  }

  /** The log through `index` became a snapshot: the configuration as of `index` becomes the base. */
  compactedThrough(index: number): void {
    this.#base = { index, membership: this.at(index) };
    this.#held = this.#held.filter((held) => held.index > index);
  }

  /** Figure 13 step 7: the whole log was replaced by `snapshot`, which brings its own configuration. */
  resetTo(snapshot: Snapshot): void {
    this.#base = { index: snapshot.lastIncludedIndex, membership: snapshot.membership ?? this.bootstrap };
    this.#held = [];
  }
}
