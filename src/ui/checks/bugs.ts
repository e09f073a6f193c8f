import type { BugName } from '../../runtime';

/** What each injectable bug does, what it breaks, and how to provoke it — for the bug menu. */
export interface BugInfo {
  readonly title: string;
  readonly breaks: string;
  readonly provoke: string;
}

export const BUG_INFO: Record<BugName, BugInfo> = {
  grantVoteWithoutUpToDate: {
    title: 'Vote without the up-to-date check',
    breaks: 'Voters skip §5.4.1, so a node missing committed entries can win an election: Leader Completeness breaks.',
    provoke: 'Isolate a follower, put a few keys, reconnect it and force its election timeout.',
  },
  forgetVoteOnRestart: {
    title: 'Forget the vote on restart',
    breaks: 'votedFor is not restored (Figure 2 makes it persistent): a restarted node can vote twice in one term, and two leaders can share a term.',
    provoke: 'During an election, restart a node that just voted; acts at each node\'s next restart.',
  },
  commitPreviousTermByCount: {
    title: 'Commit old-term entries by counting',
    breaks: 'A leader commits an earlier term\'s entry once a majority holds it — the Figure 8 mistake §5.4.2 forbids.',
    provoke: 'Hard to hit by hand: needs a leader to crash after replicating to a minority, twice (Figure 8).',
  },
  conflictBelowSnapshot: {
    title: 'Conflict below the snapshot',
    breaks: 'A follower answers an append that starts below its snapshot with a conflict the leader discards as stale: the leader resends it forever and the follower is stranded (liveness, not safety).',
    provoke: 'After a leader change, cut only the follower → leader link, let the follower commit and save a snapshot, then heal the link.',
  },
  wipedNodeVotes: {
    title: 'A wiped node votes at once',
    breaks: 'A node whose storage was wiped votes and campaigns straight away instead of recovering first: its fresh vote can elect a leader that lacks an entry it had acknowledged (Leader Completeness).',
    provoke: 'Put a few keys, wipe a follower\'s storage (it comes back recovering) and force elections while it has not caught up.',
  },
  preVoteBumpsTerm: {
    title: 'Pre-vote raises the term',
    breaks: 'A pre-candidate raises its own term with each round of pre-votes, as a real candidate does (thesis §9.6 forbids it): a node cut off and back again deposes a working leader for nothing.',
    provoke: 'With PreVote on, isolate a follower until its timer has run out a few times, then reconnect it and watch the leader step down.',
  },
  readIndexBeforeTermCommit: {
    title: 'ReadIndex before the term commits',
    breaks: 'A new leader answers a ReadIndex read before an entry of its own term has committed (thesis §6.4 step 1): its commit index may lag the last leader\'s, so the read can miss an acknowledged write (linearizability).',
    provoke: 'With ReadIndex on, crash the leader right after a write is acknowledged and read the key from the new leader at once.',
  },
  leaseWithoutCheckQuorum: {
    title: 'Lease reads without CheckQuorum',
    breaks: 'A leader answers reads from its lease although voters do not keep the §4.2.3 lease (thesis §6.4.1): a deposed leader serves a stale read (linearizability).',
    provoke: 'With lease reads on, cut the leader off, force another node\'s election timeout, write through it, then read from the old leader.',
  },
  ackBeforePersist: {
    title: 'Acknowledge before persisting',
    breaks: 'Votes and append replies leave before IndexedDB has them (thesis §3.8): a crash then forgets a promise.',
    provoke: 'Under load, crash a follower right after it acknowledged, then crash the leader.',
  },
};
